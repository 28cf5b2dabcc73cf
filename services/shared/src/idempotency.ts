import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { AppError, ValidationError } from './errors.js';

/**
 * Safe retries (`Idempotency-Key`): a phone on a bad network resends a POST whose answer it
 * never saw. The same key within the window returns the first answer and has no second
 * effect; the same key with a different request is a 422. Keys are per user: one user's key
 * can never replay another user's answer.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is a replay of the first one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * A claim still "in progress" after this long belongs to a process that died mid-request; a
 * retry may take it over. Longer than any request may run (the gateway's stream timeout).
 */
export const IDEMPOTENCY_STALE_MS = 5 * 60 * 1000;

const KEY_PATTERN = /^[A-Za-z0-9_\-.:]{8,128}$/;

/** The header's value when it is a usable key; a ValidationError otherwise. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) || !KEY_PATTERN.test(value)) {
    throw new ValidationError([
      { field: 'header.Idempotency-Key', message: 'must be 8–128 characters of A–Z, a–z, 0–9, "-", "_", ".", ":" (a UUID is ideal)' },
    ]);
  }
  return value;
}

/** What makes two requests "the same": method, route, path parameters, query and body. */
export function requestFingerprint(parts: { method: string; route: string; params: unknown; query: unknown; body: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.method.toUpperCase(), parts.route, canonical(parts.params), canonical(parts.query), canonical(parts.body)]))
    .digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface KeyRecord {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  claimedAt: Date;
  answer?: StoredAnswer;
}

export type ClaimDecision = 'claim' | 'take-over' | 'replay' | 'in-progress' | 'mismatch';

/** What to do with a request carrying a key, given what is stored under it. Pure. */
export function decideClaim(existing: KeyRecord | undefined, fingerprint: string, now: Date): ClaimDecision {
  if (!existing) return 'claim';
  const age = now.getTime() - existing.claimedAt.getTime();
  if (age >= IDEMPOTENCY_WINDOW_MS) return 'take-over';
  if (existing.fingerprint !== fingerprint) return 'mismatch';
  if (existing.state === 'completed') return 'replay';
  return age >= IDEMPOTENCY_STALE_MS ? 'take-over' : 'in-progress';
}

/**
 * Whether an answer is kept for replay: not when a retry could succeed (5xx, 429), and not a 401
 * (it says who asked, not what the request did: an erased account's refused write keeps no row
 * of the user behind its erasure, docs/decisions/013-erasure-always-completes.md).
 */
export function keepsAnswer(status: number): boolean {
  return status < 500 && status !== 429 && status !== 401;
}

/** Response headers replayed with the stored answer. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'cache-control'];

export type Claim = { kind: 'claimed' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'in-progress' } | { kind: 'mismatch' };

export interface IdempotencyStore {
  claim(userId: string, key: string, fingerprint: string, now: Date): Promise<Claim>;
  complete(userId: string, key: string, answer: StoredAnswer): Promise<void>;
  release(userId: string, key: string): Promise<void>;
}

/**
 * The store in the service's own schema (table `idempotency_keys`, one migration per service
 * that has idempotent routes), so a claim survives a restart and is erased with the user.
 */
export function createIdempotencyStore(db: Db): IdempotencyStore {
  let lastPrune = 0;
  return {
    async claim(userId, key, fingerprint, now) {
      if (now.getTime() - lastPrune > 60_000) {
        lastPrune = now.getTime();
        await db.query('delete from idempotency_keys where claimed_at < $1', [new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)]);
      }
      const client = await db.connect();
      try {
        await client.query('begin');
        const inserted = await client.query(
          `insert into idempotency_keys (user_id, key, fingerprint, state, claimed_at) values ($1, $2, $3, 'in_progress', $4)
           on conflict do nothing`,
          [userId, key, fingerprint, now],
        );
        if (inserted.rowCount === 1) {
          await client.query('commit');
          return { kind: 'claimed' };
        }
        const { rows } = await client.query<{
          fingerprint: string;
          state: 'in_progress' | 'completed';
          claimed_at: Date;
          status: number | null;
          headers: Record<string, string> | null;
          body: Buffer | null;
        }>('select fingerprint, state, claimed_at, status, headers, body from idempotency_keys where user_id = $1 and key = $2 for update', [userId, key]);
        const row = rows[0]!;
        const decision = decideClaim({ fingerprint: row.fingerprint, state: row.state, claimedAt: row.claimed_at }, fingerprint, now);
        if (decision === 'take-over') {
          await client.query(
            `update idempotency_keys set fingerprint = $3, state = 'in_progress', claimed_at = $4, status = null, headers = null, body = null
             where user_id = $1 and key = $2`,
            [userId, key, fingerprint, now],
          );
        }
        await client.query('commit');
        if (decision === 'take-over' || decision === 'claim') return { kind: 'claimed' };
        if (decision === 'replay') return { kind: 'replay', answer: { status: row.status!, headers: row.headers ?? {}, body: row.body ?? Buffer.alloc(0) } };
        return { kind: decision };
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async complete(userId, key, answer) {
      await db.query(`update idempotency_keys set state = 'completed', status = $3, headers = $4, body = $5 where user_id = $1 and key = $2`, [
        userId,
        key,
        answer.status,
        answer.headers,
        answer.body,
      ]);
    },
    async release(userId, key) {
      await db.query(`delete from idempotency_keys where user_id = $1 and key = $2 and state = 'in_progress'`, [userId, key]);
    },
  };
}

/**
 * Runs `handle` at most once per (user, key): claims the key, records what the handler
 * answered (including a streamed answer, chunk by chunk) and replays it to a retry.
 * Returns true when the request was answered from the store (the handler must not run).
 */
export async function answerFromStore(
  store: IdempotencyStore,
  clock: Clock,
  request: { userId: string; key: string; fingerprint: string; res: Response; req: Request },
): Promise<boolean> {
  const { userId, key, res } = request;
  const claim = await store.claim(userId, key, request.fingerprint, clock.now());
  if (claim.kind === 'mismatch') {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key.');
  }
  if (claim.kind === 'in-progress') {
    res.setHeader('Retry-After', '2');
    throw new AppError(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  if (claim.kind === 'replay') {
    res.status(claim.answer.status);
    for (const [name, value] of Object.entries(claim.answer.headers)) res.setHeader(name, value);
    res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    res.end(claim.answer.body);
    return true;
  }
  recordAnswer(res, (answer) => (answer && keepsAnswer(answer.status) ? store.complete(userId, key, answer) : store.release(userId, key)));
  return false;
}

/** Captures what is written to `res`; `done` gets the answer when it finished, or undefined if the client hung up. */
function recordAnswer(res: Response, done: (answer: StoredAnswer | undefined) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown, encoding: unknown): Buffer | undefined => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined;
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk);
    return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    return write(chunk, ...rest);
  }) as Response['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    return end(chunk, ...rest);
  }) as Response['end'];
  let settled = false;
  const settle = (answer: StoredAnswer | undefined) => {
    if (settled) return;
    settled = true;
    // A failure to record must not fail the answer already sent; the claim then goes stale.
    void done(answer).catch(() => undefined);
  };
  res.on('finish', () => {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    settle({ status: res.statusCode, headers, body: Buffer.concat(chunks) });
  });
  res.on('close', () => settle(undefined));
}

/** Part of erasing a user: their stored answers (which may hold their data) go too. */
export async function eraseIdempotencyKeys(db: { query(sql: string, values: unknown[]): Promise<unknown> }, userId: string): Promise<void> {
  await db.query('delete from idempotency_keys where user_id = $1', [userId]);
}
