/**
 * The day's run report, from the per-user decisions (so it is exact after restarts and with
 * several replicas). Pure.
 */
export interface DecisionTally {
  state: 'PENDING' | 'GENERATING' | 'PREPARED' | 'CLAIMED' | 'SENT' | 'SKIPPED' | 'FAILED';
  reason: string | null;
  textSource: 'AI' | 'FALLBACK' | null;
  count: number;
}

export interface RunTimes {
  runDate: string;
  firstTriggeredAt: string | Date;
  lastTriggeredAt: string | Date;
  triggerCount: number;
  startedAt: string | Date | null;
  completedAt: string | Date | null;
  passes: number;
  /** Time the passes with work took, summed. */
  busyMs: number;
}

export interface RunReport {
  runDate: string;
  status: 'WAITING' | 'RUNNING' | 'COMPLETED';
  /** Users with active missions the run decided about (or is about to). */
  considered: number;
  /** Messages put in inboxes, including those waiting for quiet hours to end. */
  sent: number;
  /** Of `sent`, those waiting for (or delivered after) the end of quiet hours. */
  deferred: number;
  skipped: Record<string, number>;
  failed: number;
  /** Planned, waiting for a text or for the delivery time, or being worked on. */
  pending: number;
  texts: { AI: number; FALLBACK: number };
  triggers: { count: number; first: string; last: string };
  passes: number;
  /** When the first pass with work began. */
  startedAt: string | null;
  /** When a pass last left the queue empty; null while users wait. */
  completedAt: string | null;
  /** Time the day's passes spent working (a day's run is all of its triggers). */
  durationMs: number;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export function runReport(run: RunTimes, tallies: readonly DecisionTally[]): RunReport {
  let considered = 0;
  let sent = 0;
  let deferred = 0;
  let failed = 0;
  let pending = 0;
  const skipped: Record<string, number> = {};
  const texts = { AI: 0, FALLBACK: 0 };
  for (const t of tallies) {
    considered += t.count;
    if (t.state === 'SENT') {
      sent += t.count;
      if (t.reason === 'DEFERRED') deferred += t.count;
      if (t.textSource) texts[t.textSource] += t.count;
    } else if (t.state === 'SKIPPED') {
      const reason = t.reason ?? 'UNKNOWN';
      skipped[reason] = (skipped[reason] ?? 0) + t.count;
    } else if (t.state === 'FAILED') {
      failed += t.count;
    } else {
      pending += t.count;
    }
  }
  const startedAt = iso(run.startedAt);
  const completedAt = iso(run.completedAt);
  return {
    runDate: run.runDate,
    status: startedAt === null ? 'WAITING' : pending > 0 || completedAt === null ? 'RUNNING' : 'COMPLETED',
    considered,
    sent,
    deferred,
    skipped,
    failed,
    pending,
    texts,
    triggers: { count: run.triggerCount, first: iso(run.firstTriggeredAt)!, last: iso(run.lastTriggeredAt)! },
    passes: run.passes,
    startedAt,
    completedAt,
    durationMs: run.busyMs,
  };
}
