import { UpstreamUnavailableError, ValidationError, type Clock, type Db, type Logger } from '@healthsync/shared';
import { accessAuditRepository as repo } from '../adapters/access-audit-repository.js';
import {
  decodeAuditCursor,
  describeAccess,
  encodeAuditCursor,
  type AccessorKind,
  type AccessPurpose,
  type AccessRecord,
  type AuditedResource,
} from '../domain/access-audit.js';

export class AccessLogUnavailableError extends UpstreamUnavailableError {
  constructor() {
    super('ACCESS_LOG_UNAVAILABLE', 'The access could not be recorded right now, so the health data is not shown; try again shortly.', 5);
  }
}

export interface AccessLogEntry {
  accessedAt: string;
  accessor: { kind: AccessorKind; id: string };
  resource: AuditedResource;
  resourceId: string | null;
  purpose: AccessPurpose;
  description: string;
}

export function createAccessAudit(deps: { db: Db; clock: Clock; logger: Logger }) {
  return {
    /**
     * Records a read before its data leaves the service: when the record cannot be written, the
     * read fails (503) rather than happen unrecorded.
     */
    async record(record: Omit<AccessRecord, 'accessedAt'>): Promise<void> {
      try {
        await repo.insert(deps.db, { ...record, accessedAt: deps.clock.now() });
      } catch (error) {
        deps.logger.error('could not record a read of health data; the read is refused', { error: String(error), resource: record.resource });
        throw new AccessLogUnavailableError();
      }
    },

    /** "Who accessed my data": the user's own entries, newest first. */
    async page(userId: string, limit: number, cursor: string | undefined): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
      let before: bigint | undefined;
      if (cursor !== undefined) {
        before = decodeAuditCursor(cursor);
        if (before === undefined) throw new ValidationError([{ field: 'query.cursor', message: 'cursor is not one this list gave' }]);
      }
      const rows = await repo.page(deps.db, userId, limit + 1, before);
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({
          accessedAt: r.accessedAt.toISOString(),
          accessor: { kind: r.accessorKind, id: r.accessor },
          resource: r.resource,
          resourceId: r.resourceId,
          purpose: r.purpose,
          description: describeAccess(r),
        })),
        nextCursor: rows.length > limit ? encodeAuditCursor(page[page.length - 1]!.id) : null,
      };
    },

    async purgeExpired(): Promise<number> {
      return repo.purgeExpired(deps.db);
    },
  };
}

export type AccessAudit = ReturnType<typeof createAccessAudit>;
