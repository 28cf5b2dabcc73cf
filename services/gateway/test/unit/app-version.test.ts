import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareVersions, judgeAppVersion, parseVersion } from '../../src/domain/app-version.js';

describe('minimum app version', () => {
  test('versions are read as major.minor[.patch] with an optional suffix; anything else is not a version', () => {
    assert.deepEqual(parseVersion('2.3.1'), [2, 3, 1]);
    assert.deepEqual(parseVersion('2.3'), [2, 3, 0]);
    assert.deepEqual(parseVersion('2.10.0-beta.1'), [2, 10, 0]);
    for (const bad of ['', '2', 'v2.3.1', '2.3.1.4', '../../2.3', '2.3.1; drop', '99999.1.1']) assert.equal(parseVersion(bad), undefined, bad);
  });

  test('comparison is numeric, not textual', () => {
    assert.ok(compareVersions([2, 10, 0], [2, 9, 9]) > 0);
    assert.ok(compareVersions([1, 99, 99], [2, 0, 0]) < 0);
    assert.equal(compareVersions([2, 3, 0], [2, 3, 0]), 0);
  });

  test('below the minimum the app is told to update from its store; at or above it, or without a version, it goes on', () => {
    const minimum = parseVersion('2.4.0');
    assert.deepEqual(judgeAppVersion('2.3.9', 'iOS', minimum), { kind: 'too-old', minimum: '2.4.0', platform: 'ios' });
    assert.deepEqual(judgeAppVersion('1.0', 'android', minimum), { kind: 'too-old', minimum: '2.4.0', platform: 'android' });
    assert.deepEqual(judgeAppVersion('2.3.9', 'windows', minimum), { kind: 'too-old', minimum: '2.4.0', platform: undefined });
    assert.deepEqual(judgeAppVersion('2.4.0', 'ios', minimum), { kind: 'ok' });
    assert.deepEqual(judgeAppVersion('2.10.1', 'ios', minimum), { kind: 'ok' });
    assert.deepEqual(judgeAppVersion(undefined, 'ios', minimum), { kind: 'ok' });
    assert.deepEqual(judgeAppVersion('garbage', 'ios', minimum), { kind: 'invalid' });
    assert.deepEqual(judgeAppVersion('0.0.1', 'ios', undefined), { kind: 'ok' }, 'no minimum configured');
  });
});
