import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { Clock, Logger } from '@healthsync/shared';
import { z } from 'zod';
import { accessTokenFresh, backoffDelay, classifySend, parseRetryAfter, type BackoffPolicy, type SendResult } from '../domain/push.js';

/**
 * Firebase Cloud Messaging's HTTP v1 API with a service account (docs/reference/fcm.md):
 * an RS256-signed JWT assertion is exchanged at the account's `token_uri` for an access token
 * (OAuth 2.0 JWT-bearer grant), kept until shortly before it expires, and sent as a bearer token
 * to `POST {base}/v1/projects/{project_id}/messages:send`. Retriable answers (429, 503, 500) are
 * retried with bounded back-off that honours Retry-After; a refused access token is replaced once.
 */

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The fields of a service-account key file this client uses (the file has more). */
const serviceAccountSchema = z.object({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key_id: z.string().min(1),
  private_key: z.string().min(1),
  client_email: z.email(),
  token_uri: z.url(),
});

export interface ServiceAccount {
  projectId: string;
  keyId: string;
  privateKey: KeyObject;
  clientEmail: string;
  tokenUri: string;
}

/** Reads the service-account JSON; the error never quotes it (it holds the private key). */
export function parseServiceAccount(json: string): ServiceAccount {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('the FCM service account is not JSON');
  }
  const parsed = serviceAccountSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the FCM service account lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.data.private_key);
  } catch {
    throw new Error('the FCM service account’s private_key is not a PEM private key');
  }
  return {
    projectId: parsed.data.project_id,
    keyId: parsed.data.private_key_id,
    privateKey,
    clientEmail: parsed.data.client_email,
    tokenUri: parsed.data.token_uri,
  };
}

/** The signed assertion of the JWT-bearer grant (RFC 7523), valid for an hour from `now`. */
export function signedAssertion(account: ServiceAccount, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: account.keyId })}.${encode({
    iss: account.clientEmail,
    scope: FCM_SCOPE,
    aud: account.tokenUri,
    iat,
    exp: iat + 3600,
  })}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), account.privateKey).toString('base64url')}`;
}

export class PushUnavailableError extends Error {
  readonly code = 'PUSH_UNAVAILABLE';
}

export interface FcmClient {
  /** Sends one message to one registration token, retrying as the policy allows. */
  send(message: Record<string, unknown>): Promise<SendResult & { attempts: number }>;
}

export interface FcmClientDeps {
  baseUrl: string;
  /** The service-account JSON, read from the secret store when first needed (and again after a failure). */
  serviceAccount: () => Promise<string>;
  policy: BackoffPolicy;
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onAttempt?: (result: SendResult['kind']) => void;
}

export function createFcmClient(deps: FcmClientDeps): FcmClient {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const base = deps.baseUrl.replace(/\/+$/, '');
  let account: ServiceAccount | undefined;
  let cached: { token: string; expiresAt: Date } | undefined;
  let inFlight: Promise<string> | undefined;

  async function loadAccount(): Promise<ServiceAccount> {
    if (account) return account;
    let json: string;
    try {
      json = await deps.serviceAccount();
    } catch (error) {
      throw new PushUnavailableError(`the FCM service account could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      account = parseServiceAccount(json);
    } catch (error) {
      // A broken secret is an outage of push, not of one message: every message waits for it to be fixed.
      throw new PushUnavailableError(error instanceof Error ? error.message : String(error));
    }
    return account;
  }

  async function exchange(): Promise<string> {
    const sa = await loadAccount();
    const now = deps.clock.now();
    let response: Response;
    try {
      response = await fetch(sa.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: signedAssertion(sa, now) }).toString(),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (error) {
      throw new PushUnavailableError(`the OAuth token endpoint did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      // error / error_description name the problem (invalid_grant …); they never carry a secret.
      throw new PushUnavailableError(
        `the OAuth token endpoint refused the assertion: ${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}`.trim(),
      );
    }
    cached = { token: body.access_token, expiresAt: new Date(now.getTime() + body.expires_in * 1000) };
    deps.logger.info('FCM access token obtained', { expiresInSeconds: body.expires_in });
    return body.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && accessTokenFresh(deps.clock.now(), cached.expiresAt)) return cached.token;
    inFlight ??= exchange().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  async function attempt(message: Record<string, unknown>): Promise<SendResult> {
    const sa = await loadAccount();
    const token = await accessToken();
    let response: Response;
    try {
      response = await fetch(`${base}/v1/projects/${encodeURIComponent(sa.projectId)}/messages:send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch {
      return { kind: 'RETRY', status: 0, code: 'NO_ANSWER', retryAfterMs: undefined };
    }
    const body = await response.json().catch(() => undefined);
    return classifySend(response.status, body, parseRetryAfter(response.headers.get('retry-after'), deps.clock.now()));
  }

  return {
    async send(message) {
      let refreshed = false;
      for (let n = 1; ; n += 1) {
        const result = await attempt(message);
        deps.onAttempt?.(result.kind);
        if (result.kind === 'UNAUTHENTICATED') {
          cached = undefined;
          if (!refreshed && n < deps.policy.maxAttempts) {
            refreshed = true;
            continue;
          }
          return { kind: 'REJECTED', status: 401, code: 'UNAUTHENTICATED', attempts: n };
        }
        if (result.kind !== 'RETRY') return { ...result, attempts: n };
        const wait = backoffDelay(n, result.retryAfterMs, deps.policy, random);
        if (wait === undefined) return { ...result, attempts: n };
        deps.logger.warn('FCM asked to retry', { status: result.status, code: result.code, attempt: n, waitMs: wait });
        await sleep(wait);
      }
    },
  };
}
