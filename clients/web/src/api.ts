import { createApiClient, type ApiClient, type paths } from '@healthsync/api-client';
import { ApiError, type ProblemLike } from './errors.js';
import { session } from './session.js';

/** The JSON body of an operation's 200 answer (or another 2xx status). */
export type Ok<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** Codes after which the session is over: the person signs in again. */
const SESSION_OVER = new Set([
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'SESSION_REVOKED',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_DELETED',
]);

async function problemOf(response: Response): Promise<ProblemLike | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    return (await response.clone().json()) as ProblemLike;
  } catch {
    return undefined;
  }
}

let api: ApiClient | undefined;
let plain: ApiClient | undefined;
let refreshing: Promise<string | undefined> | undefined;

/** Exchanges the refresh token once, however many requests found the access token expired. */
function refreshOnce(): Promise<string | undefined> {
  refreshing ??= (async () => {
    const current = session.current();
    if (!current || !plain) return undefined;
    try {
      const { data, error } = await plain.POST('/api/auth/refresh', { body: { refreshToken: current.refreshToken } });
      if (data) {
        session.save(data);
        return data.accessToken;
      }
      const code = typeof (error as ProblemLike | undefined)?.code === 'string' ? ((error as ProblemLike).code as string) : 'INVALID_REFRESH_TOKEN';
      if (SESSION_OVER.has(code)) session.end(new ApiError(code).message);
      return undefined;
    } catch {
      return undefined;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/**
 * fetch with the session: an answer `401 TOKEN_EXPIRED` refreshes the session (once for all
 * requests waiting) and sends the request again with the new token.
 */
async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await fetch(request);
  if (response.status !== 401 || !session.current()) return response;
  const problem = await problemOf(response);
  if (problem?.code !== 'TOKEN_EXPIRED') return response;
  const token = await refreshOnce();
  if (!token) return response;
  retry.headers.set('authorization', `Bearer ${token}`);
  return fetch(retry);
}

export function configureApi(baseUrl: string): void {
  api = createApiClient({ baseUrl, accessToken: () => session.current()?.accessToken, fetch: sessionFetch });
  plain = createApiClient({ baseUrl });
}

/** The typed client of the gateway's public API, with the session's token. */
export function client(): ApiClient {
  if (!api) throw new Error('configureApi first');
  return api;
}

/** The same API without a session (sign-in). */
export function anonymousClient(): ApiClient {
  if (!plain) throw new Error('configureApi first');
  return plain;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError whose message is the
 * Korean sentence for the answer's problem `code` (a session that is over ends here too).
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK');
  }
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' && result.error !== null ? result.error : undefined) as ProblemLike | undefined;
  const code = typeof problem?.code === 'string' ? problem.code : 'UNKNOWN';
  const error = new ApiError(code, problem);
  if (result.response.status === 401 && SESSION_OVER.has(code) && session.current()) session.end(error.message);
  console.warn(`API ${result.response.status} ${code} (${result.response.headers.get('x-request-id') ?? 'no request id'})`);
  throw error;
}

/** The answer's status with its data, for operations whose 2xx statuses mean different things (202). */
export async function callWithStatus<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ status: number; data: T }> {
  let status = 0;
  const data = await call(
    request.then((result) => {
      status = result.response.status;
      return result;
    }),
  );
  return { status, data };
}
