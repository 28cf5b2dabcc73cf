import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AppError,
  DATA_EXPORT_PART_APPS,
  DATA_EXPORT_SCHEMA_VERSION,
  dataExportPartPath,
  dataExportPartSchema,
  holdLiveUser,
  NotFoundError,
  withLiveUser,
  withTransaction,
  type Clock,
  type Dapr,
  type Db,
  type ErasureStep,
  type Logger,
  type Metrics,
} from '@healthsync/shared';
import { dataExportsRepository as repo, type ClaimedExport } from '../adapters/data-exports-repository.js';
import type { DocumentStore, StoredDocument } from '../adapters/document-store.js';
import type { HealthRepositories } from '../adapters/repositories.js';
import { zipStream, type ZipEntry } from '../adapters/zip-writer.js';
import {
  buildManifest,
  decideRequest,
  documentPath,
  effectiveState,
  exportFileName,
  exportView,
  partFiles,
  README,
  retryDelaySeconds,
  type ExportPart,
  type ExportView,
  type ManifestFile,
} from '../domain/data-export.js';
import type { AccessAudit } from './access-audit.js';
import type { Reading } from './checkups.js';

export interface DataExportSettings {
  /** How long a ready export can be downloaded (s). */
  ttlSeconds: number;
  /** Exports one user may start in 24 hours. */
  perDay: number;
  /** How long a replica holds a claimed export before another may take it over (s); longer than a build. */
  leaseSeconds: number;
  /** Build attempts before an export is failed. */
  maxAttempts: number;
  /** The first retry's delay (s); it doubles. */
  retrySeconds: number;
  /** Deadline of one part's invocation (ms). */
  partTimeoutMs: number;
  /** Deadline of the ZIP's upload (ms). */
  uploadTimeoutMs: number;
  /** How often the worker looks for due exports and expired ones (ms). */
  workerIntervalMs: number;
  /** How long an expired or failed export stays listed before its row is removed (s). */
  keepFinishedSeconds: number;
}

export interface DataExportDeps {
  db: Db;
  clock: Clock;
  dapr: Dapr;
  logger: Logger;
  metrics: Metrics;
  repositories: HealthRepositories;
  reading: Reading;
  audit: AccessAudit;
  /** The exports container. */
  store: DocumentStore;
  settings: DataExportSettings;
}

/** A part could not be had: the export is retried, then failed with this reason (never built without it). */
class PartUnavailable extends Error {}

export class ExportNotFoundError extends NotFoundError {
  constructor() {
    super('EXPORT_NOT_FOUND', 'There is no such export.');
  }
}

const collect = async (body: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function createDataExports(deps: DataExportDeps) {
  const { db, clock, logger, settings } = deps;
  const { checkups, profiles } = deps.repositories;
  const built = deps.metrics.counter('data_exports_total', 'Data exports finished by this replica, by outcome', ['outcome']);
  let running: Promise<void> | undefined;
  let stopped = false;
  const blobPathOf = (userId: string, id: string) => `${userId}/${id}.zip`;

  /** Every other service's part, each checked against the shared envelope and its user. */
  async function remoteParts(userId: string): Promise<ExportPart[]> {
    return Promise.all(
      DATA_EXPORT_PART_APPS.map(async (app) => {
        let body: unknown;
        try {
          body = await deps.dapr.invoke(app, dataExportPartPath[app](userId), { method: 'GET', timeoutMs: settings.partTimeoutMs });
        } catch (error) {
          logger.warn('a service did not give its part of a data export', { app, error: String(error).slice(0, 300) });
          throw new PartUnavailable(`the ${app} service did not give its part`);
        }
        const parsed = dataExportPartSchema.safeParse(body);
        if (!parsed.success || parsed.data.userId !== userId) {
          logger.error('a part of a data export is outside its contract', { app, issues: parsed.error?.issues.slice(0, 5) });
          throw new PartUnavailable(`the ${app} service gave a part outside its contract`);
        }
        return { app, schemaVersion: parsed.data.schemaVersion, areas: parsed.data.areas };
      }),
    );
  }

  /** Health's own part; every checkup read is recorded in the access audit (purpose EXPORT) before it is read. */
  async function healthPart(userId: string): Promise<{ part: ExportPart; documents: { checkupId: string }[] }> {
    const rows = await checkups.all(db, userId);
    const details: unknown[] = [];
    for (const row of [...rows].reverse()) {
      await deps.audit.record({ userId, accessorKind: 'USER', accessor: userId, resource: 'CHECKUP', resourceId: row.id, purpose: 'EXPORT' });
      details.push(await deps.reading.detail(userId, row.id));
    }
    const facts = await profiles.get(db, userId);
    // Read last, so the log holds this export's own reads.
    const log = await deps.audit.page(userId, 100_000, undefined);
    return {
      part: {
        app: 'health',
        schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
        areas: { 'profile-facts': facts, checkups: details, 'access-log': [...log.items].reverse() },
      },
      documents: rows.filter((r) => r.documentBlob !== null).map((r) => ({ checkupId: r.id })),
    };
  }

  /** The files of the ZIP in order: README, the parts' JSON, the sheets, and the manifest of them all. */
  async function* entries(job: ClaimedExport, generatedAt: Date, parts: ExportPart[], documents: { checkupId: string }[]): AsyncGenerator<ZipEntry> {
    const listed: ManifestFile[] = [];
    const file = (path: string, data: Buffer, content: string): ZipEntry => {
      listed.push({ path, bytes: data.length, sha256: sha256(data), content });
      return { path, data };
    };
    yield file('README.txt', Buffer.from(README, 'utf8'), 'readme');
    for (const json of partFiles(parts)) yield file(json.path, json.data, json.path.replace(/\.json$/, ''));
    for (const { checkupId } of documents) {
      await deps.audit.record({
        userId: job.userId,
        accessorKind: 'USER',
        accessor: job.userId,
        resource: 'CHECKUP_DOCUMENT',
        resourceId: checkupId,
        purpose: 'EXPORT',
      });
      let document: StoredDocument;
      try {
        document = await deps.reading.document(job.userId, checkupId);
      } catch (error) {
        throw new PartUnavailable(
          error instanceof AppError && error.status === 404 ? `the original sheet of checkup ${checkupId} is missing` : 'stored documents cannot be reached',
        );
      }
      yield file(documentPath(checkupId, document.contentType), await collect(document.body), 'health/documents');
    }
    const manifest = buildManifest({ exportId: job.id, userId: job.userId, generatedAt, parts, files: listed });
    yield { path: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
  }

  async function build(job: ClaimedExport): Promise<void> {
    const generatedAt = clock.now();
    const [remote, own] = await Promise.all([remoteParts(job.userId), healthPart(job.userId)]);
    const parts = [...remote, own.part];
    const path = blobPathOf(job.userId, job.id);
    const zip = zipStream(entries(job, generatedAt, parts, own.documents), generatedAt);
    let size: number;
    try {
      size = await deps.store.putStream(path, zip, 'application/zip', `attachment; filename="${exportFileName(generatedAt)}"`, settings.uploadTimeoutMs);
    } catch (error) {
      // The stream's own failure (a part, a sheet) says more than the upload's.
      const cause = (zip as Readable & { errored?: unknown }).errored ?? error;
      throw cause instanceof PartUnavailable ? cause : new PartUnavailable(cause instanceof Error ? 'the archive could not be stored' : String(cause));
    }
    const now = clock.now();
    const kept = await withTransaction(db, async (client) => {
      // An erasure that started meanwhile waits for this, and its steps then remove the ZIP; after it, nothing is kept.
      if (!(await holdLiveUser(client, job.userId))) return false;
      return repo.markReady(client, job.id, { readyAt: now, expiresAt: new Date(now.getTime() + settings.ttlSeconds * 1000) }, path, size);
    });
    if (!kept) {
      await deps.store.delete(path);
      logger.info('a data export was built for an erased user or a removed export; its archive is deleted', { exportId: job.id });
      return;
    }
    built.inc({ outcome: 'ready' });
    logger.info('data export ready', { exportId: job.id, userId: job.userId, bytes: size, attempt: job.attempts });
  }

  async function attempt(job: ClaimedExport): Promise<void> {
    try {
      if (job.attempts > settings.maxAttempts) throw new PartUnavailable('the export was interrupted too often');
      await build(job);
    } catch (error) {
      const reason = error instanceof PartUnavailable ? error.message : 'the export could not be built';
      if (!(error instanceof PartUnavailable)) logger.error('a data export failed', { exportId: job.id, error: String(error).slice(0, 500) });
      const now = clock.now();
      if (job.attempts >= settings.maxAttempts) {
        await repo.recordFailure(db, job.id, reason, { failedAt: now, expiresAt: new Date(now.getTime() + settings.ttlSeconds * 1000) });
        built.inc({ outcome: 'failed' });
        logger.warn('data export failed for good', { exportId: job.id, reason, attempts: job.attempts });
      } else {
        const retryAt = new Date(now.getTime() + retryDelaySeconds(job.attempts, settings.retrySeconds) * 1000);
        await repo.recordFailure(db, job.id, reason, { retryAt });
        logger.warn('data export attempt failed; it is tried again', { exportId: job.id, reason, attempt: job.attempts, retryAt: retryAt.toISOString() });
      }
    }
  }

  /** Builds the due exports this replica could claim. */
  async function runDue(): Promise<void> {
    for (;;) {
      const now = clock.now();
      const [job] = await repo.claimDue(db, now, new Date(now.getTime() + settings.leaseSeconds * 1000), 1);
      if (!job || stopped) return;
      await attempt(job);
    }
  }

  /** Removes the ZIPs of expired exports (the row stays, EXPIRED, for a while) and the rows of long-finished ones. */
  async function sweep(): Promise<void> {
    const now = clock.now();
    for (const expired of await repo.expiredReady(db, now, 50)) {
      await deps.store.delete(expired.blobPath);
      await repo.markExpired(db, expired.id);
    }
    await repo.deleteFinishedBefore(db, new Date(now.getTime() - settings.keepFinishedSeconds * 1000));
  }

  const tick = (): Promise<void> => {
    running ??= Promise.all([runDue(), sweep()])
      .then(() => undefined)
      .catch((error: unknown) => void logger.warn('the data export worker failed; it runs again shortly', { error: String(error).slice(0, 300) }))
      .finally(() => (running = undefined));
    return running!;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, settings.workerIntervalMs);
  timer.unref();

  return {
    /**
     * Records the request (and nothing else) and wakes the worker. While one export is being built,
     * asking again answers that one; a user may start `perDay` in 24 hours (429 EXPORT_LIMIT_REACHED).
     */
    async request(userId: string): Promise<ExportView> {
      const now = clock.now();
      const row = await withLiveUser(db, userId, async (client) => {
        // Two requests of one user take turns, so the second sees the first's row.
        await client.query(`select pg_advisory_xact_lock(hashtextextended('data-export:' || $1::text, 0))`, [userId]);
        const recent = await repo.ofUser(client, userId);
        const decision = decideRequest(recent, now, settings.perDay);
        if (decision.kind === 'in-progress') return recent.find((r) => r.id === decision.exportId)!;
        if (decision.kind === 'limited') {
          throw new AppError(429, 'EXPORT_LIMIT_REACHED', `At most ${settings.perDay} exports a day; try again later.`, {
            retryAfterSeconds: decision.retryAfterSeconds,
          });
        }
        const id = randomUUID();
        await repo.insert(client, { id, userId, createdAt: now });
        return { id, userId, state: 'PENDING' as const, createdAt: now, readyAt: null, expiresAt: null, sizeBytes: null, failure: null };
      });
      void tick();
      return exportView(row, now);
    },

    async list(userId: string): Promise<{ items: ExportView[] }> {
      const now = clock.now();
      return { items: (await repo.ofUser(db, userId)).map((row) => exportView(row, now)) };
    },

    async get(userId: string, exportId: string): Promise<ExportView> {
      const row = await repo.find(db, userId, exportId);
      if (!row) throw new ExportNotFoundError();
      return exportView(row, clock.now());
    },

    /** The ZIP of a ready export of the user's, to stream to them. */
    async download(userId: string, exportId: string): Promise<StoredDocument> {
      const row = await repo.find(db, userId, exportId);
      if (!row) throw new ExportNotFoundError();
      const state = effectiveState(row, clock.now());
      if (state === 'EXPIRED') throw new AppError(410, 'EXPORT_EXPIRED', 'This export has expired; request a new one.');
      if (state !== 'READY' || row.blobPath === null)
        throw new AppError(409, 'EXPORT_NOT_READY', 'This export is not ready to download.', { status: state.toLowerCase() });
      const stored = await deps.store.read(row.blobPath);
      if (!stored) throw new ExportNotFoundError();
      return stored;
    },

    /**
     * The erasure step (docs/decisions/013): the user's ZIPs and rows. While a replica is building one
     * of their exports the step fails and is retried: the build sees the tombstone and deletes its ZIP.
     */
    erasureStep(): ErasureStep {
      return {
        name: 'exports',
        run: async (userId) => {
          if (await repo.buildingFor(db, userId, clock.now())) throw new Error('an export of the user is being built');
          await deps.store.deletePrefix(`${userId}/`);
          await repo.deleteAllOf(db, userId);
        },
      };
    },

    /** Runs the worker once now (also on a timer); resolves when it is done. */
    tick,

    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type DataExports = ReturnType<typeof createDataExports>;
