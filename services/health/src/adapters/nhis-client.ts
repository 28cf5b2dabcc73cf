import CircuitBreaker from 'opossum';
import { UpstreamUnavailableError, type Logger, type Metrics } from '@healthsync/shared';
import { answerOf, decodeResponseBody, encodeRequestBody, type AggregatorAnswer } from './aggregator-wire.js';

/**
 * The NHIS checkup product of a CODEF-style aggregator (docs/reference/nhis.md §4.2): OAuth2 client credentials, then
 * `POST /v1/kr/public/pp/nhis-health-checkup/result` with URL-encoded JSON. The same code talks to CODEF
 * in production and to standins/nhis locally; only the URLs and the credentials differ.
 *
 * Every call sits behind a circuit breaker with one deadline for the whole call (token included). When
 * the aggregator is unreachable, slow, or answers that NHIS itself is down, the caller gets a 503
 * (NHIS_UNAVAILABLE) with Retry-After; once failures pile up the breaker answers that at once for a while
 * instead of making every user wait for a timeout.
 */
export const CHECKUP_RESULT_PATH = '/v1/kr/public/pp/nhis-health-checkup/result';

export interface NhisClientOptions {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  breakerResetSeconds: number;
  logger: Logger;
  metrics: Metrics;
}

export interface NhisClient {
  /**
   * One product call (either step). Resolves with the business answer, whatever its result code; throws
   * UpstreamUnavailableError when the aggregator or NHIS cannot answer now.
   */
  checkupResult(params: Record<string, unknown>): Promise<AggregatorAnswer>;
}

/** The aggregator or NHIS behind it failed: counts against the breaker. The message never holds personal data. */
class AggregatorFailure extends Error {}

/** "NHIS is down" answers: CF-12003 (the institution failed), CF-09999 (the aggregator failed). */
const OUTAGE_CODES = new Set(['CF-12003', 'CF-09999']);

interface CachedToken {
  value: string;
  expiresAt: number;
}

export function createNhisClient(options: NhisClientOptions): NhisClient {
  const { logger, metrics } = options;
  const calls = metrics.counter('nhis_calls_total', 'Calls to the NHIS aggregator by outcome', ['outcome']);
  const breakerOpen = metrics.gauge('nhis_breaker_open', '1 while the NHIS circuit breaker is open');
  const productUrl = `${options.baseUrl.replace(/\/$/, '')}${CHECKUP_RESULT_PATH}`;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  let token: CachedToken | undefined;
  let tokenRequest: Promise<string> | undefined;

  async function fetchWithin(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new AggregatorFailure(timedOut ? 'timed out' : `unreachable (${error instanceof Error ? error.message : 'network error'})`);
    }
  }

  async function requestToken(signal: AbortSignal): Promise<string> {
    const response = await fetchWithin(
      options.tokenUrl,
      {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials&scope=read',
      },
      signal,
    );
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      // A refused client is a configuration problem, logged loudly; it still reads as "unavailable" to users.
      if (response.status === 401) logger.error('the NHIS aggregator refused our client credentials', { error: body.error });
      throw new AggregatorFailure(`token endpoint answered ${response.status}`);
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    // Renew a minute early so a token never expires between our check and the aggregator's.
    token = { value: body.access_token, expiresAt: Date.now() + Math.max(lifetime - 60, 30) * 1000 };
    return token.value;
  }

  /** One token request at a time; every concurrent call waits for the same one. */
  function accessToken(signal: AbortSignal, renew: boolean): Promise<string> {
    if (!renew && token && token.expiresAt > Date.now()) return Promise.resolve(token.value);
    tokenRequest ??= requestToken(signal).finally(() => (tokenRequest = undefined));
    return tokenRequest;
  }

  async function post(params: Record<string, unknown>, bearer: string, signal: AbortSignal): Promise<Response> {
    return fetchWithin(
      productUrl,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json' },
        body: encodeRequestBody(params),
      },
      signal,
    );
  }

  async function call(params: Record<string, unknown>): Promise<AggregatorAnswer> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response = await post(params, await accessToken(signal, false), signal);
    if (response.status === 401) {
      // The token expired or was revoked early: CODEF's advice is to fetch a new one and repeat once.
      await response.body?.cancel();
      token = undefined;
      response = await post(params, await accessToken(signal, true), signal);
    }
    // Always text: the body is URL-encoded JSON even when the content type says JSON.
    const text = await response.text().catch(() => {
      throw new AggregatorFailure('timed out reading the answer');
    });
    if (!response.ok) throw new AggregatorFailure(`product call answered HTTP ${response.status}`);
    let answer: AggregatorAnswer | undefined;
    try {
      answer = answerOf(decodeResponseBody(text));
    } catch {
      answer = undefined;
    }
    if (answer === undefined) throw new AggregatorFailure('the answer is not an aggregator envelope');
    if (OUTAGE_CODES.has(answer.code)) throw new AggregatorFailure(`NHIS is down (${answer.code})`);
    return answer;
  }

  const breaker = new CircuitBreaker(call, {
    // The deadline is enforced by the AbortSignal above, which also cancels the request; opossum's own
    // timer would leave the request running.
    timeout: false,
    errorThresholdPercentage: 50,
    volumeThreshold: 5,
    rollingCountTimeout: 30_000,
    resetTimeout: options.breakerResetSeconds * 1000,
  });
  let openedAt = 0;
  breaker.on('open', () => {
    openedAt = Date.now();
    breakerOpen.set(1);
    logger.warn('NHIS circuit breaker opened; linking answers 503 until it closes', { resetSeconds: options.breakerResetSeconds });
  });
  breaker.on('close', () => {
    breakerOpen.set(0);
    logger.info('NHIS circuit breaker closed');
  });

  const retryAfter = (): number => {
    if (!breaker.opened) return options.breakerResetSeconds;
    return Math.max(1, Math.ceil((openedAt + options.breakerResetSeconds * 1000 - Date.now()) / 1000));
  };

  return {
    async checkupResult(params) {
      try {
        const answer = (await breaker.fire(params)) as AggregatorAnswer;
        calls.inc({ outcome: 'answered' });
        return answer;
      } catch (error) {
        const shortCircuited = (error as { code?: string }).code === 'EOPENBREAKER';
        calls.inc({ outcome: shortCircuited ? 'short-circuited' : 'failed' });
        if (!shortCircuited) logger.warn('NHIS aggregator call failed', { reason: error instanceof Error ? error.message : String(error) });
        if (!shortCircuited && !(error instanceof AggregatorFailure)) throw error;
        throw new UpstreamUnavailableError(
          'NHIS_UNAVAILABLE',
          'NHIS cannot be reached right now, so linking is paused. Checkups already imported are still available; try again later.',
          retryAfter(),
        );
      }
    },
  };
}
