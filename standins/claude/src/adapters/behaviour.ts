/**
 * The test-only behaviour switch: how the next requests to /v1/messages are answered. A count
 * limits how many requests it applies to; after that the stand-in is normal again.
 */
export type BehaviourMode = 'normal' | 'slow' | 'fail' | 'malformed' | 'invent-number';
export type FailureStatus = 429 | 500 | 529;

export interface Behaviour {
  mode: BehaviourMode;
  status?: FailureStatus;
  /** Requests still affected; undefined means until reset. */
  count?: number;
  delayMs?: number;
  /** Pause between the events of a streamed answer (ms), so a client can leave mid-stream. */
  chunkDelayMs?: number;
  retryAfterSeconds?: number;
}

/** What one request gets: taken (and counted) once per valid, authenticated request. */
export interface Effect {
  mode: BehaviourMode;
  status: FailureStatus;
  delayMs: number;
  chunkDelayMs: number;
  /** Sent as retry-after: always on 429 (default 1 s), on 500/529 only when set. */
  retryAfterSeconds?: number;
}

export const DEFAULT_SLOW_MS = 2_000;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface BehaviourSwitch {
  set(behaviour: Behaviour): Behaviour;
  reset(): void;
  current(): Behaviour;
  take(): Effect;
}

export function createBehaviourSwitch(): BehaviourSwitch {
  let state: Behaviour = { mode: 'normal' };
  return {
    set(behaviour) {
      state = { ...behaviour };
      return { ...state };
    },
    reset() {
      state = { mode: 'normal' };
    },
    current() {
      return { ...state };
    },
    take() {
      const effect: Effect = {
        mode: state.mode,
        status: state.status ?? 500,
        delayMs: state.delayMs ?? (state.mode === 'slow' ? DEFAULT_SLOW_MS : 0),
        chunkDelayMs: state.chunkDelayMs ?? 0,
        ...(state.retryAfterSeconds !== undefined ? { retryAfterSeconds: state.retryAfterSeconds } : {}),
      };
      if (state.mode !== 'normal' && state.count !== undefined) {
        state.count -= 1;
        if (state.count <= 0) state = { mode: 'normal' };
      }
      return effect;
    },
  };
}
