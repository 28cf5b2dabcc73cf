import type { Readable } from 'node:stream';
import { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential, type ContainerClient, type newPipeline } from '@azure/storage-blob';
import type { Logger } from '@healthsync/shared';

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
 * Both serve documents the same way: `read` here, the API route streams it.
 */
type AnyCredential = NonNullable<Parameters<typeof newPipeline>[0]>;
export type TokenCredential = Exclude<AnyCredential, StorageSharedKeyCredential | AnonymousCredential>;

export type BlobAccess =
  | { kind: 'connection-string'; connectionString: string; container: string }
  | { kind: 'token-credential'; accountUrl: string; credential: TokenCredential; container: string };

/** One stored blob, ready to stream. */
export interface StoredDocument {
  body: Readable;
  contentType: string;
  contentLength: number | undefined;
  contentDisposition: string | undefined;
}

export interface DocumentStore {
  /** Creates the container when missing; called once at start-up. */
  ensureContainer(): Promise<void>;
  put(path: string, body: Buffer, contentType: string, contentDisposition?: string): Promise<void>;
  /** The blob's bytes and headers; undefined when it does not exist. */
  read(path: string): Promise<StoredDocument | undefined>;
  /** Deletes every blob under the prefix (e.g. everything of one user); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  delete(path: string): Promise<void>;
}

export function createDocumentStore(access: BlobAccess, logger: Logger): DocumentStore {
  const service =
    access.kind === 'connection-string'
      ? BlobServiceClient.fromConnectionString(access.connectionString)
      : new BlobServiceClient(access.accountUrl, access.credential);
  const container: ContainerClient = service.getContainerClient(access.container);

  return {
    async ensureContainer() {
      const created = await container.createIfNotExists();
      if (created.succeeded) logger.info('blob container created', { container: access.container });
    },

    async put(path, body, contentType, contentDisposition) {
      await container.getBlockBlobClient(path).uploadData(body, {
        blobHTTPHeaders: { blobContentType: contentType, ...(contentDisposition ? { blobContentDisposition: contentDisposition } : {}) },
      });
    },

    async read(path) {
      try {
        const download = await container.getBlobClient(path).download();
        if (!download.readableStreamBody) return undefined;
        return {
          body: download.readableStreamBody as Readable,
          contentType: download.contentType ?? 'application/octet-stream',
          contentLength: download.contentLength,
          contentDisposition: download.contentDisposition,
        };
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },

    async deletePrefix(prefix) {
      let count = 0;
      for await (const item of container.listBlobsFlat({ prefix })) {
        await container.deleteBlob(item.name, { deleteSnapshots: 'include' }).catch((error: unknown) => {
          // Already gone (a concurrent delete, or a redelivered event): that is the goal.
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        });
        count += 1;
      }
      return count;
    },

    async delete(path) {
      await container.deleteBlob(path, { deleteSnapshots: 'include' }).catch((error: unknown) => {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      });
    },
  };
}
