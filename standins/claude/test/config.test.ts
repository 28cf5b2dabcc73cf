import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, PROFILES, loadConfig } from '../src/config.js';

describe('configuration', () => {
  test('when the API key is missing, then loading fails naming CLAUDE_STANDIN_API_KEY', () => {
    assert.throws(
      () => loadConfig({ CLAUDE_STANDIN_PORT: '54200' }),
      (err: unknown) => err instanceof ConfigError && err.problems.includes('CLAUDE_STANDIN_API_KEY is missing'),
    );
  });

  test('when only the key is set, then the port defaults to 54200 and control is off', () => {
    const config = loadConfig({ CLAUDE_STANDIN_API_KEY: 'k' });
    assert.deepEqual({ port: config.port, apiKey: config.apiKey, controlEnabled: config.controlEnabled }, { port: 54200, apiKey: 'k', controlEnabled: false });
    assert.deepEqual(config.realism, { profile: 'instant', ...PROFILES.instant, timeScale: 1 });
  });

  test('when the realistic profile is chosen, then its figures apply and each one can be overridden', () => {
    const config = loadConfig({ CLAUDE_STANDIN_API_KEY: 'k', CLAUDE_STANDIN_PROFILE: 'realistic', CLAUDE_STANDIN_RPM: '50', CLAUDE_STANDIN_TIME_SCALE: '60' });
    assert.equal(config.realism.profile, 'realistic');
    assert.equal(config.realism.ttftMs, PROFILES.realistic.ttftMs);
    assert.equal(config.realism.requestsPerMinute, 50);
    assert.equal(config.realism.timeScale, 60);
    assert.throws(() => loadConfig({ CLAUDE_STANDIN_API_KEY: 'k', CLAUDE_STANDIN_PROFILE: 'fast' }), ConfigError);
    assert.throws(() => loadConfig({ CLAUDE_STANDIN_API_KEY: 'k', CLAUDE_STANDIN_OVERLOADED_RATE: '2' }), ConfigError);
  });

  test('when values are malformed, then each bad key is named', () => {
    assert.throws(
      () => loadConfig({ CLAUDE_STANDIN_API_KEY: 'k', CLAUDE_STANDIN_PORT: 'abc', CLAUDE_STANDIN_CONTROL: 'yes' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('CLAUDE_STANDIN_PORT:')) &&
        err.problems.some((p) => p.startsWith('CLAUDE_STANDIN_CONTROL:')),
    );
  });
});
