import { randomUUID } from 'node:crypto';
import { components, type Dapr, type Db, type DbClient, type Logger, type Metrics } from '@healthsync/shared';
import type { TokenSpend } from '../domain/budget.js';
import type { CallRecord } from './claude.js';

/** Topic of AI usage events on the high-volume `usage-stream` component (Event Hubs in Azure). */
export const USAGE_TOPIC = 'ai-usage';

/**
 * One event per model call, fire-and-forget: telemetry must never slow or fail an answer. A
 * publish that fails is counted (ai_usage_publish_failures_total) and logged, not retried.
 */
export function createUsagePublisher(deps: { dapr: Dapr; logger: Logger; metrics: Metrics }) {
  const published = deps.metrics.counter('ai_usage_events_published_total', 'AI usage events published to the usage stream');
  const failed = deps.metrics.counter('ai_usage_publish_failures_total', 'AI usage events that could not be published');
  return {
    publish(record: CallRecord, now: Date): void {
      const eventId = randomUUID();
      const event = {
        eventId,
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
      };
      // The user id is the partition key, so one user's events stay in order on Event Hubs.
      deps.dapr.publish(components.usageStream, USAGE_TOPIC, event, { id: eventId, metadata: { partitionKey: record.userId } }).then(
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

/** Tokens per user and Seoul day, for the daily budget. */
export const tokenUsage = {
  async spentOn(db: Queryable, userId: string, day: string): Promise<TokenSpend> {
    const result = await db.query<{ input: string; output: string }>(
      'select input_tokens as input, output_tokens as output from token_usage where user_id = $1 and day = $2',
      [userId, day],
    );
    const row = result.rows[0];
    return { inputTokens: Number(row?.input ?? 0), outputTokens: Number(row?.output ?? 0) };
  },

  async add(db: Queryable, userId: string, day: string, spend: TokenSpend): Promise<void> {
    await db.query(
      `insert into token_usage (user_id, day, input_tokens, output_tokens, calls) values ($1, $2, $3, $4, 1)
       on conflict (user_id, day) do update set input_tokens = token_usage.input_tokens + excluded.input_tokens,
         output_tokens = token_usage.output_tokens + excluded.output_tokens, calls = token_usage.calls + 1`,
      [userId, day, spend.inputTokens, spend.outputTokens],
    );
  },

  /** Many users' spend in one statement (a message batch's results); a user may appear once per call. */
  async addMany(db: Queryable, day: string, spends: Array<{ userId: string } & TokenSpend>): Promise<void> {
    if (spends.length === 0) return;
    await db.query(
      `insert into token_usage (user_id, day, input_tokens, output_tokens, calls)
       select x.user_id, $1, x.input_tokens, x.output_tokens, 1 from unnest($2::text[], $3::bigint[], $4::bigint[]) as x(user_id, input_tokens, output_tokens)
       on conflict (user_id, day) do update set input_tokens = token_usage.input_tokens + excluded.input_tokens,
         output_tokens = token_usage.output_tokens + excluded.output_tokens, calls = token_usage.calls + 1`,
      [day, spends.map((s) => s.userId), spends.map((s) => s.inputTokens), spends.map((s) => s.outputTokens)],
    );
  },

  async erase(db: Queryable, userId: string): Promise<void> {
    await db.query('delete from token_usage where user_id = $1', [userId]);
  },
};
