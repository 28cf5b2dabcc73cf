/**
 * The checkup history is read newest first, a page at a time; a page's cursor names the last
 * checkup it showed, so the next page starts right after it even when a newer import arrives
 * meanwhile (the convention every list follows: `limit` and an opaque `cursor`). Opaque to
 * clients: base64url of a versioned prefix and the checkup id.
 */
const PREFIX = 'c1:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeHistoryCursor(checkupId: string): string {
  return Buffer.from(`${PREFIX}${checkupId}`).toString('base64url');
}

/** The checkup id a cursor names, or undefined when it is not one of ours. */
export function decodeHistoryCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return undefined;
  const id = text.slice(PREFIX.length);
  return UUID.test(id) ? id : undefined;
}
