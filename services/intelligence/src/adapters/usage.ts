import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENT_TYPE_METADATA,
  eventContracts,
  holdLiveUsers,
  lockLiveUser,
  withTransaction,
  type Dapr,
  type Db,
  type DbClient,
  type EventData,
  type Logger,
  type Metrics,
} from '@healthsync/shared';
import type { TokenSpend } from '../domain/budget.js';
import type { CallRecord } from './claude.js';

/**
 * One event per model call, fire-and-forget: telemetry must never slow or fail an answer. A
 * publish that fails is counted (ai_usage_publish_failures_total) and logged, not retried.
 * It goes to topic `ai-usage` of the high-volume `usage-stream` component (Event Hubs in Azure);
 * the payload is the `healthsync.intelligence.ai-model-called` contract
 * (contracts/schemas/healthsync.intelligence.ai-model-called.v1.json).
 */
export function createUsagePublisher(deps: { dapr: Dapr; logger: Logger; metrics: Metrics }) {
  const contract = eventContracts.aiModelCalled;
  const published = deps.metrics.counter('ai_usage_events_published_total', 'AI usage events published to the usage stream');
  const failed = deps.metrics.counter('ai_usage_publish_failures_total', 'AI usage events that could not be published');
  return {
    publish(record: CallRecord, now: Date): void {
      const data: EventData<typeof contract> = {
        type: 'AiModelCalled',
        occurredAt: now.toISOString(),
        userId: record.userId,
        feature: record.feature,
        promptVersion: record.promptVersion,
        model: record.model,
        attempt: record.attempt,
        streamed: record.streamed,
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        latencyMs: record.latencyMs,
        outcome: record.outcome,
        ...(record.status !== undefined ? { status: record.status } : {}),
        ...(record.batched ? { batched: true } : {}),
      };
      const event = contract.schema.safeParse({ eventId: record.eventId ?? randomUUID(), ...data });
      if (!event.success) {
        failed.inc();
        deps.logger.error('AI usage event does not match its contract; not published', {
          feature: record.feature,
          issues: event.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        return;
      }
      // The user id is the partition key, so one user's events stay in order on Event Hubs.
      const metadata = { partitionKey: record.userId, [CLOUDEVENT_TYPE_METADATA]: contract.type };
      deps.dapr.publish(contract.pubsub, contract.topic, event.data, { id: event.data.eventId, metadata }).then(
        () => published.inc(),
        (error: unknown) => {
          failed.inc();
          deps.logger.warn('AI usage event not published', { feature: record.feature, error: String(error) });
        },
      );
    },
  };
}

type Queryable = Db | DbClient;

/** Tokens per user and Seoul day, for the daily budget: spent, and reserved by calls in flight. */
export const tokenUsage = {
  /**
   * Reserves `tokens` for one call if spent + reserved + tokens stays within `budget`. One statement:
   * the upsert locks the user's row for the day, so concurrent reservations are checked one after
   * the other against the latest totals. Returns whether the reservation was taken.
   */
  async reserve(db: Queryable, userId: string, day: string, tokens: number, budget: number): Promise<boolean> {
    const result = await db.query(
      `insert into token_usage (user_id, day, reserved_tokens)
       select $1, $2::date, $3::bigint where $3::bigint <= $4::bigint
       on conflict (user_id, day) do update set reserved_tokens = token_usage.reserved_tokens + excluded.reserved_tokens
         where token_usage.input_tokens + token_usage.output_tokens + token_usage.reserved_tokens + excluded.reserved_tokens <= $4::bigint
       returning 1`,
      [userId, day, tokens, budget],
    );
    return result.rowCount === 1;
  },

  /** Records what a call spent and releases its reservation (on the day it was taken). */
  async settle(db: Queryable, userId: string, day: string, reserved: number, spend: TokenSpend): Promise<void> {
    await db.query(
      `update token_usage set reserved_tokens = greatest(reserved_tokens - $3::bigint, 0),
         input_tokens = input_tokens + $4, output_tokens = output_tokens + $5, calls = calls + 1
       where user_id = $1 and day = $2::date`,
      [userId, day, reserved, spend.inputTokens, spend.outputTokens],
    );
  },

  /**
   * Many users' spend in one statement (a message batch's results); a user may appear once per call.
   * Erased users are left out (under their erasure locks: an erasure running now is waited for).
   */
  async addMany(db: Db, day: string, all: Array<{ userId: string } & TokenSpend>): Promise<void> {
    if (all.length === 0) return;
    await withTransaction(db, async (client) => {
      const erased = await holdLiveUsers(
        client,
        all.map((s) => s.userId),
      );
      const spends = all.filter((s) => !erased.has(s.userId));
      await client.query(
        `insert into token_usage (user_id, day, input_tokens, output_tokens, calls)
       select x.user_id, $1, x.input_tokens, x.output_tokens, 1 from unnest($2::text[], $3::bigint[], $4::bigint[]) as x(user_id, input_tokens, output_tokens)
       on conflict (user_id, day) do update set input_tokens = token_usage.input_tokens + excluded.input_tokens,
         output_tokens = token_usage.output_tokens + excluded.output_tokens, calls = token_usage.calls + 1`,
        [day, spends.map((s) => s.userId), spends.map((s) => s.inputTokens), spends.map((s) => s.outputTokens)],
      );
    });
  },

  async erase(db: Queryable, userId: string): Promise<void> {
    await db.query('delete from token_usage where user_id = $1', [userId]);
  },
};

/** Chat answers being streamed, for the per-user cap. */
export const chatStreams = {
  /**
   * Takes a stream slot if fewer than `cap` of the user's streams are open. The user's slots are
   * serialised by a transaction-scoped advisory lock; slots past their expiry (a process that died
   * mid-stream) no longer count.
   */
  async acquire(db: Db, slot: { id: string; userId: string; now: Date; expiresAt: Date }, cap: number): Promise<boolean> {
    return withTransaction(db, async (client) => {
      await lockLiveUser(client, slot.userId);
      await client.query(`select pg_advisory_xact_lock(hashtextextended('chat-streams:' || $1, 0))`, [slot.userId]);
      await client.query('delete from chat_streams where user_id = $1 and expires_at <= $2', [slot.userId, slot.now]);
      const open = await client.query<{ n: string }>('select count(*) as n from chat_streams where user_id = $1', [slot.userId]);
      if (Number(open.rows[0]?.n ?? 0) >= cap) return false;
      await client.query('insert into chat_streams (id, user_id, started_at, expires_at) values ($1, $2, $3, $4)', [
        slot.id,
        slot.userId,
        slot.now,
        slot.expiresAt,
      ]);
      return true;
    });
  },

  async release(db: Db, id: string): Promise<void> {
    await db.query('delete from chat_streams where id = $1', [id]);
  },

  async erase(db: Queryable, userId: string): Promise<void> {
    await db.query('delete from chat_streams where user_id = $1', [userId]);
  },
};

/** The SQL for token usage and open chat streams, handed to the handlers (which never import it), so a test can pass its own. */
export function createTokenUsageRepository() {
  return { tokenUsage, chatStreams };
}

export type TokenUsageRepository = ReturnType<typeof createTokenUsageRepository>;
