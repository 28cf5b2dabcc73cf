/**
 * The signed-in session: HealthSync's access token (15 minutes) and refresh token, kept in this
 * tab's sessionStorage (gone when the tab closes). Components listen for changes, so a session
 * that ends anywhere (sign-out, revoked, refresh refused) takes the person back to sign-in.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch */
  expiresAt: number;
}

const KEY = 'healthsync.session';
/** Why the last session ended, shown once on the sign-in page. */
const ENDED_KEY = 'healthsync.ended';
const listeners = new Set<() => void>();

function read(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<Session>;
    return typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && typeof value.expiresAt === 'number'
      ? (value as Session)
      : undefined;
  } catch {
    return undefined;
  }
}

export const session = {
  current: read,
  save(tokens: { accessToken: string; refreshToken: string; expiresIn: number }): void {
    const value: Session = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(value));
    sessionStorage.removeItem(ENDED_KEY);
    listeners.forEach((listener) => listener());
  },
  /** Ends the session in this tab; `why` is shown on the sign-in page. */
  end(why?: string): void {
    sessionStorage.removeItem(KEY);
    if (why) sessionStorage.setItem(ENDED_KEY, why);
    listeners.forEach((listener) => listener());
  },
  /** The reason the last session ended, once. */
  takeEndedReason(): string | undefined {
    const why = sessionStorage.getItem(ENDED_KEY) ?? undefined;
    sessionStorage.removeItem(ENDED_KEY);
    return why;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
