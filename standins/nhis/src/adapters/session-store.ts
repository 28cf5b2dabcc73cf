import type { TwoWaySession } from '../domain/two-way.js';

/**
 * Two-way sessions by jti. Finished and expired sessions are kept for an hour so that late
 * confirm calls still get the right code (timeout, denied …) instead of "unknown".
 */
export interface SessionStore {
  get(jti: string): TwoWaySession | undefined;
  put(session: TwoWaySession): void;
  all(): TwoWaySession[];
  clear(): void;
}

const KEEP_AFTER_EXPIRY_MS = 60 * 60 * 1000;

export function createSessionStore(now: () => number): SessionStore {
  const sessions = new Map<string, TwoWaySession>();
  const prune = () => {
    const t = now();
    for (const [jti, s] of sessions) if (t > s.expiresAt + KEEP_AFTER_EXPIRY_MS) sessions.delete(jti);
  };
  return {
    get(jti) {
      prune();
      return sessions.get(jti);
    },
    put(session) {
      sessions.set(session.info.jti, session);
    },
    all() {
      prune();
      return [...sessions.values()];
    },
    clear() {
      sessions.clear();
    },
  };
}
