import { randomBytes } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Ids shaped like the real API's: a prefix, "_01", then 22 base58 characters. */
export function newId(prefix: 'msg' | 'toolu' | 'req' | 'msgbatch'): string {
  const bytes = randomBytes(22);
  let tail = '';
  for (const byte of bytes) tail += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_01${tail}`;
}
