import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** What every log line and outgoing call needs to know about the request being served. */
export interface RequestContext {
  /** W3C trace-context header to forward on every outgoing call. */
  traceparent: string;
  traceId: string;
  requestId: string;
  /** Verified user id, set only by the gateway's identity header. */
  userId?: string;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  sessionId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** What a caller-sent request id may look like (a UUID, a hex id, a short tag); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Random hex ids (trace, span and request ids) cut from a block of random bytes drawn 4 KB at a
 * time: one call into the CSPRNG per request costs more than the rest of making the context.
 */
let randomBlock = Buffer.alloc(0);
let randomOffset = 0;
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomBlock.length) {
    randomBlock = randomBytes(4096);
    randomOffset = 0;
  }
  randomOffset += bytes;
  return randomBlock.toString('hex', randomOffset - bytes, randomOffset);
}

/** The caller's request id when it is well formed, otherwise a new one of ours. */
export function acceptedRequestId(value: string | undefined): string {
  return value !== undefined && REQUEST_ID.test(value) ? value : randomHex(8);
}

/**
 * Continues the caller's trace when it sent a valid `traceparent` (W3C trace context),
 * otherwise starts a new one. The span id is always ours. Behind the gateway the caller is
 * another of our services and its sampled flag is kept; at the public edge `sample` decides
 * instead, so a client cannot have every request traced by sending the flag.
 */
export function contextFromTraceparent(header: string | undefined, requestId?: string, sample?: () => boolean): RequestContext {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  const traceId = match && !/^0+$/.test(match[1]!) ? match[1]! : randomHex(16);
  const flags = sample ? (sample() ? '01' : '00') : match ? match[3]! : '01';
  const spanId = randomHex(8);
  return {
    traceId,
    traceparent: `00-${traceId}-${spanId}-${flags}`,
    requestId: acceptedRequestId(requestId),
  };
}
