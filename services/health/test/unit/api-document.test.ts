import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentIssues } from '@healthsync/shared';
import { healthRoutes } from '../../src/routes/index.js';

test('every public route of the health service documents examples, a Korean summary and its error responses', () => {
  assert.deepEqual(
    documentIssues(
      healthRoutes({
        reading: {} as never,
        linking: {} as never,
        audit: {} as never,
        consents: {} as never,
        exports: {} as never,
        clock: { now: () => new Date() },
        db: undefined,
      }),
    ),
    [],
  );
});
