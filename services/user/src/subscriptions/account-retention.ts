import type { Retention } from '../handlers/retention.js';

/** The cron input binding's name (components/local, alt and azure: account-retention.yaml; the chart's `account-retention`). */
export const ACCOUNT_RETENTION_BINDING = 'account-retention';

/**
 * Dapr calls this on every cron tick, on every replica. The tick is answered when the run has
 * finished: a failure is reported to Dapr (and logged) rather than lost, and the next tick tries again.
 */
export function createAccountRetentionTrigger(retention: Retention) {
  return async (): Promise<void> => {
    await retention.run();
  };
}
