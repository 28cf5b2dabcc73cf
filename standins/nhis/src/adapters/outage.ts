/**
 * The simulated outage switch.
 * - error:       NHIS (the scraped institution) fails; the aggregator answers HTTP 200 with CF-12003.
 * - unavailable: the aggregator itself fails; HTTP 503 with a CF-09999 body.
 * - hang:        requests are accepted and never answered (until the client gives up).
 */
export type OutageMode = 'error' | 'unavailable' | 'hang';

export interface OutageSwitch {
  current(): { down: false } | { down: true; mode: OutageMode };
  set(down: boolean, mode?: OutageMode): void;
}

export function createOutageSwitch(): OutageSwitch {
  let state: { down: false } | { down: true; mode: OutageMode } = { down: false };
  return {
    current: () => state,
    set: (down, mode = 'error') => {
      state = down ? { down: true, mode } : { down: false };
    },
  };
}
