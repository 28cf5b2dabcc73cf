import type { Logger } from '@healthsync/shared';
import { seoulDate } from '../domain/run-date.js';
import type { createRunsRepository } from '../adapters/runs-repository.js';

/** The cron input binding's name (components/local and components/azure: daily-encouragement.yaml). */
export const DAILY_ENCOURAGEMENT_BINDING = 'daily-encouragement';

/**
 * Dapr calls this on every cron tick. The tick is acknowledged only after the run is
 * recorded, so a failed write makes Dapr report the failure instead of losing the tick.
 */
export function createDailyEncouragementTrigger(runs: ReturnType<typeof createRunsRepository>, logger: Logger, now = () => new Date()) {
  return async (): Promise<void> => {
    const run = await runs.recordTrigger(seoulDate(now()));
    logger.info('daily encouragement run triggered', { runDate: run.runDate, triggerCount: run.triggerCount });
  };
}
