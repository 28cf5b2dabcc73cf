import type { Db } from '@healthsync/shared';
import type { AccessorKind, AccessPurpose, AccessRecord, AuditedResource } from '../domain/access-audit.js';

export interface StoredAccess extends AccessRecord {
  id: string;
}

interface Row {
  id: string;
  userId: string;
  accessorKind: AccessorKind;
  accessor: string;
  resource: AuditedResource;
  resourceId: string | null;
  purpose: AccessPurpose;
  accessedAt: Date;
}

/**
 * The access audit table: insert and select only (the service's role may do nothing else with
 * it: scripts/migrate.mjs). Expired rows go through the owner's purge function.
 */
export const accessAuditRepository = {
  async insert(db: Db, record: AccessRecord): Promise<void> {
    await db.query(
      `insert into access_audit (user_id, accessor_kind, accessor, resource, resource_id, purpose, accessed_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [record.userId, record.accessorKind, record.accessor, record.resource, record.resourceId, record.purpose, record.accessedAt],
    );
  },

  /** Newest first; `limit` rows older than the row `before` (an id) when given. */
  async page(db: Db, userId: string, limit: number, before: bigint | undefined): Promise<StoredAccess[]> {
    const result = await db.query<Row>(
      `select id::text as id, user_id as "userId", accessor_kind as "accessorKind", accessor, resource,
              resource_id as "resourceId", purpose, accessed_at as "accessedAt"
         from access_audit where user_id = $1 and ($2::bigint is null or id < $2::bigint)
        order by access_audit.id desc limit $3`,
      [userId, before === undefined ? null : before.toString(), limit],
    );
    return result.rows;
  },

  /** Destroys the rows past the retention period; how many. */
  async purgeExpired(db: Db): Promise<number> {
    const result = await db.query<{ purged: number }>('select purge_expired_access_audit() as purged');
    return result.rows[0]?.purged ?? 0;
  },
};
