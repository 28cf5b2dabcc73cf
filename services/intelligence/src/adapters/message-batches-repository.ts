import { holdLiveUsers, withTransaction, type Db, type DbClient } from '@healthsync/shared';
import type { BatchOutcome, ItemResult } from '../domain/message-batch.js';
import type { MessageKind } from '../domain/messages.js';

/** Message batches and their requests (migrations/003_message_batches.sql). */
export type BatchStatus = 'OPEN' | 'SUBMITTING' | 'IN_PROGRESS' | 'COLLECTED';

export interface BatchRow {
  id: string;
  kind: MessageKind;
  status: BatchStatus;
  providerBatchId: string | null;
  model: string;
  promptVersion: string;
  requestCount: number;
  counts: Record<string, number> | null;
  createdAt: Date;
  submittedAt: Date | null;
  endedAt: Date | null;
  collectedAt: Date | null;
}

export interface BatchItem {
  customId: string;
  userId: string;
  facts: Record<string, unknown>;
}

export interface CollectedItem {
  customId: string;
  userId: string;
  outcome: BatchOutcome;
  text: string;
  source: 'AI' | 'FALLBACK';
  fallbackReason: string | null;
}

const COLUMNS = `id, kind, status, provider_batch_id as "providerBatchId", model, prompt_version as "promptVersion",
  request_count as "requestCount", counts, created_at as "createdAt", submitted_at as "submittedAt", ended_at as "endedAt",
  collected_at as "collectedAt"`;

export type MessageBatchesRepository = ReturnType<typeof createMessageBatchesRepository>;

export function createMessageBatchesRepository(db: Db) {
  return {
    async get(id: string): Promise<BatchRow | undefined> {
      return (await db.query<BatchRow>(`select ${COLUMNS} from message_batches where id = $1`, [id])).rows[0];
    },

    /** The batch, created OPEN when it does not exist yet. */
    async open(id: string, kind: MessageKind, model: string, promptVersion: string): Promise<BatchRow> {
      await db.query(`insert into message_batches (id, kind, status, model, prompt_version) values ($1, $2, 'OPEN', $3, $4) on conflict (id) do nothing`, [
        id,
        kind,
        model,
        promptVersion,
      ]);
      return (await this.get(id))!;
    },

    /**
     * Adds requests to an OPEN batch (a request already there is kept); returns the batch's size. A
     * request of an erased user is not stored (checked under each user's erasure lock, so an erasure
     * running now is waited for) but still counted, so the caller's count of what it sent holds.
     */
    async addItems(id: string, items: BatchItem[]): Promise<number> {
      return withTransaction(db, async (client) => {
        const erased = await holdLiveUsers(
          client,
          items.map((i) => i.userId),
        );
        const live = items.filter((i) => !erased.has(i.userId));
        const result = await client.query<{ n: number }>(
          `with added as (
             insert into message_batch_items (batch_id, custom_id, user_id, facts)
             select $1, x.custom_id, x.user_id, x.facts::jsonb
             from unnest($2::text[], $3::text[], $4::text[]) as x(custom_id, user_id, facts)
             where exists (select 1 from message_batches where id = $1 and status = 'OPEN')
             on conflict (batch_id, custom_id) do nothing
             returning 1
           )
           update message_batches set request_count = request_count + (select count(*) from added) + $5
           where id = $1 and status = 'OPEN' returning request_count as n`,
          [id, live.map((i) => i.customId), live.map((i) => i.userId), live.map((i) => JSON.stringify(i.facts)), items.length - live.length],
        );
        return result.rows[0]?.n ?? 0;
      });
    },

    async items(id: string, after: string | null, limit: number): Promise<BatchItem[]> {
      const result = await db.query<BatchItem>(
        `select custom_id as "customId", user_id as "userId", facts from message_batch_items
         where batch_id = $1 and ($2::text is null or custom_id > $2) order by custom_id limit $3`,
        [id, after, limit],
      );
      return result.rows;
    },

    /**
     * OPEN → SUBMITTING, or a SUBMITTING whose submitter died (older than the lease); false when
     * someone else is submitting it or it was submitted. `submitted_at` holds when the attempt began.
     */
    async markSubmitting(id: string, leaseSeconds = 180): Promise<boolean> {
      const result = await db.query(
        `update message_batches set status = 'SUBMITTING', submitted_at = now()
         where id = $1 and (status = 'OPEN' or (status = 'SUBMITTING' and submitted_at < now() - make_interval(secs => $2)))`,
        [id, leaseSeconds],
      );
      return (result.rowCount ?? 0) > 0;
    },

    /** A submission the provider refused: OPEN again. */
    async reopen(id: string): Promise<void> {
      await db.query(`update message_batches set status = 'OPEN', submitted_at = null where id = $1 and status = 'SUBMITTING'`, [id]);
    },

    async markSubmitted(id: string, providerBatchId: string): Promise<void> {
      await db.query(`update message_batches set status = 'IN_PROGRESS', provider_batch_id = $2, submitted_at = now() where id = $1`, [id, providerBatchId]);
    },

    /** Stores the texts of collected requests, a page at a time. */
    async saveResults(id: string, results: Array<ItemResult & { customId: string }>): Promise<void> {
      await db.query(
        `update message_batch_items i set outcome = x.outcome, text = x.text, source = x.source, fallback_reason = x.reason,
           input_tokens = x.input_tokens, output_tokens = x.output_tokens
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
           as x(custom_id, outcome, text, source, reason, input_tokens, output_tokens)
         where i.batch_id = $1 and i.custom_id = x.custom_id`,
        [
          id,
          results.map((r) => r.customId),
          results.map((r) => r.outcome),
          results.map((r) => r.text),
          results.map((r) => r.source),
          results.map((r) => r.fallbackReason),
          results.map((r) => r.inputTokens),
          results.map((r) => r.outputTokens),
        ],
      );
    },

    async markCollected(id: string, counts: Record<string, number>, endedAt: string | null): Promise<void> {
      await db.query(`update message_batches set status = 'COLLECTED', counts = $2, ended_at = $3, collected_at = now() where id = $1`, [id, counts, endedAt]);
    },

    async collected(id: string, after: string | null, limit: number): Promise<CollectedItem[]> {
      const result = await db.query<CollectedItem>(
        `select custom_id as "customId", user_id as "userId", outcome, text, source, fallback_reason as "fallbackReason"
         from message_batch_items where batch_id = $1 and ($2::text is null or custom_id > $2) order by custom_id limit $3`,
        [id, after, limit],
      );
      return result.rows;
    },

    /** Batches (and their requests) older than `days` are dropped. */
    async prune(days: number): Promise<number> {
      const result = await db.query('delete from message_batches where created_at < now() - make_interval(days => $1)', [days]);
      return result.rowCount ?? 0;
    },

    async eraseUser(client: DbClient, userId: string): Promise<void> {
      await client.query('delete from message_batch_items where user_id = $1', [userId]);
    },
  };
}
