import { reliabilitySettings } from '@healthsync/shared';
import { z } from 'zod';

const seconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Settings of the health service beyond the base ones (see services/shared/src/config.ts). Secrets come from the secret store. */
export const settings = {
  ...reliabilitySettings,
  /** The aggregator's API base (CODEF: https://api.codef.io; locally the NHIS stand-in). */
  NHIS_BASE_URL: z.url(),
  /** Its OAuth2 token endpoint, a separate host at CODEF (https://oauth.codef.io/oauth/token); defaults to <base>/oauth/token. */
  NHIS_TOKEN_URL: z.url().optional(),
  /**
   * Upper bound for one call to the aggregator, token included (ms). It must stay under the gateway's
   * upstream timeout (15 s) with room for the rest of the request. The sidecars never repeat the 503 that
   * follows (only 502/504 are retried: dapr/local/resiliency.yaml), so one request waits at most this long.
   */
  NHIS_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(4_000),
  /** How long the user has to approve on their phone; the aggregator's two-way window (CODEF: 180 s). */
  NHIS_APPROVAL_WINDOW_SECONDS: seconds(30, 900, 180),
  /** inquiryType: 3 = results + original sheet (PDF) + questionnaire; 1 = results + PDF; 0 = results only. */
  NHIS_INQUIRY_TYPE: z.enum(['0', '1', '3']).default('3'),
  /**
   * NHIS link attempts one user may start per hour (sliding window); the next answers 429 with
   * Retry-After. Each attempt may push an approval request to a phone and costs an aggregator call.
   */
  NHIS_LINK_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(10),
  /** Once open, the aggregator circuit breaker waits this long before trying again (s); also the Retry-After. */
  NHIS_BREAKER_RESET_SECONDS: seconds(1, 600, 30),
  /** Blob container for raw payloads and result sheets (created when missing). */
  BLOB_CONTAINER: z.string().regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'must be a valid container name'),
  /**
   * How the service reaches Blob Storage: `connection-string` (secret blob-connection-string; Azurite locally)
   * or `managed-identity` (Azure: DefaultAzureCredential + BLOB_ACCOUNT_URL). Documents are streamed through
   * the API either way.
   */
  BLOB_AUTH: z.enum(['connection-string', 'managed-identity']).default('connection-string'),
  /** The storage account's blob endpoint, e.g. https://<account>.blob.core.windows.net (managed-identity only). */
  BLOB_ACCOUNT_URL: z.url().optional(),
  /** Deadline of one Blob Storage call, the SDK's own retry included (ms). */
  BLOB_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).default(5_000),
  /** Once open, the Blob Storage circuit breaker waits this long before trying again (s); also the Retry-After of documents. */
  BLOB_BREAKER_RESET_SECONDS: seconds(1, 600, 30),
  /** How often import files that Blob Storage refused are offered to it again (s). */
  BLOB_UPLOAD_RETRY_SECONDS: seconds(1, 3600, 30),
  /** Upper bound for asking the user service for the consents in force (ms). */
  USER_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2_000),
  /** Lifetime of the cached latest judged checkup (s); it is also dropped on every import and profile change. */
  LATEST_CACHE_TTL_SECONDS: seconds(10, 86_400, 3600),
  /** Blob container of the users' data exports (ZIPs, removed when they expire); created when missing. */
  EXPORT_BLOB_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'must be a valid container name')
    .default('exports'),
  /** How long a ready data export can be downloaded (s); then its ZIP is deleted. 7 days. */
  EXPORT_TTL_SECONDS: seconds(60, 30 * 86_400, 7 * 86_400),
  /** Data exports one user may start in 24 hours. */
  EXPORTS_PER_DAY: z.coerce.number().int().min(1).max(100).default(3),
  /** How often each replica looks for due and expired data exports (s); a request also wakes it at once. */
  EXPORT_WORKER_SECONDS: seconds(1, 600, 5),
  /** A replica's hold on an export it builds (s); past it, another replica takes the export over (a crash mid-build). */
  EXPORT_LEASE_SECONDS: seconds(30, 3600, 300),
  /** Build attempts before an export is failed (a service that does not answer, Storage down). */
  EXPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  /** Delay before the second attempt (s); it doubles. */
  EXPORT_RETRY_SECONDS: seconds(1, 3600, 30),
  /** Deadline of one service's part of an export (ms). */
  EXPORT_PART_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8_000),
  /** Deadline of storing one export's ZIP (ms). */
  EXPORT_UPLOAD_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
  /** How long an expired or failed export stays in the user's list (s). */
  EXPORT_KEEP_FINISHED_SECONDS: seconds(0, 90 * 86_400, 7 * 86_400),
};
