import { z } from 'zod';
import { runReport } from '../domain/report.js';
import { urgency } from '../domain/selection.js';

/** The operators' views of the daily runs (internal routes), with examples made by the report's own pure code. */
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date().describe('YYYY-MM-DD (Asia/Seoul)');
const state = z.enum(['PENDING', 'GENERATING', 'PREPARED', 'CLAIMED', 'SENT', 'SKIPPED', 'FAILED']);
const textSource = z.enum(['AI', 'FALLBACK']);

export const runReportSchema = z.object({
  runDate: day,
  status: z.enum(['WAITING', 'RUNNING', 'COMPLETED']),
  considered: z.number().int().min(0).describe('Users with active missions the run decided about (or is about to)'),
  sent: z.number().int().min(0).describe('Messages put in inboxes, including those waiting for quiet hours to end'),
  deferred: z.number().int().min(0).describe('Of sent, those waiting for (or delivered after) the end of quiet hours'),
  skipped: z.record(z.string(), z.number().int().min(0)).describe('Users left alone, by reason'),
  failed: z.number().int().min(0),
  pending: z.number().int().min(0).describe('Planned, waiting for a text or for the delivery time, or being worked on'),
  texts: z.object({ AI: z.number().int().min(0), FALLBACK: z.number().int().min(0) }),
  triggers: z.object({ count: z.number().int().min(1), first: instant, last: instant }),
  passes: z.number().int().min(0),
  startedAt: instant.nullable().describe('When the first pass with work began'),
  completedAt: instant.nullable().describe('When a pass last left the queue empty; null while users wait'),
  durationMs: z.number().min(0).describe('Time the day’s passes spent working'),
});

export const runListSchema = z.object({
  runs: z.array(
    z.object({
      runDate: day,
      firstTriggeredAt: instant,
      lastTriggeredAt: instant,
      triggerCount: z.number().int().min(1),
      plannedAt: instant.nullable(),
      startedAt: instant.nullable(),
      completedAt: instant.nullable(),
      passes: z.number().int().min(0),
      busyMs: z.number().min(0),
      lastPassAt: instant.nullable(),
      report: runReportSchema,
    }),
  ),
});

export const decisionSchema = z.object({
  runDate: day,
  userId: z.uuid(),
  state,
  reason: z.string().nullable().describe('Why it was skipped or deferred (e.g. ON_TRACK, OPTED_OUT, DEFERRED), or why it failed'),
  urgency: z.number().describe('How far behind the user is; the most urgent are sent first'),
  facts: z
    .object({
      today: day,
      goalSetId: z.uuid().nullable(),
      goalSetStartedOn: day.nullable(),
      activeMissionCount: z.number().int().min(0),
      activeMissions: z.array(z.object({ missionId: z.string(), title: z.string(), category: z.string(), minutes: z.number().int() })),
      scheduledToday: z.number().int().min(0),
      completedToday: z.number().int().min(0),
      completionRate7d: z.number().nullable(),
      window7d: z.object({ from: day, to: day, scheduled: z.number().int().min(0), completed: z.number().int().min(0) }),
      consecutiveMissedDays: z.number().int().min(0),
      lastActivityDate: day.nullable(),
      daysSinceLastActivity: z.number().int().min(0).nullable(),
    })
    .nullable()
    .describe('The progress facts the decision used'),
  attempts: z.number().int().min(0),
  textSource: textSource.nullable(),
  notificationId: z.uuid().nullable(),
  deliverAt: instant.nullable(),
  plannedAt: instant,
  decidedAt: instant.nullable(),
});

const run = {
  runDate: '2026-12-02',
  firstTriggeredAt: '2026-12-02T11:00:00.112Z',
  lastTriggeredAt: '2026-12-02T11:15:00.087Z',
  triggerCount: 2,
  plannedAt: '2026-12-02T11:00:00.301Z',
  startedAt: '2026-12-02T11:00:00.318Z',
  completedAt: '2026-12-02T11:03:41.950Z',
  passes: 3,
  busyMs: 221_632,
  lastPassAt: '2026-12-02T11:15:00.240Z',
};
export const runReportExample = runReport(run, [
  { state: 'SENT', reason: null, textSource: 'AI', count: 812 },
  { state: 'SENT', reason: null, textSource: 'FALLBACK', count: 9 },
  { state: 'SENT', reason: 'DEFERRED', textSource: 'AI', count: 37 },
  { state: 'SKIPPED', reason: 'ON_TRACK', textSource: null, count: 2140 },
  { state: 'SKIPPED', reason: 'OPTED_OUT', textSource: null, count: 95 },
  { state: 'FAILED', reason: 'GAVE_UP', textSource: null, count: 1 },
]);
export const runListExample = { runs: [{ ...run, report: runReportExample }] };
const facts = {
  today: '2026-12-02',
  goalSetId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  goalSetStartedOn: '2026-11-20',
  activeMissionCount: 2,
  activeMissions: [
    { missionId: 'cat-ex-lunch-walk', title: '점심시간 15분 산책', category: 'exercise', minutes: 15 },
    { missionId: 'cat-di-water', title: '물 8잔 마시기', category: 'diet', minutes: 5 },
  ],
  scheduledToday: 2,
  completedToday: 0,
  completionRate7d: 21.4,
  window7d: { from: '2026-11-25', to: '2026-12-01', scheduled: 14, completed: 3 },
  consecutiveMissedDays: 3,
  lastActivityDate: '2026-11-28',
  daysSinceLastActivity: 4,
};
export const decisionExample = {
  runDate: '2026-12-02',
  userId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  state: 'SENT' as const,
  reason: null,
  urgency: urgency(facts),
  facts,
  attempts: 1,
  textSource: 'AI' as const,
  notificationId: '7b6a5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
  deliverAt: '2026-12-02T11:00:02.004Z',
  plannedAt: '2026-12-02T11:00:00.301Z',
  decidedAt: '2026-12-02T11:00:01.877Z',
};
