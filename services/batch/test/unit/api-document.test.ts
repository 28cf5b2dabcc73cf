import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentIssues } from '@healthsync/shared';
import { batchRoutes } from '../../src/routes/index.js';

test('every public route of the batch service documents examples, a Korean summary and its error responses', () => {
  const routes = batchRoutes({
    inbox: {} as never,
    devices: {} as never,
    runs: {} as never,
    deliveries: {} as never,
    encouragement: {} as never,
    usage: {} as never,
    db: undefined,
  });
  assert.deepEqual(documentIssues(routes), []);
});
