import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runReport } from '../../src/domain/report.js';

const run = {
  runDate: '2026-11-24',
  firstTriggeredAt: '2026-11-24T00:00:00Z',
  lastTriggeredAt: '2026-11-24T00:10:00Z',
  triggerCount: 3,
  startedAt: '2026-11-24T00:00:01Z',
  completedAt: '2026-11-24T00:01:31Z',
  passes: 2,
  busyMs: 90_000,
};

test('when the day’s decisions are tallied, then the report has considered, sent, deferred, skipped by reason, failed and the duration', () => {
  const report = runReport(run, [
    { state: 'SENT', reason: null, textSource: 'AI', count: 70 },
    { state: 'SENT', reason: 'DEFERRED', textSource: 'FALLBACK', count: 5 },
    { state: 'SKIPPED', reason: 'ON_TRACK', textSource: null, count: 20 },
    { state: 'SKIPPED', reason: 'OPTED_OUT', textSource: null, count: 3 },
    { state: 'FAILED', reason: 'GAVE_UP', textSource: null, count: 2 },
  ]);
  assert.deepEqual(
    {
      considered: report.considered,
      sent: report.sent,
      deferred: report.deferred,
      skipped: report.skipped,
      failed: report.failed,
      pending: report.pending,
      texts: report.texts,
    },
    { considered: 100, sent: 75, deferred: 5, skipped: { ON_TRACK: 20, OPTED_OUT: 3 }, failed: 2, pending: 0, texts: { AI: 70, FALLBACK: 5 } },
  );
  assert.equal(report.durationMs, 90_000);
  assert.equal(report.status, 'COMPLETED');
});

test('when users are still planned or claimed, then the run is reported as running', () => {
  const report = runReport({ ...run, completedAt: null, busyMs: 1_200 }, [
    { state: 'PENDING', reason: null, textSource: null, count: 4 },
    { state: 'CLAIMED', reason: null, textSource: null, count: 1 },
  ]);
  assert.equal(report.pending, 5);
  assert.equal(report.status, 'RUNNING');
  assert.equal(report.durationMs, 1_200);
});
