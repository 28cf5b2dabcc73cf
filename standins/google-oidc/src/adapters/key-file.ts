import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The provider's secrets live in one JSON file so that ID tokens and sessions stay valid across
 * restarts: the RS256 signing key (private JWK with kid) and the keys that sign cookies. The file is
 * created on first start with mode 0600. Nothing here logs or returns the file's content in errors.
 */
export interface ProviderKeys {
  signingKey: JWK & { kty: 'RSA'; kid: string; alg: 'RS256'; use: 'sig' };
  cookieKeys: string[];
}

export class KeyFileError extends Error {
  constructor(path: string, reason: string) {
    super(`OIDC_KEYS_FILE ${path}: ${reason}`);
    this.name = 'KeyFileError';
  }
}

export interface LoadedKeys {
  keys: ProviderKeys;
  created: boolean;
  /** True when group or others may read the file (it was made or chmod-ed by someone else). */
  tooOpen: boolean;
}

export async function loadOrCreateKeys(path: string): Promise<LoadedKeys> {
  const existing = await readKeys(path);
  if (existing !== undefined) return existing;

  const keys = await generateKeys();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx' so that two processes starting at once do not overwrite each other's keys.
    await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      const raced = await readKeys(path);
      if (raced !== undefined) return raced;
    }
    throw new KeyFileError(path, `cannot write: ${errorMessage(error)}`);
  }
  return { keys, created: true, tooOpen: false };
}

async function readKeys(path: string): Promise<LoadedKeys | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new KeyFileError(path, `cannot read: ${errorMessage(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyFileError(path, 'is not valid JSON (delete it to generate new keys)');
  }
  const { mode } = await stat(path);
  return { keys: validateKeys(path, parsed), created: false, tooOpen: (mode & 0o077) !== 0 };
}

function validateKeys(path: string, value: unknown): ProviderKeys {
  const fail = (reason: string): never => {
    throw new KeyFileError(path, `${reason} (delete it to generate new keys)`);
  };
  if (typeof value !== 'object' || value === null) return fail('must hold a JSON object');
  const { signingKey, cookieKeys } = value as Record<string, unknown>;
  if (typeof signingKey !== 'object' || signingKey === null) return fail('signingKey is missing');
  const jwk = signingKey as Record<string, unknown>;
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.n !== 'string') {
    return fail('signingKey must be a private RSA JWK');
  }
  if (typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.alg !== 'RS256' || jwk.use !== 'sig') {
    return fail('signingKey must carry kid, alg "RS256" and use "sig"');
  }
  if (!Array.isArray(cookieKeys) || cookieKeys.length === 0 || !cookieKeys.every((k) => typeof k === 'string' && k.length >= 16)) {
    return fail('cookieKeys must be a non-empty list of strings of at least 16 characters');
  }
  return { signingKey: { ...jwk, kty: 'RSA', kid: jwk.kid, alg: 'RS256', use: 'sig' } as ProviderKeys['signingKey'], cookieKeys };
}

async function generateKeys(): Promise<ProviderKeys> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    signingKey: { ...jwk, kty: 'RSA', kid, alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')],
  };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
