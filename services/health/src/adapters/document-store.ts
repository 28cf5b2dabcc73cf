import {
  AnonymousCredential,
  BlobSASPermissions,
  BlobServiceClient,
  StorageSharedKeyCredential,
  type ContainerClient,
  type newPipeline,
  type UserDelegationKey,
} from '@azure/storage-blob';
import type { Logger } from '@healthsync/shared';

/**
 * Raw aggregator payloads and original result sheets (PDF) in Blob Storage (@azure/storage-blob).
 * Clients never get storage credentials: they get a short-lived, read-only SAS link to one blob.
 *
 * Two ways in, chosen by configuration (BLOB_AUTH):
 *  - `connection-string`: an account key from the secret store; SAS links are signed with that key. This
 *    is the local path (Azurite at http://127.0.0.1:10000) and the only one exercised here.
 *  - `token-credential`: in Azure, managed identity (a TokenCredential such as DefaultAzureCredential) and
 *    no key at all; SAS links are user-delegation SAS signed with a key the service asks Storage for. The
 *    identity needs "Storage Blob Data Contributor" on the container and "Storage Blob Delegator" on the
 *    account.
 */
type AnyCredential = NonNullable<Parameters<typeof newPipeline>[0]>;
export type TokenCredential = Exclude<AnyCredential, StorageSharedKeyCredential | AnonymousCredential>;

export type BlobAccess =
  | { kind: 'connection-string'; connectionString: string; container: string }
  | { kind: 'token-credential'; accountUrl: string; credential: TokenCredential; container: string };

export interface ReadLink {
  url: string;
  expiresAt: Date;
}

export interface DocumentStore {
  /** Creates the container when missing; called once at start-up. */
  ensureContainer(): Promise<void>;
  put(path: string, body: Buffer, contentType: string, contentDisposition?: string): Promise<void>;
  /** A read-only SAS URL to one blob, valid for `ttlSeconds`. */
  readLink(path: string, ttlSeconds: number): Promise<ReadLink>;
  /** Deletes every blob under the prefix (e.g. everything of one user); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  delete(path: string): Promise<void>;
}

/** Links start a few minutes in the past so a client whose clock runs behind Storage's can still use them. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function createDocumentStore(access: BlobAccess, logger: Logger): DocumentStore {
  const service =
    access.kind === 'connection-string'
      ? BlobServiceClient.fromConnectionString(access.connectionString)
      : new BlobServiceClient(access.accountUrl, access.credential);
  const container: ContainerClient = service.getContainerClient(access.container);

  // A user-delegation key is valid for up to 7 days; one is fetched per hour and reused for every link.
  let delegation: { key: UserDelegationKey; renewAt: number } | undefined;
  async function delegationKey(expiresOn: Date): Promise<UserDelegationKey> {
    if (delegation && delegation.renewAt > Date.now() && delegation.key.signedExpiresOn > expiresOn) return delegation.key;
    const startsOn = new Date(Date.now() - CLOCK_SKEW_MS);
    const keyExpiresOn = new Date(Math.max(expiresOn.getTime(), Date.now() + 2 * 3_600_000));
    const key = await service.getUserDelegationKey(startsOn, keyExpiresOn);
    delegation = { key, renewAt: Date.now() + 3_600_000 };
    return key;
  }

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

    async readLink(path, ttlSeconds) {
      const blob = container.getBlobClient(path);
      const startsOn = new Date(Date.now() - CLOCK_SKEW_MS);
      const expiresOn = new Date(Date.now() + ttlSeconds * 1000);
      const options = { permissions: BlobSASPermissions.parse('r'), startsOn, expiresOn };
      const url =
        access.kind === 'connection-string'
          ? await blob.generateSasUrl(options)
          : await blob.generateUserDelegationSasUrl(options, await delegationKey(expiresOn));
      return { url, expiresAt: expiresOn };
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
