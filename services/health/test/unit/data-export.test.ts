import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { unzip } from '@healthsync/shared/testing';
import { zipStream } from '../../src/adapters/zip-writer.js';
import {
  buildManifest,
  canMove,
  decideRequest,
  documentPath,
  effectiveState,
  exportFileName,
  exportView,
  partFiles,
  retryDelaySeconds,
  type ExportRow,
} from '../../src/domain/data-export.js';

const at = (iso: string) => new Date(iso);
const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  id: '9b2f6c1e-4a7d-4e3b-8f10-5c6d7e8f9a0b',
  userId: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  state: 'PENDING',
  createdAt: at('2026-11-24T03:00:00Z'),
  readyAt: null,
  expiresAt: null,
  sizeBytes: null,
  failure: null,
  ...over,
});

const collect = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('the export’s status', () => {
  test('when a ready export’s expiry passes, then it shows as expired without its download, even before the sweeper ran', () => {
    const ready = row({ state: 'READY', readyAt: at('2026-11-24T03:00:05Z'), expiresAt: at('2026-12-01T03:00:05Z'), sizeBytes: 1200 });
    const before = exportView(ready, at('2026-12-01T03:00:04Z'));
    assert.equal(before.status, 'ready');
    assert.equal(before.downloadUrl, `/api/users/me/exports/${ready.id}/download`);
    assert.equal(before.size, 1200);
    const after = exportView(ready, at('2026-12-01T03:00:05Z'));
    assert.equal(after.status, 'expired');
    assert.equal(after.downloadUrl, null);
    assert.equal(after.size, null);
    assert.equal(effectiveState(row(), at('2030-01-01T00:00:00Z')), 'PENDING');
  });

  test('when a failed export is shown, then it says why; a pending one says nothing of a failed attempt', () => {
    assert.equal(
      exportView(row({ state: 'FAILED', failure: 'the goal service did not give its part' }), at('2026-11-24T04:00:00Z')).failure,
      'the goal service did not give its part',
    );
    assert.equal(exportView(row({ failure: 'the goal service did not give its part' }), at('2026-11-24T04:00:00Z')).failure, null);
  });

  test('when a build ends, then pending may become ready or failed, ready only expired, and nothing goes back', () => {
    assert.ok(canMove('PENDING', 'READY'));
    assert.ok(canMove('PENDING', 'FAILED'));
    assert.ok(canMove('READY', 'EXPIRED'));
    assert.ok(!canMove('READY', 'PENDING'));
    assert.ok(!canMove('FAILED', 'READY'));
    assert.ok(!canMove('EXPIRED', 'READY'));
  });
});

describe('a new request', () => {
  const now = at('2026-11-24T12:00:00Z');
  test('when an export is pending, then asking again answers that one', () => {
    assert.deepEqual(decideRequest([row({ state: 'READY' }), row({ id: 'p', state: 'PENDING' })], now, 3), { kind: 'in-progress', exportId: 'p' });
  });

  test('when the day’s exports are used up, then the refusal says when the oldest leaves the 24 hours', () => {
    const recent = ['2026-11-24T01:00:00Z', '2026-11-24T02:00:00Z', '2026-11-24T03:00:00Z'].map((t, i) =>
      row({ id: String(i), state: 'READY', createdAt: at(t) }),
    );
    assert.deepEqual(decideRequest(recent, now, 3), { kind: 'limited', retryAfterSeconds: 13 * 3600 });
    assert.deepEqual(decideRequest(recent, at('2026-11-25T01:00:01Z'), 3), { kind: 'start' });
    assert.deepEqual(decideRequest(recent, now, 4), { kind: 'start' });
  });

  test('when attempts fail, then the wait doubles up to an hour', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 12].map((n) => retryDelaySeconds(n, 30)),
      [30, 60, 120, 240, 3600],
    );
  });
});

describe('the archive', () => {
  const parts = [
    { app: 'user', schemaVersion: 1, areas: { profile: { name: '김민지' }, identities: [] } },
    { app: 'goal', schemaVersion: 1, areas: { 'check-offs': [{ missionId: 'cat-di-water', date: '2026-11-23' }] } },
  ];

  test('when parts are laid out, then each area is one pretty JSON file under its app, in a stable order', () => {
    const files = partFiles(parts);
    assert.deepEqual(
      files.map((f) => f.path),
      ['goal/check-offs.json', 'user/identities.json', 'user/profile.json'],
    );
    assert.deepEqual(JSON.parse(files[2]!.data.toString('utf8')), { name: '김민지' });
    assert.throws(() => partFiles([...parts, parts[0]!]), /named twice/);
    assert.throws(() => partFiles([{ app: 'user', schemaVersion: 1, areas: { '../x': 1 } }]), /badly/);
  });

  test('when the manifest is built, then it lists every file, the time and each part’s schema version', () => {
    const manifest = buildManifest({
      exportId: 'e',
      userId: 'u',
      generatedAt: at('2026-11-24T03:00:00Z'),
      parts,
      files: [{ path: 'user/profile.json', bytes: 3, sha256: 'ab', content: 'user/profile' }],
    });
    assert.equal(manifest.generatedAt, '2026-11-24T03:00:00.000Z');
    assert.deepEqual(manifest.parts, [
      { app: 'goal', schemaVersion: 1, areas: ['check-offs'] },
      { app: 'user', schemaVersion: 1, areas: ['identities', 'profile'] },
    ]);
    assert.equal(manifest.files.length, 1);
    assert.throws(() =>
      buildManifest({
        exportId: 'e',
        userId: 'u',
        generatedAt: now(),
        parts,
        files: [
          { path: 'a', bytes: 1, sha256: '', content: '' },
          { path: 'a', bytes: 1, sha256: '', content: '' },
        ],
      }),
    );
  });

  test('when files are zipped, then an independent reader finds each with its bytes (Korean names and contents, a binary file, an empty one)', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256))]);
    const input = [
      { path: 'README.txt', data: Buffer.from('내 데이터\n', 'utf8') },
      { path: 'user/profile.json', data: Buffer.from(JSON.stringify({ name: '김민지' }), 'utf8') },
      { path: 'health/documents/결과지.pdf', data: pdf },
      { path: 'empty.json', data: Buffer.alloc(0) },
    ];
    const files = await unzip(await collect(zipStream(input, at('2026-11-24T03:00:00Z'))));
    assert.deepEqual(
      [...files.keys()],
      input.map((f) => f.path),
    );
    for (const f of input)
      assert.equal(createHash('sha256').update(files.get(f.path)!).digest('hex'), createHash('sha256').update(f.data).digest('hex'), f.path);
  });

  test('when a path would leave the archive or repeats, then the archive fails instead of being written', async () => {
    await assert.rejects(collect(zipStream([{ path: '../x', data: Buffer.from('x') }], now())), /bad or repeated path/);
    await assert.rejects(
      collect(
        zipStream(
          [
            { path: 'a', data: Buffer.from('x') },
            { path: 'a', data: Buffer.from('y') },
          ],
          now(),
        ),
      ),
      /bad or repeated path/,
    );
  });

  test('when names are given to files, then the download is named by the Seoul day and sheets by their type', () => {
    assert.equal(exportFileName(at('2026-11-24T15:30:00Z')), 'healthsync-my-data-20261125.zip');
    assert.equal(documentPath('c1', 'application/pdf'), 'health/documents/c1.pdf');
    assert.equal(documentPath('c1', 'application/octet-stream'), 'health/documents/c1.bin');
  });
});

function now(): Date {
  return at('2026-11-24T03:00:00Z');
}
