import { holdLiveUser, holdLiveUsers, withTransaction, type Db, type DbClient } from '@healthsync/shared';
import type { ProgressFacts } from '../domain/progress-view.js';

/**
 * One decision per user and day's run (table `deliveries`, key (run_date, user_id)), and the
 * inbox row it produces (table `notifications`, also unique on (run_date, user_id)).
 *
 * Replicas share a run by claiming a few PENDING users at a time (SKIP LOCKED); a claim
 * expires, so the users of a replica that died are taken over. Should a replica outlive its
 * claim, the notification's unique key still refuses the second message.
 */
export type PlannedState = 'PENDING' | 'SKIPPED';

export interface PlannedDecision {
  userId: string;
  state: PlannedState;
  reason: string | null;
  urgency: number;
  facts: ProgressFacts;
}

export interface ClaimedUser {
  userId: string;
  urgency: number;
  facts: ProgressFacts;
  attempts: number;
  /** The text generated ahead of delivery, when there is one (a delivery taken over from a replica that died). */
  prepared: { text: string; source: 'AI' | 'FALLBACK' } | null;
}

export interface Decision {
  runDate: string;
  userId: string;
  state: 'PENDING' | 'GENERATING' | 'PREPARED' | 'CLAIMED' | 'SENT' | 'SKIPPED' | 'FAILED';
  reason: string | null;
  urgency: number;
  facts: ProgressFacts | null;
  attempts: number;
  textSource: 'AI' | 'FALLBACK' | null;
  notificationId: string | null;
  deliverAt: Date | null;
  plannedAt: Date;
  decidedAt: Date | null;
}

export interface DecisionCount {
  state: Decision['state'];
  reason: string | null;
  textSource: 'AI' | 'FALLBACK' | null;
  count: number;
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;

export function createDeliveriesRepository(db: Db) {
  return {
    /**
     * Records the plan's decisions. A user already decided keeps the decision — except a
     * SKIPPED one, which a new plan (after the user's facts or preferences changed) replaces.
     * Returns the decisions actually written.
     */
    async plan(runDate: string, planned: PlannedDecision[]): Promise<{ userId: string; state: PlannedState; reason: string | null }[]> {
      if (planned.length === 0) return [];
      // Not for users erased since they were read (under their erasure locks: an erasure running now is waited for).
      return withTransaction(db, async (client) => {
        const erased = await holdLiveUsers(
          client,
          planned.map((d) => d.userId),
        );
        const decisions = planned.filter((d) => !erased.has(d.userId));
        const result = await client.query<{ user_id: string; state: PlannedState; reason: string | null }>(
          `insert into deliveries (run_date, user_id, state, reason, urgency, facts, decided_at)
         select $1::date, x.user_id, x.state, x.reason, x.urgency, x.facts::jsonb, case when x.state = 'SKIPPED' then now() end
         from unnest($2::uuid[], $3::text[], $4::text[], $5::float8[], $6::text[]) as x(user_id, state, reason, urgency, facts)
         on conflict (run_date, user_id) do update set state = excluded.state, reason = excluded.reason, urgency = excluded.urgency,
           facts = excluded.facts, planned_at = now(), decided_at = excluded.decided_at, attempts = 0, claimed_by = null,
           claim_expires_at = null
         where deliveries.state = 'SKIPPED'
         returning user_id, state, reason`,
          [
            runDate,
            decisions.map((d) => d.userId),
            decisions.map((d) => d.state),
            decisions.map((d) => d.reason),
            decisions.map((d) => d.urgency),
            decisions.map((d) => JSON.stringify(d.facts)),
          ],
        );
        return result.rows.map((r) => ({ userId: r.user_id, state: r.state, reason: r.reason }));
      });
    },

    /**
     * True when the day's run has users to work on: planned (unless `includePending` is false:
     * texts generated ahead take those), retryable, or left by a replica that died.
     */
    async hasWork(runDate: string, maxAttempts: number, includePending = true): Promise<boolean> {
      const result = await db.query<{ work: boolean }>(
        `select exists (
           select 1 from deliveries
           where run_date = $1 and state in ('PENDING', 'CLAIMED', 'FAILED')
             and ((state = 'PENDING' and $3) or (state = 'CLAIMED' and claim_expires_at < now())
                  or (state = 'FAILED' and claim_expires_at < now() and attempts < $2))
         ) as work`,
        [runDate, maxAttempts, includePending],
      );
      return result.rows[0]?.work ?? false;
    },

    /** Users whose claim expired after their last allowed attempt become FAILED (GAVE_UP). */
    async giveUpAbandoned(runDate: string, maxAttempts: number): Promise<string[]> {
      const result = await db.query<{ user_id: string }>(
        `update deliveries set state = 'FAILED', reason = 'GAVE_UP', claimed_by = null, claim_expires_at = null, decided_at = now()
         where run_date = $1 and state = 'CLAIMED' and claim_expires_at < now() and attempts >= $2
         returning user_id`,
        [runDate, maxAttempts],
      );
      return result.rows.map((r) => r.user_id);
    },

    /** Claims the most urgent users nobody is working on, for `ttlSeconds` (PENDING ones only when `includePending`). */
    async claim(runDate: string, owner: string, limit: number, ttlSeconds: number, maxAttempts: number, includePending = true): Promise<ClaimedUser[]> {
      const result = await db.query<{
        user_id: string;
        urgency: number;
        facts: ProgressFacts;
        attempts: number;
        prepared_text: string | null;
        prepared_source: 'AI' | 'FALLBACK' | null;
      }>(
        `update deliveries d set state = 'CLAIMED', claimed_by = $2, claim_expires_at = now() + make_interval(secs => $4),
           attempts = d.attempts + 1
         from (
           select user_id from deliveries
           where run_date = $1 and state in ('PENDING', 'CLAIMED', 'FAILED')
             and ((state = 'PENDING' and $6) or (state <> 'PENDING' and claim_expires_at < now() and attempts < $5))
           order by urgency desc, user_id
           limit $3
           for update skip locked
         ) c
         where d.run_date = $1 and d.user_id = c.user_id
         returning d.user_id, d.urgency, d.facts, d.attempts, d.prepared_text, d.prepared_source`,
        [runDate, owner, limit, ttlSeconds, maxAttempts, includePending],
      );
      return result.rows.map((r) => ({
        userId: r.user_id,
        urgency: r.urgency,
        facts: r.facts,
        attempts: r.attempts,
        prepared: r.prepared_text !== null && r.prepared_source !== null ? { text: r.prepared_text, source: r.prepared_source } : null,
      }));
    },

    /** Final skips of claimed users; returns those still ours to decide. */
    async recordSkips(runDate: string, owner: string, skips: { userId: string; reason: string }[]): Promise<string[]> {
      if (skips.length === 0) return [];
      const result = await db.query<{ user_id: string }>(
        `update deliveries d set state = 'SKIPPED', reason = x.reason, decided_at = now(), claimed_by = null, claim_expires_at = null
         from unnest($2::uuid[], $3::text[]) as x(user_id, reason)
         where d.run_date = $1 and d.user_id = x.user_id and d.state = 'CLAIMED' and d.claimed_by = $4
         returning d.user_id`,
        [runDate, skips.map((s) => s.userId), skips.map((s) => s.reason), owner],
      );
      return result.rows.map((r) => r.user_id);
    },

    /**
     * Puts the message in the inbox and records the decision, in one statement, if the user
     * is still claimed by `owner` (a replica that outlived its claim writes nothing). The
     * notification's unique (run_date, user_id) key makes a second message impossible even
     * when two replicas pass that check at the same moment: the second insert does nothing.
     * `notificationId` is null when no message was written; `recorded` tells whether the
     * claim was still ours.
     */
    async recordSent(input: {
      runDate: string;
      userId: string;
      owner: string;
      notificationId: string;
      text: string;
      source: 'AI' | 'FALLBACK';
      deliverAt: Date;
      deferred: boolean;
    }): Promise<{ notificationId: string | null; recorded: boolean }> {
      // No message for a user erased meanwhile (their decision went with the erasure: nothing to record).
      return withTransaction(db, async (client) => {
        if (!(await holdLiveUser(client, input.userId))) return { notificationId: null, recorded: false };
        const result = await client.query<{ inserted: string | null; recorded: number }>(
          `with inserted as (
           insert into notifications (id, user_id, kind, text, source, run_date, deliver_at)
           select $3::uuid, $2::uuid, 'ENCOURAGEMENT', $4::text, $5::text, $1::date, $6::timestamptz
           where exists (select 1 from deliveries where run_date = $1 and user_id = $2 and state = 'CLAIMED' and claimed_by = $7)
           on conflict (run_date, user_id) do nothing
           returning id
         ), recorded as (
           update deliveries set state = 'SENT',
             reason = case when exists (select 1 from inserted) then (case when $8 then 'DEFERRED' end) else 'ALREADY_SENT' end,
             notification_id = coalesce((select id from inserted), notification_id),
             text_source = $5, deliver_at = $6, decided_at = now(), claimed_by = null, claim_expires_at = null
           where run_date = $1 and user_id = $2 and state = 'CLAIMED' and claimed_by = $7
           returning 1
         )
         select (select id from inserted) as inserted, (select count(*) from recorded)::int as recorded`,
          [input.runDate, input.userId, input.notificationId, input.text, input.source, input.deliverAt, input.owner, input.deferred],
        );
        const row = result.rows[0]!;
        return { notificationId: row.inserted, recorded: row.recorded > 0 };
      });
    },

    /** A failed attempt: retried after `retryAfterSeconds` until the attempts run out. */
    async recordFailure(runDate: string, userId: string, owner: string, retryAfterSeconds: number): Promise<void> {
      await db.query(
        `update deliveries set state = 'FAILED', reason = 'ERROR', decided_at = now(), claimed_by = null,
           claim_expires_at = now() + make_interval(secs => $4)
         where run_date = $1 and user_id = $2 and state = 'CLAIMED' and claimed_by = $3`,
        [runDate, userId, owner, retryAfterSeconds],
      );
    },

    /** True when no user of the day's run is waiting (for a text or for delivery) or being worked on. */
    async queueEmpty(runDate: string): Promise<boolean> {
      const result = await db.query<{ empty: boolean }>(
        `select not exists (select 1 from deliveries where run_date = $1 and state in ('PENDING', 'GENERATING', 'PREPARED', 'CLAIMED')) as empty`,
        [runDate],
      );
      return result.rows[0]?.empty ?? true;
    },

    async counts(runDate: string): Promise<DecisionCount[]> {
      const result = await db.query<{ state: Decision['state']; reason: string | null; text_source: 'AI' | 'FALLBACK' | null; n: number }>(
        `select state, reason, text_source, count(*)::int as n from deliveries where run_date = $1 group by state, reason, text_source`,
        [runDate],
      );
      return result.rows.map((r) => ({ state: r.state, reason: r.reason, textSource: r.text_source, count: r.n }));
    },

    async decisionOf(runDate: string, userId: string): Promise<Decision | undefined> {
      const result = await db.query<Decision>(
        `select to_char(run_date, 'YYYY-MM-DD') as "runDate", user_id as "userId", state, reason, urgency, facts, attempts,
                text_source as "textSource", notification_id as "notificationId", deliver_at as "deliverAt",
                planned_at as "plannedAt", decided_at as "decidedAt"
         from deliveries where run_date = $1 and user_id = $2`,
        [runDate, userId],
      );
      return result.rows[0];
    },

    /** Decisions older than `keepDays` are deleted (the inbox keeps the messages themselves). */
    async prune(runDate: string, keepDays: number): Promise<number> {
      const result = await db.query('delete from deliveries where run_date < $1::date - $2::int', [runDate, keepDays]);
      return result.rowCount ?? 0;
    },

    async erase(client: DbClient, userId: string): Promise<void> {
      await client.query('delete from deliveries where user_id = $1', [userId]);
    },
  };
}
