import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  test('when the API key is missing, then loading fails naming CLAUDE_STANDIN_API_KEY', () => {
    assert.throws(
      () => loadConfig({ CLAUDE_STANDIN_PORT: '54200' }),
      (err: unknown) => err instanceof ConfigError && err.problems.includes('CLAUDE_STANDIN_API_KEY is missing'),
    );
  });

  test('when only the key is set, then the port defaults to 54200 and control is off', () => {
    assert.deepEqual(loadConfig({ CLAUDE_STANDIN_API_KEY: 'k' }), { port: 54200, apiKey: 'k', controlEnabled: false });
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
