// Checkup documents reach a phone the way every other answer does: through the gateway, with
// the user's token. The health service reads the sheet from Blob Storage and streams it (no
// SAS link: a phone could not pass the storage firewall, and a user-delegation key would
// need Storage Blob Delegator on the whole account). Here the real document store runs
// against a real Azurite and the real route streams what it reads; Terraform keeps Storage
// closed and grants health no more than Data Contributor on its container.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import express from 'express';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { root, terraform } from './lib.mjs';

const load = (relative) => import(pathToFileURL(path.join(root, relative)).href);
const { createDocumentStore } = await load('services/health/dist/src/adapters/document-store.js');
const { createCheckupRoutes } = await load('services/health/dist/src/routes/checkups.js');
const shared = await load('services/shared/dist/src/index.js');

let azurite;
let port;
before(async () => {
  port = await freePort();
  azurite = spawn(
    path.join(root, 'node_modules', '.bin', 'azurite-blob'),
    ['--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--disableTelemetry', '--blobHost', '127.0.0.1', '--blobPort', String(port)],
    { stdio: 'ignore' },
  );
  // Azurite starts in about 2 s on an idle machine, 17 s measured on a 2-core machine busy with Go builds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const open = await new Promise((resolve) =>
      net
        .connect(port, '127.0.0.1')
        .on('connect', function () {
          this.end();
          resolve(true);
        })
        .on('error', () => resolve(false)),
    );
    if (open) break;
    if (Date.now() > deadline) throw new Error('Azurite did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
});
after(() => azurite?.kill());

const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

test('when a user downloads a checkup sheet, then the health route streams the stored bytes from Blob Storage with the stored headers', async () => {
  // Azurite's published development account (not a secret).
  const connectionString =
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
    `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
  const store = createDocumentStore(
    { kind: 'connection-string', connectionString, container: 'checkups' },
    { logger: quietLogger, metrics: shared.createMetrics('documents-check'), timeoutMs: 5_000, breakerResetSeconds: 5 },
  );
  await store.ensureContainer();
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 7), Buffer.from('\n%%EOF\n')]);
  assert.equal(typeof store.readLink, 'undefined', 'the store hands out no storage links');

  // The route as the service mounts it, with a reading that finds the blob of the user's checkup.
  const reading = {
    async document(userId, id) {
      assert.equal(userId, 'u1', "the user id comes from the request context (the gateway's token)");
      const stored = await store.read(`users/${userId}/checkups/${id}/result-sheet.pdf`);
      if (!stored) throw new shared.NotFoundError('DOCUMENT_NOT_FOUND', 'none');
      return stored;
    },
  };
  // Every read of health data is recorded in the access audit before it is answered.
  const recorded = [];
  const audit = { record: async (entry) => void recorded.push(entry) };
  const clock = { now: () => new Date('2026-12-02T03:00:00Z') };
  const app = express();
  app.use((req, _res, next) => shared.runWithContext({ ...shared.contextFromTraceparent(undefined), userId: req.get('x-test-user') }, next));
  app.use(shared.createRouter(createCheckupRoutes(reading, audit, clock)));
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const checkupId = '0b7c2f4e-8d1a-4c3b-9e5f-1a2b3c4d5e6f';
    await store.put(`users/u1/checkups/${checkupId}/result-sheet.pdf`, pdf, 'application/pdf', 'inline; filename="nhis-checkup-2024-04-12.pdf"');
    const response = await fetch(`http://127.0.0.1:${server.address().port}/api/health/checkups/${checkupId}/document`, { headers: { 'x-test-user': 'u1' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('content-disposition'), 'inline; filename="nhis-checkup-2024-04-12.pdf"');
    assert.match(response.headers.get('cache-control') ?? '', /no-store/);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(pdf), 'the bytes stored are the bytes served');
    assert.deepEqual(
      recorded.map((r) => [r.userId, r.accessorKind, r.resource, r.resourceId]),
      [['u1', 'USER', 'CHECKUP_DOCUMENT', checkupId]],
    );
  } finally {
    server.close();
  }

  // The API document says so too: the answer is the PDF, not a link to it.
  const paths = shared.openApiPaths(createCheckupRoutes(reading, audit, clock));
  const ok = paths['/api/health/checkups/{id}/document'].get.responses['200'];
  assert.deepEqual(Object.keys(ok.content ?? {}), ['application/pdf']);
});

test('when documents are served through the API, then Storage stays closed to the internet and health holds no delegation right', () => {
  const storage = terraform()['modules/storage'].resource.azurerm_storage_account.this;
  assert.equal(storage.shared_access_key_enabled, false);
  assert.equal(storage.allow_nested_items_to_be_public, false);
  assert.equal(storage.network_rules[0].default_action, 'Deny');
  const workloads = terraform()['environments/prod'].module.identity.workloads;
  assert.doesNotMatch(workloads, /Storage Blob Delegator/, 'no identity may mint user-delegation SAS');
});

test('when an account is erased, then Storage keeps none of its files for more than two weeks: previous versions and snapshots are deleted by lifecycle rules, soft-deleted blobs expire', () => {
  const storage = terraform()['modules/storage'];
  const account = storage.resource.azurerm_storage_account.this;
  const blob = account.blob_properties[0];
  // Versioning is on: deleting a blob keeps its previous version, so a rule must delete old versions.
  assert.equal(blob.versioning_enabled, true);
  const retentionDays = blob.delete_retention_policy[0].days;
  assert.ok(retentionDays >= 1 && retentionDays <= 7, `soft-deleted blobs kept ${retentionDays} days (at most 7)`);

  const previousVersionDays = storage.variable.previous_version_days.default;
  assert.ok(previousVersionDays >= 1 && previousVersionDays <= 7, `previous versions kept ${previousVersionDays} days by default (at most 7)`);
  const rules = storage.resource.azurerm_storage_management_policy.this.rule;
  const checkups = rules.filter((rule) => rule.enabled !== false && (rule.filters?.[0]?.prefix_match ?? []).some((prefix) => /^checkups\//.test(prefix)));
  assert.ok(checkups.length > 0, 'a lifecycle rule covers the checkups container');
  const actions = checkups.flatMap((rule) => rule.actions ?? []);
  const versionDelete = actions.map((a) => a.version?.[0]?.delete_after_days_since_creation).find((v) => v !== undefined);
  const snapshotDelete = actions.map((a) => a.snapshot?.[0]?.delete_after_days_since_creation_greater_than).find((v) => v !== undefined);
  assert.equal(versionDelete, '${var.previous_version_days}', 'previous versions of checkup files are deleted');
  assert.equal(snapshotDelete, '${var.previous_version_days}', 'snapshots of checkup files are deleted');
  // And the health service deletes versions and snapshots itself when it erases an account.
  const store = fs.readFileSync(path.join(root, 'services', 'health', 'src', 'adapters', 'document-store.ts'), 'utf8');
  assert.match(store, /includeSnapshots: true, includeVersions: true/);
});
