import { holdLiveUser, withTransaction, type Db, type Logger, type Metrics } from '@healthsync/shared';
import type { DocumentStore } from '../adapters/document-store.js';
import type { HealthRepositories } from '../adapters/repositories.js';

/**
 * Moves an import's files from PostgreSQL (`blob_uploads`, written with the checkups) to Blob
 * Storage: right after the import, and then every `retryIntervalMs` for whatever Storage refused.
 * Each upload holds its user's erasure lock (shared) until its row is gone, so an erasure waits for
 * an upload in flight and then deletes the blob with the rest; after the erasure nothing is uploaded.
 */
export function createDocumentUploads(deps: {
  db: Db;
  repositories: Pick<HealthRepositories, 'blobUploads'>;
  documents: DocumentStore;
  logger: Logger;
  metrics: Metrics;
  retryIntervalMs: number;
}) {
  const { db, documents, logger } = deps;
  const { blobUploads } = deps.repositories;
  const uploads = deps.metrics.counter('blob_uploads_total', 'Import files moved to Blob Storage, by outcome', ['outcome']);
  const waitingGauge = deps.metrics.gauge('blob_uploads_waiting', 'Import files waiting in PostgreSQL for Blob Storage');
  let running: Promise<number> | undefined;

  /** Uploads one waiting file; false when it is not (or no longer) there to upload, or Storage refused. */
  async function uploadOne(path: string, userId: string): Promise<boolean> {
    try {
      const done = await withTransaction(db, async (client) => {
        if (!(await holdLiveUser(client, userId))) {
          await blobUploads.remove(client, path);
          return false;
        }
        const upload = await blobUploads.claim(client, path);
        if (!upload) return false;
        await documents.put(upload.path, upload.body, upload.contentType, upload.contentDisposition ?? undefined);
        await blobUploads.remove(client, path);
        return true;
      });
      if (done) uploads.inc({ outcome: 'uploaded' });
      return done;
    } catch (error) {
      uploads.inc({ outcome: 'failed' });
      await blobUploads.recordFailure(db, path, String(error)).catch(() => undefined);
      throw error;
    }
  }

  /** Uploads what is waiting (of one user, or everyone's); stops at the first failure, as Storage is then most likely down. */
  async function flushOnce(userId?: string): Promise<number> {
    let count = 0;
    try {
      for (const item of await blobUploads.waiting(db, 50, userId)) if (await uploadOne(item.path, item.userId)) count += 1;
    } catch (error) {
      logger.warn('import files stay in PostgreSQL until Blob Storage takes them', { reason: error instanceof Error ? error.message : String(error) });
    }
    const left = await db.query<{ n: string }>('select count(*) as n from blob_uploads').catch(() => undefined);
    if (left) waitingGauge.set(Number(left.rows[0]?.n ?? 0));
    return count;
  }

  const timer = setInterval(() => {
    running ??= flushOnce().finally(() => (running = undefined));
  }, deps.retryIntervalMs);
  timer.unref();

  return {
    /** Right after an import: its files go to Storage now, if Storage takes them. */
    flushUser: (userId: string) => flushOnce(userId),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export type DocumentUploads = ReturnType<typeof createDocumentUploads>;
