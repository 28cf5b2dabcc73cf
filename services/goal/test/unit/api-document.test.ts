import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentIssues } from '@healthsync/shared';
import { CATALOGUE_MISSION_IDS } from '../../src/domain/missions.js';
import { goalRoutes } from '../../src/routes/index.js';

test('every public route of the goal service documents examples, a Korean summary and its error responses', () => {
  assert.deepEqual(documentIssues(goalRoutes({ goals: {} as never, db: undefined })), []);
});

test('the documented catalogue ids are the ones the migrations seed', () => {
  const migrations = fileURLToPath(new URL('../../../migrations/', import.meta.url));
  const seeded = fs
    .readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) => [...fs.readFileSync(migrations + f, 'utf8').matchAll(/\('(cat-[a-z0-9-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...new Set(seeded)].sort(), [...CATALOGUE_MISSION_IDS].sort());
});
