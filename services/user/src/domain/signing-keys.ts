/**
 * Which access-token key signs and which keys are published, as the keys in the secret store
 * change. Pure: key ids in, key ids out.
 *
 * The secret store holds the current key and, during a rotation, the previous one; both are
 * published (JWKS) so tokens signed with either verify. A key that a running replica sees
 * become current is published at once but signs only after `graceMs`: by then every replica
 * publishes it and every gateway has refreshed its copy of the JWKS, so no token reaches a
 * gateway before its key does. A replica that starts with a key has nothing older to keep
 * signing with and uses it at once (gateways fetch the JWKS again on an unknown key id).
 */
export interface SigningKeyState {
  /** Key ids the secret store holds now. */
  current: string;
  previous: string | undefined;
  /** When this replica first saw `current` as the current key (ms since epoch). */
  currentSince: number;
  /** The key id that signs new tokens. */
  signing: string;
}

export function nextSigningKeyState(
  before: SigningKeyState | undefined,
  loaded: { current: string; previous: string | undefined },
  nowMs: number,
  graceMs: number,
): SigningKeyState {
  const published = new Set([loaded.current, ...(loaded.previous ? [loaded.previous] : [])]);
  if (!before) return { ...loaded, currentSince: nowMs, signing: loaded.current };
  const currentSince = before.current === loaded.current ? before.currentSince : nowMs;
  const graceOver = nowMs - currentSince >= graceMs;
  // Keep signing with the older key during the grace period, but never with one no longer published.
  const signing = graceOver || !published.has(before.signing) ? loaded.current : before.signing;
  return { ...loaded, currentSince, signing };
}

/** The key ids to publish: the current and the previous key. */
export function publishedKeyIds(state: SigningKeyState): string[] {
  return state.previous && state.previous !== state.current ? [state.current, state.previous] : [state.current];
}
