import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const mainJs = fileURLToPath(new URL('../src/main.js', import.meta.url));

test('when only OIDC_KEYS_FILE is set, then every other setting takes its default', () => {
  assert.deepEqual(loadConfig({ OIDC_KEYS_FILE: '/tmp/keys.json' }), {
    port: 54000,
    issuer: 'http://127.0.0.1:54000',
    clientId: 'healthsync-mobile',
    redirectUris: ['com.healthsync.app:/oauth2redirect', 'http://127.0.0.1:54001/callback'],
    keysFile: '/tmp/keys.json',
    autoLogin: false,
    anyTestIdentity: false,
  });
});

test('when OIDC_PORT is set, then the default issuer follows it', () => {
  const config = loadConfig({ OIDC_KEYS_FILE: 'k.json', OIDC_PORT: '54010', OIDC_AUTO_LOGIN: 'true', OIDC_REDIRECT_URIS: ' a:/b , http://127.0.0.1:1/cb ' });
  assert.equal(config.issuer, 'http://127.0.0.1:54010');
  assert.equal(config.autoLogin, true);
  assert.deepEqual(config.redirectUris, ['a:/b', 'http://127.0.0.1:1/cb']);
});

test('when settings are missing or contradictory, then the error names each key', () => {
  assert.throws(
    () => loadConfig({ OIDC_PORT: '70000', OIDC_AUTO_LOGIN: 'yes', OIDC_ISSUER: 'http://127.0.0.1:54000/google' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        'OIDC_PORT must be an integer between 1 and 65535 (got "70000")',
        'OIDC_ISSUER must be scheme://host:port with no path, query or trailing slash (got "http://127.0.0.1:54000/google")',
        'OIDC_KEYS_FILE is missing: path of the JSON file holding the signing key and cookie keys',
        'OIDC_AUTO_LOGIN must be "true" or "false" (got "yes")',
      ]);
      return true;
    },
  );
  assert.throws(
    () => loadConfig({ OIDC_KEYS_FILE: 'k.json', OIDC_PORT: '54010', OIDC_ISSUER: 'http://127.0.0.1:54000' }),
    /OIDC_ISSUER http:\/\/127\.0\.0\.1:54000 is a loopback address on another port than OIDC_PORT 54010/,
  );
});

test('when the process starts without OIDC_KEYS_FILE, then it exits 1 with a JSON line naming the setting', () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  const result = spawnSync(process.execPath, [mainJs], { env, encoding: 'utf8', timeout: 10_000 });
  assert.equal(result.status, 1);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  assert.equal(entry.level, 'error');
  assert.equal(entry.msg, 'Invalid configuration: OIDC_KEYS_FILE is missing: path of the JSON file holding the signing key and cookie keys');
});

test('when a web client is configured, then it needs its id, secret and redirect URIs together, and a secret that is not trivially short', () => {
  const web = {
    OIDC_KEYS_FILE: 'k.json',
    OIDC_WEB_CLIENT_ID: 'healthsync-web',
    OIDC_WEB_CLIENT_SECRET: 'a-long-enough-secret-1234',
    OIDC_WEB_REDIRECT_URIS: 'http://127.0.0.1:3100/auth/callback',
  };
  assert.deepEqual(loadConfig(web).webClient, {
    clientId: 'healthsync-web',
    clientSecret: 'a-long-enough-secret-1234',
    redirectUris: ['http://127.0.0.1:3100/auth/callback'],
  });
  assert.throws(
    () => loadConfig({ OIDC_KEYS_FILE: 'k.json', OIDC_WEB_CLIENT_ID: 'healthsync-web' }),
    (error: unknown) => error instanceof ConfigError && /OIDC_WEB_CLIENT_SECRET, OIDC_WEB_REDIRECT_URIS missing/.test(error.problems.join()),
  );
  assert.throws(
    () => loadConfig({ ...web, OIDC_WEB_CLIENT_SECRET: 'short' }),
    (error: unknown) => error instanceof ConfigError && error.problems.includes('OIDC_WEB_CLIENT_SECRET must be at least 16 characters'),
  );
  assert.throws(
    () => loadConfig({ ...web, OIDC_WEB_CLIENT_ID: 'healthsync-mobile' }),
    (error: unknown) => error instanceof ConfigError && error.problems.includes('OIDC_WEB_CLIENT_ID must differ from OIDC_CLIENT_ID'),
  );
});
