import type { EncouragementRun } from '../handlers/encouragement-run.js';

/** The cron input binding's name (components/local and components/azure: daily-encouragement.yaml). */
export const DAILY_ENCOURAGEMENT_BINDING = 'daily-encouragement';

/**
 * Dapr calls this on every cron tick (on every replica). The tick is acknowledged only after
 * the trigger is recorded, so a failed write makes Dapr report the failure instead of losing
 * the tick; the run itself then proceeds in the background, its progress kept in the database.
 */
export function createDailyEncouragementTrigger(run: EncouragementRun) {
  return (): Promise<void> => run.trigger();
}
