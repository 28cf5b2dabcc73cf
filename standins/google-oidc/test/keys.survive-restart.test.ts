import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { obtainIdToken, startGoogleOidcStandin } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

const CLIENT_ID = 'healthsync-mobile';
const REDIRECT = 'com.healthsync.app:/oauth2redirect';
const dirs: string[] = [];

after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  dirs.push(dir);
  return dir;
}

test('when the keys file is absent, then it is created with mode 0600 and reused after a restart', async () => {
  const keysFile = join(await tempDir(), 'nested', 'keys.json');
  const logger = createMemoryLogger();
  const options = { port: 0, clientId: CLIENT_ID, redirectUris: [REDIRECT], keysFile, autoLogin: true, logger };

  const first = await startGoogleOidcStandin(options);
  const idToken = await obtainIdToken({ issuer: first.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint: 'minji.kim@example.com' });
  await first.stop();

  assert.equal((await stat(keysFile)).mode & 0o777, 0o600);
  const stored = JSON.parse(await readFile(keysFile, 'utf8')) as { signingKey: Record<string, string>; cookieKeys: string[] };
  assert.equal(stored.signingKey.kty, 'RSA');
  assert.equal(stored.signingKey.alg, 'RS256');
  assert.equal(stored.cookieKeys.length, 2);

  // Same issuer as before (the app and backend would keep theirs), so the old ID token must still verify.
  const second = await startGoogleOidcStandin({ ...options, port: first.port });
  try {
    const jwks = createRemoteJWKSet(new URL(`${second.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer: second.issuer, audience: CLIENT_ID });
    assert.equal(payload.sub, '110000000000000000001');
    assert.equal(protectedHeader.kid, stored.signingKey.kid);
  } finally {
    await second.stop();
  }

  const messages = logger.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
  assert.ok(messages.includes('generated new signing and cookie keys'));
  assert.ok(messages.includes('loaded signing and cookie keys'));
  const secrets = [stored.signingKey.d, stored.signingKey.p, stored.signingKey.q, ...stored.cookieKeys];
  for (const secret of secrets) {
    assert.ok(secret !== undefined && secret.length > 0);
    assert.ok(!logger.lines.some((line) => line.includes(secret)), 'no key material in the log');
  }
});

test('when the keys file is not valid, then start fails naming OIDC_KEYS_FILE and not its content', async () => {
  const keysFile = join(await tempDir(), 'keys.json');
  await writeFile(keysFile, JSON.stringify({ signingKey: { kty: 'oct', k: 'c2VjcmV0LXZhbHVl' }, cookieKeys: [] }), { mode: 0o600 });
  await assert.rejects(
    startGoogleOidcStandin({ port: 0, clientId: CLIENT_ID, redirectUris: [REDIRECT], keysFile, autoLogin: true, logger: createMemoryLogger() }),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.message, `OIDC_KEYS_FILE ${keysFile}: signingKey must be a private RSA JWK (delete it to generate new keys)`);
      return true;
    },
  );
});
