import type { ConsentChannel, ConsentPurpose, DbClient } from '@healthsync/shared';
import type { ConsentAction, ConsentDecision } from '../domain/consents.js';

export interface StoredDecision extends ConsentDecision {
  id: string;
}

interface Row {
  id: string;
  purpose: ConsentPurpose;
  action: ConsentAction;
  version: string;
  channel: ConsentChannel;
  recordedAt: Date;
}

const COLUMNS = 'id::text as id, purpose, action, version, channel, recorded_at as "recordedAt"';

/** SQL for the consent history; rows are only ever inserted. Every function runs on the caller's transaction. */
export const consentsRepository = {
  /** Locks the live account so two decisions of one user are taken one after the other; false when there is none. */
  async lockLiveAccount(client: DbClient, userId: string): Promise<boolean> {
    const result = await client.query(`select 1 from users where id = $1 and status <> 'DELETED' for update`, [userId]);
    return (result.rowCount ?? 0) > 0;
  },

  async isLiveAccount(client: DbClient, userId: string): Promise<boolean> {
    const result = await client.query(`select 1 from users where id = $1 and status <> 'DELETED'`, [userId]);
    return (result.rowCount ?? 0) > 0;
  },

  /** The latest decision of each purpose (what is in force). */
  async latestPerPurpose(client: DbClient, userId: string): Promise<StoredDecision[]> {
    const result = await client.query<Row>(
      `select distinct on (purpose) ${COLUMNS} from consent_events where user_id = $1 order by purpose, consent_events.id desc`,
      [userId],
    );
    return result.rows;
  },

  async insert(client: DbClient, userId: string, decision: ConsentDecision): Promise<void> {
    await client.query(`insert into consent_events (user_id, purpose, action, version, channel, recorded_at) values ($1, $2, $3, $4, $5, $6)`, [
      userId,
      decision.purpose,
      decision.action,
      decision.version,
      decision.channel,
      decision.recordedAt,
    ]);
  },

  /**
   * The latest decision about one purpose of each of many live accounts (a deleted or unknown
   * account has none), by user id: one indexed query for a whole chunk of users.
   */
  async latestOfMany(client: DbClient, userIds: readonly string[], purpose: ConsentPurpose): Promise<Map<string, StoredDecision>> {
    const result = await client.query<Row & { userId: string }>(
      `select distinct on (e.user_id) e.user_id as "userId", e.id::text as id, e.purpose, e.action, e.version, e.channel, e.recorded_at as "recordedAt"
       from consent_events e join users u on u.id = e.user_id and u.status <> 'DELETED'
       where e.user_id = any($1::uuid[]) and e.purpose = $2
       order by e.user_id, e.id desc`,
      [userIds, purpose],
    );
    return new Map(result.rows.map(({ userId, ...decision }) => [userId, decision]));
  },

  /** Newest first, `limit` rows older than the row `before` (an id) when given. */
  async history(client: DbClient, userId: string, limit: number, before: bigint | undefined): Promise<StoredDecision[]> {
    const result = await client.query<Row>(
      `select ${COLUMNS} from consent_events where user_id = $1 and ($2::bigint is null or id < $2::bigint) order by consent_events.id desc limit $3`,
      [userId, before === undefined ? null : before.toString(), limit],
    );
    return result.rows;
  },
};
