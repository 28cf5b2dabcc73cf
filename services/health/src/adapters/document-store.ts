import { Transform, type Readable } from 'node:stream';
import { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential, type ContainerClient, type newPipeline } from '@azure/storage-blob';
import CircuitBreaker from 'opossum';
import { UpstreamUnavailableError, type Logger, type Metrics } from '@healthsync/shared';

/**
 * Raw aggregator payloads and original result sheets (PDF) in Blob Storage (@azure/storage-blob).
 * Clients never reach Storage: a sheet is read here and streamed to the user through the gateway,
 * behind the user's access token, like every other API answer. (A SAS link would need a
 * user-delegation key, i.e. Storage Blob Delegator on the whole account, and a phone could not
 * open it anyway: the account's firewall admits only the cluster's subnet.)
 *
 * Two ways in, chosen by configuration (BLOB_AUTH):
 *  - `connection-string`: an account key from the secret store. This is the local path (Azurite at
 *    http://127.0.0.1:10000).
 *  - `token-credential`: in Azure, managed identity (a TokenCredential such as DefaultAzureCredential) and
 *    no key at all; the identity needs "Storage Blob Data Contributor" on the container, nothing more.
 *
 * Blob Storage is reached through the SDK, not a Dapr component, so no sidecar policy protects
 * the calls (dapr/azure/resiliency.yaml says so): every call has a deadline (`timeoutMs`, the SDK's
 * own retries included) and goes through a circuit breaker (opossum). When Storage is down, calls
 * fail with 503 DOCUMENTS_UNAVAILABLE (with Retry-After) — at once while the breaker is open — and
 * only documents are affected: checkups are in PostgreSQL.
 */
type AnyCredential = NonNullable<Parameters<typeof newPipeline>[0]>;
export type TokenCredential = Exclude<AnyCredential, StorageSharedKeyCredential | AnonymousCredential>;

export type BlobAccess =
  | { kind: 'connection-string'; connectionString: string; container: string }
  | { kind: 'token-credential'; accountUrl: string; credential: TokenCredential; container: string };

export interface DocumentStoreOptions {
  logger: Logger;
  metrics: Metrics;
  /** Deadline of one call, the SDK's retries included (ms). */
  timeoutMs: number;
  /** Once open, the breaker waits this long before letting a call through again (s); also the Retry-After. */
  breakerResetSeconds: number;
}

/** One stored blob, ready to stream. */
export interface StoredDocument {
  body: Readable;
  contentType: string;
  contentLength: number | undefined;
  contentDisposition: string | undefined;
}

export interface DocumentStore {
  /** Creates the container when missing (once; later calls return at once). */
  ensureContainer(): Promise<void>;
  put(path: string, body: Buffer, contentType: string, contentDisposition?: string): Promise<void>;
  /** Uploads a stream (in blocks, never whole in memory) within `timeoutMs`; returns the bytes written. */
  putStream(path: string, body: Readable, contentType: string, contentDisposition: string, timeoutMs: number): Promise<number>;
  /** The blob's bytes and headers; undefined when it does not exist. */
  read(path: string): Promise<StoredDocument | undefined>;
  /**
   * Deletes every blob under the prefix (e.g. everything of one user) with its snapshots and, where
   * the account keeps versions, every version; returns how many blobs, snapshots and versions went.
   */
  deletePrefix(prefix: string): Promise<number>;
  delete(path: string): Promise<void>;
}

/** Blob Storage cannot be reached (or the breaker is open): documents only are unavailable. */
export class DocumentsUnavailableError extends UpstreamUnavailableError {
  constructor(retryAfterSeconds: number) {
    super('DOCUMENTS_UNAVAILABLE', 'Stored documents cannot be reached right now; checkups are still available. Try again shortly.', retryAfterSeconds);
  }
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/** An answer about the request (not found, conflict, bad request) says Storage is up: it does not count against the breaker. */
const isAnswer = (error: unknown): boolean => {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
};

export function createDocumentStore(access: BlobAccess, options: DocumentStoreOptions): DocumentStore {
  const { logger, metrics } = options;
  const calls = metrics.counter('blob_calls_total', 'Calls to Blob Storage by operation and outcome', ['operation', 'outcome']);
  const breakerOpen = metrics.gauge('blob_breaker_open', '1 while the Blob Storage circuit breaker is open');
  // The SDK retries a failed try once, quickly; the deadline below bounds the whole call.
  const pipeline = { retryOptions: { maxTries: 2, tryTimeoutInMs: options.timeoutMs, retryDelayInMs: 100, maxRetryDelayInMs: 500 } };
  const service =
    access.kind === 'connection-string'
      ? BlobServiceClient.fromConnectionString(access.connectionString, pipeline)
      : new BlobServiceClient(access.accountUrl, access.credential, pipeline);
  const container: ContainerClient = service.getContainerClient(access.container);
  let containerReady = false;

  const breaker = new CircuitBreaker(
    async (work: (signal: AbortSignal) => Promise<unknown>, timeoutMs?: number) => work(AbortSignal.timeout(timeoutMs ?? options.timeoutMs)),
    {
      // The deadline is the AbortSignal's, which also cancels the request; opossum's own timer would leave it running.
      timeout: false,
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      rollingCountTimeout: 30_000,
      resetTimeout: options.breakerResetSeconds * 1000,
      errorFilter: isAnswer,
    },
  );
  let openedAt = 0;
  breaker.on('open', () => {
    openedAt = Date.now();
    breakerOpen.set(1);
    logger.warn('Blob Storage circuit breaker opened; documents answer 503 until it closes', { resetSeconds: options.breakerResetSeconds });
  });
  breaker.on('close', () => {
    breakerOpen.set(0);
    logger.info('Blob Storage circuit breaker closed');
  });
  const retryAfter = (): number =>
    breaker.opened ? Math.max(1, Math.ceil((openedAt + options.breakerResetSeconds * 1000 - Date.now()) / 1000)) : options.breakerResetSeconds;

  /** One call through the breaker; an answer about the request (404…) is the caller's to read, anything else is "unavailable". */
  async function call<T>(operation: string, work: (signal: AbortSignal) => Promise<T>, timeoutMs?: number): Promise<T> {
    try {
      const result = (await breaker.fire(work, timeoutMs)) as T;
      calls.inc({ operation, outcome: 'ok' });
      return result;
    } catch (error) {
      if (isAnswer(error)) {
        calls.inc({ operation, outcome: `http-${statusOf(error)}` });
        throw error;
      }
      const shortCircuited = (error as { code?: string }).code === 'EOPENBREAKER';
      calls.inc({ operation, outcome: shortCircuited ? 'short-circuited' : 'failed' });
      if (!shortCircuited)
        logger.warn('Blob Storage call failed', { operation, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      throw new DocumentsUnavailableError(retryAfter());
    }
  }

  const notFoundIsDone = (error: unknown) => {
    // Already gone (a concurrent delete, or an erasure run again): that is the goal.
    if (statusOf(error) !== 404) throw error;
  };

  async function ensureContainer(): Promise<void> {
    if (containerReady) return;
    const created = await call('create-container', (abortSignal) => container.createIfNotExists({ abortSignal }));
    containerReady = true;
    if (created.succeeded) logger.info('blob container created', { container: access.container });
  }

  return {
    ensureContainer,

    async put(path, body, contentType, contentDisposition) {
      await ensureContainer();
      await call('put', (abortSignal) =>
        container.getBlockBlobClient(path).uploadData(body, {
          abortSignal,
          blobHTTPHeaders: { blobContentType: contentType, ...(contentDisposition ? { blobContentDisposition: contentDisposition } : {}) },
        }),
      );
    },

    async putStream(path, body, contentType, contentDisposition, timeoutMs) {
      await ensureContainer();
      let bytes = 0;
      const counted = body.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done(null, chunk);
          },
        }),
      );
      body.once('error', (error) => counted.destroy(error));
      await call(
        'put-stream',
        (abortSignal) =>
          container.getBlockBlobClient(path).uploadStream(counted, 4 * 1024 * 1024, 2, {
            abortSignal,
            blobHTTPHeaders: { blobContentType: contentType, blobContentDisposition: contentDisposition },
          }),
        timeoutMs,
      );
      return bytes;
    },

    async read(path) {
      try {
        const download = await call('read', (abortSignal) => container.getBlobClient(path).download(0, undefined, { abortSignal }));
        if (!download.readableStreamBody) return undefined;
        return {
          body: download.readableStreamBody as Readable,
          contentType: download.contentType ?? 'application/octet-stream',
          contentLength: download.contentLength,
          contentDisposition: download.contentDisposition,
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },

    async deletePrefix(prefix) {
      let count = 0;
      // Deleting a blob in an account that keeps versions turns it into a previous version: list again until nothing is left.
      for (let pass = 0; pass < 4; pass += 1) {
        const items = await call('list', async (abortSignal) => {
          const found: { name: string; versionId: string | undefined; snapshot: string | undefined; current: boolean }[] = [];
          for await (const item of container.listBlobsFlat({ prefix, includeSnapshots: true, includeVersions: true, abortSignal })) {
            found.push({ name: item.name, versionId: item.versionId, snapshot: item.snapshot, current: item.isCurrentVersion ?? item.versionId === undefined });
          }
          return found;
        }).catch((error: unknown) => {
          // Nothing was ever stored: the container does not exist.
          if (statusOf(error) === 404) return [];
          throw error;
        });
        if (items.length === 0) return count;
        for (const item of items) {
          const blob = container.getBlobClient(item.name);
          const target = item.snapshot ? blob.withSnapshot(item.snapshot) : !item.current && item.versionId ? blob.withVersion(item.versionId) : blob;
          await call('delete', (abortSignal) => target.delete({ abortSignal, ...(target === blob ? { deleteSnapshots: 'include' as const } : {}) })).catch(
            notFoundIsDone,
          );
          count += 1;
        }
      }
      throw new Error(`blobs are still listed under ${prefix} after deleting them four times`);
    },

    async delete(path) {
      await call('delete', (abortSignal) => container.deleteBlob(path, { abortSignal, deleteSnapshots: 'include' })).catch(notFoundIsDone);
    },
  };
}
