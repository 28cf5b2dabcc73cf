import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentIssues } from '@healthsync/shared';
import type { Accounts } from '../../src/handlers/accounts.js';
import type { Consents } from '../../src/handlers/consents.js';
import { userRoutes } from '../../src/routes/index.js';

// The document is made from the route declarations alone; no handler runs here.
const routes = userRoutes({
  accounts: {} as Accounts,
  consents: {} as Consents,
  jwks: () => ({ keys: [] }),
  clock: { now: () => new Date('2026-12-02T03:00:00Z') },
  db: undefined,
});

test('every public route of the user service documents examples, a Korean summary and its error responses', () => {
  assert.deepEqual(documentIssues(routes), []);
});
