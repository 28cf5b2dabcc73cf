import { enqueueEvent, eventContracts, withTransaction, type Clock, type Db, type Logger, type Metrics } from '@healthsync/shared';
import type { AccountsRepository, RetentionRow } from '../adapters/accounts-repository.js';
import { retentionAction, retentionCutoffs, type RetentionPolicy } from '../domain/retention.js';
import type { Accounts } from './accounts.js';

/** Accounts read per query, and locked and acted on per transaction (notices). */
const PAGE = 200;

export interface RetentionRunResult {
  notified: number;
  erased: number;
  /** Accounts another replica (or a sign-in) held, or whose erasure failed: the next run takes them. */
  skipped: number;
}

/**
 * The daily retention job (docs/decisions/022-inactive-account-retention.md), started by the
 * `account-retention` cron binding on every replica. Everything it knows is in the database, so a
 * restart loses nothing, and it is idempotent: a notice is recorded in the transaction that enqueues
 * its event (a second run finds it sent), an erased account is no longer live. Rows are locked with
 * SKIP LOCKED, so two replicas running at once each act on different accounts, never both on one.
 */
export function createRetention(deps: {
  db: Db;
  repository: AccountsRepository;
  accounts: Pick<Accounts, 'eraseInactive'>;
  policy: RetentionPolicy;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  eventsEnqueued(): void;
}) {
  const { db, policy, clock, logger } = deps;
  const { retention } = deps.repository;
  const notices = deps.metrics.counter('retention_notices_total', 'Notices of a coming erasure published to inactive accounts');
  const erasures = deps.metrics.counter('retention_erasures_total', 'Inactive accounts erased after their notice');
  let running: Promise<RetentionRunResult> | undefined;

  /** Notices: each page of candidates locked, checked again with the rule, recorded and enqueued in one transaction. */
  async function notify(now: Date, result: RetentionRunResult): Promise<void> {
    const { noticeIfActiveBy } = retentionCutoffs(policy, now);
    let after: RetentionRow | undefined;
    for (;;) {
      const page = await withTransaction(db, (client) => retention.noticeCandidates(client, noticeIfActiveBy, after, PAGE));
      if (page.length === 0) return;
      after = page[page.length - 1];
      const sent = await withTransaction(db, async (client) => {
        const locked = await retention.lockLive(
          client,
          page.map((row) => row.userId),
        );
        result.skipped += page.length - locked.length;
        let count = 0;
        for (const row of locked) {
          const action = retentionAction(row, policy, now);
          if (action.kind !== 'NOTIFY') continue;
          await retention.markNotified(client, row.userId, now);
          await enqueueEvent(client, eventContracts.inactiveAccountNotice, {
            type: 'InactiveAccountNotice',
            userId: row.userId,
            occurredAt: now.toISOString(),
            lastActiveAt: row.lastActiveAt.toISOString(),
            erasureAt: action.erasureAt.toISOString(),
            inactiveDays: policy.inactiveDays,
          });
          logger.info('inactive account notified of its erasure', { userId: row.userId, erasureAt: action.erasureAt.toISOString() });
          count += 1;
        }
        return count;
      });
      if (sent > 0) {
        notices.inc(sent);
        result.notified += sent;
        deps.eventsEnqueued();
      }
      if (page.length < PAGE) return;
    }
  }

  /** Erasures: one account per transaction (each writes its sessions' revocations), through the deletion's own path. */
  async function erase(now: Date, result: RetentionRunResult): Promise<void> {
    const { eraseIfActiveBy, eraseIfNotifiedBy } = retentionCutoffs(policy, now);
    let after: RetentionRow | undefined;
    for (;;) {
      const page = await withTransaction(db, (client) =>
        retention.erasureCandidates(client, { activeBy: eraseIfActiveBy, notifiedBy: eraseIfNotifiedBy }, after, PAGE),
      );
      if (page.length === 0) return;
      after = page[page.length - 1];
      for (const candidate of page) {
        try {
          const erased = await withTransaction(db, async (client) => {
            const [row] = await retention.lockLive(client, [candidate.userId]);
            if (!row || retentionAction(row, policy, now).kind !== 'ERASE') return false;
            await deps.accounts.eraseInactive(client, row.userId);
            return true;
          });
          if (erased) {
            erasures.inc();
            result.erased += 1;
            deps.eventsEnqueued();
            logger.info('account deleted', { userId: candidate.userId, reason: 'RETENTION' });
          } else {
            result.skipped += 1;
          }
        } catch (error) {
          // Nothing of this account changed (the revocation store refused, say): the next run tries again.
          result.skipped += 1;
          logger.warn('could not erase an inactive account; the next run tries again', { userId: candidate.userId, error: String(error) });
        }
      }
      if (page.length < PAGE) return;
    }
  }

  async function runOnce(): Promise<RetentionRunResult> {
    const now = clock.now();
    const result: RetentionRunResult = { notified: 0, erased: 0, skipped: 0 };
    // Erasures first: an account notified in this run is never due for erasure in it anyway.
    await erase(now, result);
    await notify(now, result);
    logger.info('retention run finished', { ...result, inactiveDays: policy.inactiveDays, noticeDays: policy.noticeDays });
    return result;
  }

  return {
    /** One run; a tick arriving while one runs in this replica waits for it instead of starting another. */
    run(): Promise<RetentionRunResult> {
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
