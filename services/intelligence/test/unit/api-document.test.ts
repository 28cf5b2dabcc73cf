import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentIssues } from '@healthsync/shared';
import { intelligenceRoutes } from '../../src/routes/index.js';

test('every public route of the intelligence service documents examples, a Korean summary and its error responses', () => {
  const routes = intelligenceRoutes({
    diagnosis: {} as never,
    recommendations: {} as never,
    chat: {} as never,
    messages: {} as never,
    messageBatches: {} as never,
    logger: {} as never,
    consents: {} as never,
    db: undefined,
  });
  assert.deepEqual(documentIssues(routes), []);
});
