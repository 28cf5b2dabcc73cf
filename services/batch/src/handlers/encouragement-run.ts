import { randomUUID } from 'node:crypto';
import { contextFromTraceparent, runWithContext, seoulToday, type Clock, type Db, type DbClient, type Logger, type Metrics } from '@healthsync/shared';
import type { ActivityRepository } from '../adapters/activity-repository.js';
import type { ClaimedUser, DeliveriesRepository, PlannedDecision } from '../adapters/deliveries-repository.js';
import type { NudgeWriter } from '../adapters/intelligence-client.js';
import type { NotificationsRepository } from '../adapters/notifications-repository.js';
import type { RunsRepository } from '../adapters/runs-repository.js';
import type { RunSettings } from '../config.js';
import type { Generation } from './generation.js';
import type { AiConsentGate } from './ai-consent.js';
import type { ConsentWithheldReason } from '../domain/ai-consent.js';
import { fallbackNudge } from '../domain/nudge-text.js';
import { progressFacts } from '../domain/progress-view.js';
import { DEFAULT_PREFERENCES, deliveryTime } from '../domain/quiet-hours.js';
import { runReport, type RunReport } from '../domain/report.js';
import { byUrgency, select, urgencyLevel } from '../domain/selection.js';

/**
 * The daily encouragement run. "The day's run" is every trigger of one Seoul day: the first
 * plans every user with active missions; later ones plan only users who are new or changed
 * since, and nobody is decided twice — the (run_date, user_id) keys make a user's decision,
 * and their message, unique for the day.
 *
 * A pass: (1) plan: compute each candidate's facts from the batch's own view, record SKIPPED
 * with the reason or PENDING with an urgency (one replica plans at a time: an advisory lock);
 * (2) work: workers claim the most urgent PENDING users a few at a time, get the text from
 * the intelligence service (at most `concurrency` at once), and write message and decision in
 * one statement. A replica that dies leaves claims that expire; the next pass anywhere takes
 * them over, so the run resumes where it stopped.
 */
export interface EncouragementRunDeps {
  db: Db;
  runs: RunsRepository;
  activity: ActivityRepository;
  deliveries: DeliveriesRepository;
  notifications: NotificationsRepository;
  writer: NudgeWriter;
  /** Who may have their facts sent to the model (AI_OVERSEAS_TRANSFER), asked per claimed group before any text request. */
  consents: AiConsentGate;
  settings: RunSettings;
  logger: Logger;
  metrics: Metrics;
  /** Identifies this replica's claims (host, port, process). */
  owner: string;
  clock: Clock;
  /** Texts generated ahead of delivery through message batches; without it, one intelligence call per user. */
  generation?: Generation;
}

/** Changes up to this long before a plan began are looked at again by the next one. */
const CHANGE_MARGIN_SECONDS = 10;

export interface PassStats {
  planned: number;
  sent: number;
  deferred: number;
  alreadySent: number;
  skipped: Record<string, number>;
  failed: number;
  texts: { AI: number; FALLBACK: number };
}

export type EncouragementRun = ReturnType<typeof createEncouragementRun>;

export function createEncouragementRun(deps: EncouragementRunDeps) {
  const { db, runs, activity, deliveries, notifications, writer, consents, settings, logger, metrics, owner, clock, generation } = deps;

  const decisions = metrics.counter('encouragement_decisions_total', 'Daily encouragement decisions made by this replica, by outcome and reason', [
    'outcome',
    'reason',
  ]);
  const texts = metrics.counter('encouragement_texts_total', 'Nudge texts written, by source (AI or FALLBACK)', ['source']);
  const passDuration = metrics.histogram(
    'encouragement_pass_duration_seconds',
    'Duration of run passes that had work',
    [],
    [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  );
  const aiInFlight = metrics.gauge('encouragement_ai_requests_in_flight', 'Nudge text requests waiting for the intelligence service');
  const aiPeak = metrics.gauge('encouragement_ai_requests_peak', 'Most nudge text requests in flight at once since this replica started');
  const runUsers = metrics.gauge('encouragement_run_users', 'The latest run report: users by outcome (considered, sent, deferred, failed, pending)', [
    'outcome',
  ]);
  const runSkipped = metrics.gauge('encouragement_run_skipped_users', 'The latest run report: skipped users by reason', ['reason']);
  const runDuration = metrics.gauge('encouragement_run_duration_seconds', 'The latest run: time its passes spent working');

  let current: Promise<void> | undefined;
  let planRequested = false;
  let stopping = false;
  let inFlight = 0;
  let peak = 0;

  function log(decision: string, fields: Record<string, unknown>): void {
    logger.info(`encouragement ${decision}`, fields);
  }

  async function reportOf(runDate: string): Promise<RunReport | undefined> {
    const run = await runs.get(runDate);
    if (!run) return undefined;
    return runReport(run, await deliveries.counts(runDate));
  }

  function publish(report: RunReport): void {
    for (const outcome of ['considered', 'sent', 'deferred', 'failed', 'pending'] as const) runUsers.set({ outcome }, report[outcome]);
    runSkipped.reset();
    for (const [reason, n] of Object.entries(report.skipped)) runSkipped.set({ reason }, n);
    runDuration.set(report.durationMs / 1000);
  }

  /**
   * Runs `fn` while holding the run's planning lock (one replica plans and generates at a time);
   * returns at once when another replica holds it.
   */
  async function withPlanLock(runDate: string, fn: (client: DbClient) => Promise<void>): Promise<void> {
    const client = await db.connect();
    let held = false;
    try {
      const lock = await client.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtextextended('batch-plan:' || $1, 7)) as locked", [runDate]);
      if (!lock.rows[0]?.locked) return;
      held = true;
      try {
        await fn(client);
      } finally {
        await client.query("select pg_advisory_unlock(hashtextextended('batch-plan:' || $1, 7))", [runDate]);
        held = false;
      }
    } finally {
      // A connection that may still hold the lock is closed, not pooled: closing releases it.
      client.release(held);
    }
  }

  /** Plans the day's new or changed candidates (the caller holds the planning lock). */
  async function plan(runDate: string, stats: PassStats): Promise<void> {
    const planStartedAt = await runs.now();
    const firstPlan = (await runs.get(runDate))?.plannedAt === null;
    if (firstPlan) {
      const pruned = await deliveries.prune(runDate, settings.keepDecisionsDays);
      if (pruned > 0) logger.info('old run decisions pruned', { pruned });
    }
    let after: string | undefined;
    for (;;) {
      const userIds = await activity.candidates(runDate, after, settings.planPageSize, CHANGE_MARGIN_SECONDS);
      if (userIds.length === 0) break;
      after = userIds.at(-1);
      const [views, preferences] = await Promise.all([activity.viewsOf(userIds, runDate), notifications.preferencesOf(userIds)]);
      const planned: PlannedDecision[] = views.map((view) => {
        const facts = progressFacts(view, runDate);
        const selection = select(facts, preferences.get(view.userId) ?? DEFAULT_PREFERENCES);
        return selection.kind === 'skip'
          ? { userId: view.userId, state: 'SKIPPED', reason: selection.reason, urgency: 0, facts }
          : { userId: view.userId, state: 'PENDING', reason: null, urgency: selection.urgency, facts };
      });
      const written = await deliveries.plan(runDate, planned);
      for (const decision of written) {
        if (decision.state === 'PENDING') {
          stats.planned += 1;
          continue;
        }
        const reason = decision.reason ?? 'UNKNOWN';
        stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
        decisions.inc({ outcome: 'skipped', reason });
        log('skipped', { runDate, userId: decision.userId, reason });
      }
    }
    await runs.markPlanned(runDate, planStartedAt);
  }

  async function deliver(
    runDate: string,
    user: ClaimedUser,
    quietHours: typeof DEFAULT_PREFERENCES.quietHours,
    stats: PassStats,
    withheld: ConsentWithheldReason | undefined,
  ): Promise<void> {
    try {
      inFlight += 1;
      aiInFlight.set(inFlight);
      if (inFlight > peak) aiPeak.set((peak = inFlight));
      let written;
      try {
        // A text generated ahead (its delivery was taken over from a replica that died) is used as it is;
        // without the consent to the transfer abroad (or when it is unknown) nothing goes to the model.
        if (user.prepared) written = user.prepared;
        else if (withheld) {
          written = { text: fallbackNudge(user.facts), source: 'FALLBACK' as const };
          log('text rule-based', { runDate, userId: user.userId, reason: withheld });
        } else written = await writer.write(user.userId, { ...user.facts, urgencyLevel: urgencyLevel(user.facts) });
      } finally {
        inFlight -= 1;
        aiInFlight.set(inFlight);
      }
      const { deliverAt, deferred } = deliveryTime(clock.now(), quietHours);
      const outcome = await deliveries.recordSent({
        runDate,
        userId: user.userId,
        owner,
        notificationId: randomUUID(),
        text: written.text,
        source: written.source,
        deliverAt,
        deferred,
      });
      if (!outcome.recorded) {
        // Our claim expired and another replica took the user over: theirs is the decision.
        logger.warn('encouragement claim lost; another replica decides', { runDate, userId: user.userId, reason: 'CLAIM_LOST' });
        return;
      }
      if (outcome.notificationId === null) {
        stats.alreadySent += 1;
        decisions.inc({ outcome: 'already_sent', reason: 'ALREADY_SENT' });
        log('not sent again', { runDate, userId: user.userId, reason: 'ALREADY_SENT' });
        return;
      }
      stats.sent += 1;
      stats.texts[written.source] += 1;
      texts.inc({ source: written.source });
      if (deferred) {
        stats.deferred += 1;
        decisions.inc({ outcome: 'deferred', reason: 'QUIET_HOURS' });
        log('deferred', {
          runDate,
          userId: user.userId,
          reason: 'QUIET_HOURS',
          deliverAt: deliverAt.toISOString(),
          source: written.source,
          notificationId: outcome.notificationId,
        });
      } else {
        decisions.inc({ outcome: 'sent', reason: 'ENCOURAGED' });
        log('delivered', {
          runDate,
          userId: user.userId,
          reason: 'ENCOURAGED',
          source: written.source,
          urgency: user.urgency,
          notificationId: outcome.notificationId,
        });
      }
    } catch (error) {
      stats.failed += 1;
      decisions.inc({ outcome: 'failed', reason: 'ERROR' });
      logger.error('encouragement failed', { runDate, userId: user.userId, reason: 'ERROR', attempt: user.attempts, error });
      await deliveries.recordFailure(runDate, user.userId, owner, settings.retryAfterSeconds).catch(() => undefined);
    }
  }

  /** How the bulk delivery of generated texts reports each decision: as `deliver` does for one. */
  function deliveryNotes(runDate: string, stats: PassStats) {
    return {
      sent(user: { userId: string; urgency: number; source: 'AI' | 'FALLBACK' }, deliverAt: Date, deferred: boolean, notificationId: string) {
        stats.sent += 1;
        stats.texts[user.source] += 1;
        texts.inc({ source: user.source });
        if (deferred) {
          stats.deferred += 1;
          decisions.inc({ outcome: 'deferred', reason: 'QUIET_HOURS' });
          log('deferred', { runDate, userId: user.userId, reason: 'QUIET_HOURS', deliverAt: deliverAt.toISOString(), source: user.source, notificationId });
        } else {
          decisions.inc({ outcome: 'sent', reason: 'ENCOURAGED' });
          log('delivered', { runDate, userId: user.userId, reason: 'ENCOURAGED', source: user.source, urgency: user.urgency, notificationId });
        }
      },
      alreadySent(userId: string) {
        stats.alreadySent += 1;
        decisions.inc({ outcome: 'already_sent', reason: 'ALREADY_SENT' });
        log('not sent again', { runDate, userId, reason: 'ALREADY_SENT' });
      },
      skipped(userId: string, reason: string) {
        stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
        decisions.inc({ outcome: 'skipped', reason });
        log('skipped', { runDate, userId, reason });
      },
    };
  }

  /** One worker: claims a few users, decides them, and again, until nothing is left. */
  async function worker(runDate: string, stats: PassStats): Promise<void> {
    while (!stopping) {
      const claimed = await deliveries.claim(runDate, owner, settings.claimSize, settings.claimTtlSeconds, settings.maxAttempts, !generation);
      if (claimed.length === 0) return;
      claimed.sort(byUrgency);
      const preferences = await notifications.preferencesOf(claimed.map((c) => c.userId));
      const optedOut = claimed.filter((c) => preferences.get(c.userId)?.optedOut);
      for (const userId of await deliveries.recordSkips(
        runDate,
        owner,
        optedOut.map((c) => ({ userId: c.userId, reason: 'OPTED_OUT' })),
      )) {
        stats.skipped.OPTED_OUT = (stats.skipped.OPTED_OUT ?? 0) + 1;
        decisions.inc({ outcome: 'skipped', reason: 'OPTED_OUT' });
        log('skipped', { runDate, userId, reason: 'OPTED_OUT' });
      }
      const toWrite = claimed.filter((c) => !preferences.get(c.userId)?.optedOut);
      const { withheld } = await consents.split(toWrite.filter((c) => !c.prepared));
      const withheldReason = new Map(withheld.map((w) => [w.item.userId, w.reason]));
      for (const user of toWrite) {
        const prefs = preferences.get(user.userId) ?? DEFAULT_PREFERENCES;
        await deliver(runDate, user, prefs.quietHours, stats, withheldReason.get(user.userId));
      }
    }
  }

  async function work(runDate: string, stats: PassStats): Promise<void> {
    for (const userId of await deliveries.giveUpAbandoned(runDate, settings.maxAttempts)) {
      stats.failed += 1;
      decisions.inc({ outcome: 'failed', reason: 'GAVE_UP' });
      logger.error('encouragement given up', { runDate, userId, reason: 'GAVE_UP', attempts: settings.maxAttempts });
    }
    await Promise.all(Array.from({ length: settings.concurrency }, () => worker(runDate, stats)));
  }

  async function pass(runDate: string, withPlan: boolean): Promise<void> {
    const needsPlan = withPlan && (await runs.needsPlan(runDate, CHANGE_MARGIN_SECONDS));
    const hasWork =
      needsPlan || (await deliveries.hasWork(runDate, settings.maxAttempts, !generation)) || (generation !== undefined && (await generation.hasWork(runDate)));
    if (!hasWork) {
      logger.debug('daily encouragement: nothing to do', { runDate });
      return;
    }
    const started = Date.now();
    await runs.passStarted(runDate);
    const stats: PassStats = { planned: 0, sent: 0, deferred: 0, alreadySent: 0, skipped: {}, failed: 0, texts: { AI: 0, FALLBACK: 0 } };
    if (needsPlan || generation) {
      await withPlanLock(runDate, async (client) => {
        if (needsPlan) await plan(runDate, stats);
        if (generation) await generation.generate(runDate, client);
      });
    }
    if (generation) await generation.deliver(runDate, deliveryNotes(runDate, stats));
    await work(runDate, stats);
    await runs.passFinished(runDate, await deliveries.queueEmpty(runDate), Date.now() - started);
    passDuration.observe((Date.now() - started) / 1000);
    const report = await reportOf(runDate);
    if (report) publish(report);
    logger.info('daily encouragement pass finished', { runDate, owner, pass: { ...stats, durationMs: Date.now() - started }, report });
  }

  function request(runDate: string, withPlan: boolean): void {
    if (stopping) return;
    if (current) {
      planRequested ||= withPlan;
      return;
    }
    // Each pass is its own trace (not the trigger's: a pass may make 100,000 calls).
    current = runWithContext(contextFromTraceparent(undefined), () => pass(runDate, withPlan))
      .catch((error: unknown) => {
        logger.error('daily encouragement pass failed; the next trigger resumes it', { runDate, error });
      })
      .finally(() => {
        current = undefined;
        if (planRequested) {
          planRequested = false;
          request(seoulToday(clock), true);
        }
      });
  }

  let resumeTimer: NodeJS.Timeout | undefined;

  return {
    /**
     * The cron binding's handler: records the trigger (Dapr gets its answer only after that
     * write) and starts a pass in the background; the pass's progress is in the database.
     */
    async trigger(): Promise<void> {
      const run = await runs.recordTrigger(seoulToday(clock));
      logger.debug('daily encouragement run triggered', { runDate: run.runDate, triggerCount: run.triggerCount });
      request(run.runDate, true);
    },

    /** Resumes today's unfinished work now and then, without planning (the cron may fire only once a day). */
    startResuming(): void {
      resumeTimer = setInterval(() => request(seoulToday(clock), false), settings.resumeIntervalSeconds * 1000);
      resumeTimer.unref();
      setTimeout(() => request(seoulToday(clock), false), 2_000).unref();
    },

    report: reportOf,

    /** Waits for the pass in progress (the current users finish; no new ones are claimed). */
    async stop(): Promise<void> {
      stopping = true;
      if (resumeTimer) clearInterval(resumeTimer);
      await current;
    },
  };
}
