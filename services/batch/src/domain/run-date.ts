/** The KST calendar day (YYYY-MM-DD) an instant falls on, whatever the server's time zone. */
export function seoulDate(instant: Date): string {
  const kst = new Date(instant.getTime() + 9 * 60 * 60 * 1000);
  return kst.toISOString().slice(0, 10);
}
