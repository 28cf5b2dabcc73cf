/**
 * A token bucket as Anthropic describes its rate limits: capacity is the per-minute limit, and
 * it is refilled continuously (limit / 60 per second) rather than reset at the top of a minute.
 * Pure: the caller passes the time. A limit of 0 means unlimited.
 */
export interface Bucket {
  readonly limit: number;
  tokens: number;
  updatedAt: number;
}

export interface BucketReading {
  limit: number;
  remaining: number;
  /** When the bucket will be full again (epoch ms). */
  resetAt: number;
}

export function newBucket(limit: number, now: number): Bucket {
  return { limit, tokens: limit, updatedAt: now };
}

const perMs = (bucket: Bucket) => bucket.limit / 60_000;

function refill(bucket: Bucket, now: number): void {
  if (now > bucket.updatedAt) {
    bucket.tokens = Math.min(bucket.limit, bucket.tokens + (now - bucket.updatedAt) * perMs(bucket));
    bucket.updatedAt = now;
  }
}

export function read(bucket: Bucket, now: number): BucketReading {
  refill(bucket, now);
  const missing = bucket.limit - bucket.tokens;
  return { limit: bucket.limit, remaining: Math.max(0, Math.floor(bucket.tokens)), resetAt: now + (missing <= 0 ? 0 : Math.ceil(missing / perMs(bucket))) };
}

/** Milliseconds until `amount` fits (0 when it fits now); Infinity when it never can. */
export function waitFor(bucket: Bucket, amount: number, now: number): number {
  if (bucket.limit === 0) return 0;
  if (amount > bucket.limit) return Number.POSITIVE_INFINITY;
  refill(bucket, now);
  if (bucket.tokens >= amount) return 0;
  return Math.ceil((amount - bucket.tokens) / perMs(bucket));
}

/** Takes `amount` (may go below zero: output is only known afterwards, as with the real API). */
export function take(bucket: Bucket, amount: number, now: number): void {
  if (bucket.limit === 0) return;
  refill(bucket, now);
  bucket.tokens -= amount;
}
