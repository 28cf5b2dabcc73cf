import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entityTag, listedTags, notModified, preconditionHolds } from '../../src/index.js';

describe('conditional requests', () => {
  const tag = entityTag({ optedOut: false, quietHours: { start: '22:00', end: '08:00' } });

  test('the tag follows the representation: the same content the same tag, any change another', () => {
    assert.match(tag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(entityTag({ optedOut: false, quietHours: { start: '22:00', end: '08:00' } }), tag);
    assert.notEqual(entityTag({ optedOut: true, quietHours: { start: '22:00', end: '08:00' } }), tag);
  });

  test('If-None-Match: the current tag (weak or strong, in a list, or *) means 304; another or none does not', () => {
    assert.equal(notModified(tag, tag), true);
    assert.equal(notModified(`W/${tag}`, tag), true);
    assert.equal(notModified(`"other", ${tag}`, tag), true);
    assert.equal(notModified('*', tag), true);
    assert.equal(notModified('"other"', tag), false);
    assert.equal(notModified(undefined, tag), false);
  });

  test('If-Match: no header lets the write through; the current tag or * too; a stale tag does not', () => {
    assert.equal(preconditionHolds(undefined, tag), true);
    assert.equal(preconditionHolds(tag, tag), true);
    assert.equal(preconditionHolds('*', tag), true);
    assert.equal(preconditionHolds('"stale"', tag), false);
    assert.equal(preconditionHolds('', tag), false);
    assert.deepEqual(listedTags(' "a" , W/"b",'), ['"a"', '"b"']);
  });
});
