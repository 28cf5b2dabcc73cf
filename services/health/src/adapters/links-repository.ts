import type { Db, DbClient } from '@healthsync/shared';
import type { LinkReason, LinkState, ProviderRow, SimpleAuthProvider, TwoWayInfo } from '../domain/index.js';

export interface LinkRow {
  id: string;
  userId: string;
  state: LinkState;
  reason: LinkReason | null;
  provider: SimpleAuthProvider;
  /** Step-1 parameters (identity); null once the link is closed. */
  request: Record<string, string> | null;
  /** The provider's two-way session; null once the link is closed. */
  twoWay: TwoWayInfo | null;
  expiresAt: Date;
  newCheckupIds: string[];
  existingCheckups: number;
  createdAt: Date;
  closedAt: Date | null;
}

const COLUMNS = `id, user_id as "userId", state, reason, provider, request, two_way as "twoWay", expires_at as "expiresAt",
  new_checkup_ids as "newCheckupIds", existing_checkups as "existingCheckups", created_at as "createdAt", closed_at as "closedAt"`;

/** SQL for links and the provider's reference rows. */
const links = {
  async insertPending(
    db: Db | DbClient,
    link: { id: string; userId: string; provider: SimpleAuthProvider; request: Record<string, string>; twoWay: TwoWayInfo; expiresAt: Date; now: Date },
  ): Promise<LinkRow> {
    const result = await db.query<LinkRow>(
      `insert into nhis_links (id, user_id, state, provider, request, two_way, expires_at, created_at, updated_at)
       values ($1, $2, 'PENDING_APPROVAL', $3, $4, $5, $6, $7, $7) returning ${COLUMNS}`,
      [link.id, link.userId, link.provider, JSON.stringify(link.request), JSON.stringify(link.twoWay), link.expiresAt, link.now],
    );
    return result.rows[0]!;
  },

  /** Only the owner's: another user's link id is simply not found. */
  async find(db: Db | DbClient, userId: string, id: string): Promise<LinkRow | undefined> {
    const result = await db.query<LinkRow>(`select ${COLUMNS} from nhis_links where id = $1 and user_id = $2`, [id, userId]);
    return result.rows[0];
  },

  /**
   * Takes the right to confirm a pending link with the provider until `until`, so that two concurrent
   * completes do not both call it. Undefined when the link is not pending or another request holds it.
   */
  async claim(db: Db, userId: string, id: string, now: Date, until: Date): Promise<LinkRow | undefined> {
    const result = await db.query<LinkRow>(
      `update nhis_links set completing_until = $4, updated_at = $3
       where id = $1 and user_id = $2 and state = 'PENDING_APPROVAL' and (completing_until is null or completing_until < $3)
       returning ${COLUMNS}`,
      [id, userId, now, until],
    );
    return result.rows[0];
  },

  async release(db: Db, id: string): Promise<void> {
    await db.query('update nhis_links set completing_until = null where id = $1', [id]);
  },

  /** Closes a pending link without an import and erases the identity and session it held. */
  async close(db: Db | DbClient, id: string, state: Exclude<LinkState, 'PENDING_APPROVAL' | 'IMPORTED'>, reason: LinkReason, now: Date): Promise<void> {
    await db.query(
      `update nhis_links set state = $2, reason = $3, request = null, two_way = null, completing_until = null,
         closed_at = $4, updated_at = $4
       where id = $1 and state = 'PENDING_APPROVAL'`,
      [id, state, reason, now],
    );
  },

  async markImported(client: DbClient, id: string, newCheckupIds: readonly string[], existingCheckups: number, now: Date): Promise<void> {
    await client.query(
      `update nhis_links set state = 'IMPORTED', reason = null, request = null, two_way = null, completing_until = null,
         new_checkup_ids = $2::uuid[], existing_checkups = $3, closed_at = $4, updated_at = $4
       where id = $1`,
      [id, newCheckupIds, existingCheckups, now],
    );
  },

  /** Closes every pending link whose approval window passed (nobody completed it), erasing what it held. */
  async expireStale(db: Db, now: Date): Promise<number> {
    const result = await db.query(
      `update nhis_links set state = 'EXPIRED', reason = 'APPROVAL_WINDOW_PASSED', request = null, two_way = null,
         completing_until = null, closed_at = $1, updated_at = $1
       where state = 'PENDING_APPROVAL' and expires_at <= $1 and (completing_until is null or completing_until < $1)`,
      [now],
    );
    return result.rowCount ?? 0;
  },

  async deleteAllOf(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from nhis_reference_rows where user_id = $1', [userId]);
    await client.query('delete from nhis_links where user_id = $1', [userId]);
  },
};

const referenceRows = {
  async insert(client: DbClient, linkId: string, userId: string, rows: readonly ProviderRow[]): Promise<void> {
    let position = 0;
    for (const row of rows) {
      const type = typeof row.resType === 'string' ? row.resType : typeof row.refType === 'string' ? row.refType : '';
      await client.query(
        `insert into nhis_reference_rows (link_id, position, user_id, row_type, cells) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [linkId, position, userId, type, JSON.stringify(row)],
      );
      position += 1;
    }
  },

  async forLink(db: Db, linkId: string): Promise<ProviderRow[]> {
    const result = await db.query<{ cells: ProviderRow }>('select cells from nhis_reference_rows where link_id = $1 order by position', [linkId]);
    return result.rows.map((r) => r.cells);
  },
};

/** The SQL for NHIS links and reference rows, handed to the handlers (which never import it), so a test can pass its own. */
export function createLinksRepository() {
  return { links, referenceRows };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
