import { holdLiveUsers, withTransaction, type Db, type DbClient } from '@healthsync/shared';
import type { PreparedText } from '../domain/generation.js';
import type { ProgressFacts } from '../domain/progress-view.js';

/**
 * The day's generation chunks (table `generation_chunks`) and the prepared texts in
 * `deliveries` (migrations/005_generation.sql). A user moves PENDING → GENERATING (in a chunk)
 * → PREPARED (text ready) → CLAIMED → SENT; every step is a conditional update, so a replica
 * that repeats one after a restart changes nothing twice.
 */
export type ChunkState = 'FILLING' | 'SUBMITTED' | 'COLLECTED';

export interface Chunk {
  id: string;
  runDate: string;
  state: ChunkState;
  userCount: number;
  providerBatchId: string | null;
  createdAt: Date;
}

export interface ChunkUser {
  userId: string;
  facts: ProgressFacts;
}

export interface DueUser {
  userId: string;
  urgency: number;
  facts: ProgressFacts;
  text: string;
  source: 'AI' | 'FALLBACK';
}

export interface SentInput {
  userId: string;
  notificationId: string;
  text: string;
  source: 'AI' | 'FALLBACK';
  deliverAt: Date;
  deferred: boolean;
}

const CHUNK_COLUMNS = `id, to_char(run_date, 'YYYY-MM-DD') as "runDate", state, user_count as "userCount",
  provider_batch_id as "providerBatchId", created_at as "createdAt"`;

export type GenerationRepository = ReturnType<typeof createGenerationRepository>;

export function createGenerationRepository(db: Db) {
  return {
    /**
     * Puts up to `size` of the day's PENDING users (most urgent first) in a new chunk, in one
     * transaction; undefined when nobody is pending.
     */
    async formChunk(client: DbClient, runDate: string, chunkId: string, size: number, owner: string): Promise<Chunk | undefined> {
      await client.query('begin');
      try {
        const assigned = await client.query(
          `update deliveries d set state = 'GENERATING', chunk_id = $2
           from (select user_id from deliveries where run_date = $1 and state = 'PENDING'
                 order by urgency desc, user_id limit $3 for update skip locked) p
           where d.run_date = $1 and d.user_id = p.user_id`,
          [runDate, chunkId, size],
        );
        const count = assigned.rowCount ?? 0;
        if (count === 0) {
          await client.query('rollback');
          return undefined;
        }
        const chunk = await client.query<Chunk>(
          `insert into generation_chunks (id, run_date, state, user_count, created_by) values ($1, $2, 'FILLING', $3, $4) returning ${CHUNK_COLUMNS}`,
          [chunkId, runDate, count, owner],
        );
        await client.query('commit');
        return chunk.rows[0];
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },

    async openChunks(runDate: string): Promise<Chunk[]> {
      const result = await db.query<Chunk>(
        `select ${CHUNK_COLUMNS} from generation_chunks where run_date = $1 and state <> 'COLLECTED' order by created_at, id`,
        [runDate],
      );
      return result.rows;
    },

    async chunks(runDate: string): Promise<Chunk[]> {
      const result = await db.query<Chunk>(`select ${CHUNK_COLUMNS} from generation_chunks where run_date = $1 order by created_at, id`, [runDate]);
      return result.rows;
    },

    /** The chunk's users still waiting for their text, by user id. */
    async chunkUsers(chunkId: string): Promise<ChunkUser[]> {
      const result = await db.query<ChunkUser>(
        `select user_id as "userId", facts from deliveries where chunk_id = $1 and state = 'GENERATING' order by user_id`,
        [chunkId],
      );
      return result.rows;
    },

    async markSubmitted(chunkId: string, providerBatchId: string | null): Promise<void> {
      await db.query(
        `update generation_chunks set state = 'SUBMITTED', provider_batch_id = $2, submitted_at = coalesce(submitted_at, now()) where id = $1 and state = 'FILLING'`,
        [chunkId, providerBatchId],
      );
    },

    async markCollected(chunkId: string, counts: Record<string, number> | null): Promise<void> {
      await db.query(`update generation_chunks set state = 'COLLECTED', collected_at = now(), counts = $2 where id = $1 and state <> 'COLLECTED'`, [
        chunkId,
        counts,
      ]);
    },

    /** Facts of some of a chunk's users (for the fallback of a text that cannot be shown). */
    async factsOf(runDate: string, userIds: string[]): Promise<Map<string, ProgressFacts>> {
      if (userIds.length === 0) return new Map();
      const result = await db.query<{ user_id: string; facts: ProgressFacts }>(
        'select user_id, facts from deliveries where run_date = $1 and user_id = any($2::uuid[])',
        [runDate, userIds],
      );
      return new Map(result.rows.map((r) => [r.user_id, r.facts]));
    },

    /** Stores prepared texts of users still GENERATING (in `chunkId` when given); returns how many. */
    async prepare(runDate: string, chunkId: string | null, texts: Array<{ userId: string } & PreparedText>): Promise<number> {
      if (texts.length === 0) return 0;
      const result = await db.query(
        `update deliveries d set state = 'PREPARED', prepared_text = x.text, prepared_source = x.source, prepared_reason = x.reason
         from unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) as x(user_id, text, source, reason)
         where d.run_date = $1 and d.user_id = x.user_id and d.state = 'GENERATING' and ($2::uuid is null or d.chunk_id = $2)`,
        [runDate, chunkId, texts.map((t) => t.userId), texts.map((t) => t.text), texts.map((t) => t.source), texts.map((t) => t.reason)],
      );
      return result.rowCount ?? 0;
    },

    /**
     * Users still GENERATING in chunks formed more than `graceMinutes` ago, a page at a time (for
     * the late fallback: a chunk formed after the delivery time gets its own grace).
     */
    async generatingSince(runDate: string, graceMinutes: number, limit: number): Promise<ChunkUser[]> {
      const result = await db.query<ChunkUser>(
        `select d.user_id as "userId", d.facts from deliveries d join generation_chunks c on c.id = d.chunk_id
         where d.run_date = $1 and d.state = 'GENERATING' and c.created_at < now() - make_interval(mins => $2)
         order by d.user_id limit $3`,
        [runDate, graceMinutes, limit],
      );
      return result.rows;
    },

    async hasWork(runDate: string, deliveryDue: boolean): Promise<boolean> {
      const result = await db.query<{ work: boolean }>(
        `select exists (select 1 from generation_chunks where run_date = $1 and state <> 'COLLECTED')
             or exists (select 1 from deliveries where run_date = $1 and state = 'PENDING')
             or ($2 and exists (select 1 from deliveries where run_date = $1 and state in ('PREPARED', 'GENERATING'))) as work`,
        [runDate, deliveryDue],
      );
      return result.rows[0]?.work ?? false;
    },

    /** Claims up to `limit` PREPARED users, most urgent first, for `ttlSeconds`. */
    async claimDue(runDate: string, owner: string, limit: number, ttlSeconds: number): Promise<DueUser[]> {
      const result = await db.query<{ user_id: string; urgency: number; facts: ProgressFacts; prepared_text: string; prepared_source: 'AI' | 'FALLBACK' }>(
        `update deliveries d set state = 'CLAIMED', claimed_by = $2, claim_expires_at = now() + make_interval(secs => $4), attempts = d.attempts + 1
         from (select user_id from deliveries where run_date = $1 and state = 'PREPARED'
               order by urgency desc, user_id limit $3 for update skip locked) p
         where d.run_date = $1 and d.user_id = p.user_id
         returning d.user_id, d.urgency, d.facts, d.prepared_text, d.prepared_source`,
        [runDate, owner, limit, ttlSeconds],
      );
      return result.rows.map((r) => ({ userId: r.user_id, urgency: r.urgency, facts: r.facts, text: r.prepared_text, source: r.prepared_source }));
    },

    /** Of these users, those who checked off everything scheduled on `day`. */
    async doneOn(day: string, userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const result = await db.query<{ user_id: string }>(
        'select user_id from activity_days where day = $1 and user_id = any($2::uuid[]) and scheduled > 0 and completed >= scheduled',
        [day, userIds],
      );
      return new Set(result.rows.map((r) => r.user_id));
    },

    /**
     * Messages and decisions of claimed users in one statement, as recordSent does for one:
     * only users still claimed by `owner`; the inbox's unique (run_date, user_id) refuses a
     * second message. Returns each recorded user with the notification written (null: one
     * existed already).
     */
    async recordSentMany(runDate: string, owner: string, all: SentInput[]): Promise<Array<{ userId: string; notificationId: string | null }>> {
      if (all.length === 0) return [];
      // No message for users erased meanwhile (under their erasure locks: an erasure running now is waited for).
      return withTransaction(db, async (client) => {
        const erased = await holdLiveUsers(
          client,
          all.map((s) => s.userId),
        );
        const sent = all.filter((s) => !erased.has(s.userId));
        const result = await client.query<{ user_id: string; inserted: string | null }>(
          `with x as (
           select * from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::bool[])
             as x(user_id, id, text, source, deliver_at, deferred)
         ), mine as (
           select x.* from x join deliveries d on d.run_date = $1 and d.user_id = x.user_id and d.state = 'CLAIMED' and d.claimed_by = $2
         ), inserted as (
           insert into notifications (id, user_id, kind, text, source, run_date, deliver_at)
           select id, user_id, 'ENCOURAGEMENT', text, source, $1::date, deliver_at from mine
           on conflict (run_date, user_id) do nothing
           returning id, user_id
         )
         update deliveries d set state = 'SENT',
           reason = case when i.id is not null then (case when m.deferred then 'DEFERRED' end) else 'ALREADY_SENT' end,
           notification_id = coalesce(i.id, d.notification_id), text_source = m.source, deliver_at = m.deliver_at,
           decided_at = now(), claimed_by = null, claim_expires_at = null
         from mine m left join inserted i on i.user_id = m.user_id
         where d.run_date = $1 and d.user_id = m.user_id and d.state = 'CLAIMED' and d.claimed_by = $2
         returning d.user_id, i.id as inserted`,
          [
            runDate,
            owner,
            sent.map((s) => s.userId),
            sent.map((s) => s.notificationId),
            sent.map((s) => s.text),
            sent.map((s) => s.source),
            sent.map((s) => s.deliverAt),
            sent.map((s) => s.deferred),
          ],
        );
        return result.rows.map((r) => ({ userId: r.user_id, notificationId: r.inserted }));
      });
    },
  };
}
