import { randomUUID } from 'node:crypto';
import type { Clock, DbClient, Logger, Metrics } from '@healthsync/shared';
import type { DueUser, GenerationRepository } from '../adapters/generation-repository.js';
import type { MessageBatchClient } from '../adapters/message-batch-client.js';
import type { NotificationsRepository } from '../adapters/notifications-repository.js';
import type { GenerationSettings } from '../config.js';
import type { DeliveriesRepository } from '../adapters/deliveries-repository.js';
import { deliveryDue, generationLate, lateText, pagesByBytes, preparedText, type PreparedText } from '../domain/generation.js';
import { acceptableNudge } from '../domain/nudge-text.js';
import { DEFAULT_PREFERENCES, deliveryTime } from '../domain/quiet-hours.js';
import { urgencyLevel } from '../domain/selection.js';
import { fallbackNudge } from '../domain/nudge-text.js';
import type { AiConsentGate } from './ai-consent.js';

/**
 * The morning's texts through the Message Batches API, ahead of delivery.
 *
 * generate (one replica at a time, under the run's planning lock): the day's PENDING users are
 * put in chunks (one message batch each, at most `chunkSize` users); a chunk's id is written
 * before anything is sent, and is the intelligence service's batch id, so a replica that
 * restarts, or another one, adds to and submits the same batch rather than a second one. Open
 * chunks are polled; once a chunk's batch has ended its texts are stored (PREPARED). Errored,
 * expired or unusable requests come back as the marked rule-based text.
 *
 * deliver (any replica, through claims): from the delivery time on, prepared users are claimed a
 * page at a time and their messages written in one statement per page, each at the end of the
 * user's quiet hours if it falls in them; opted-out users and users who already did everything
 * today are skipped. Users still without a text `graceMinutes` after the delivery time (and after
 * their chunk was formed, for chunks formed later) get the rule-based one.
 */
export interface DeliveryNotes {
  sent(user: DueUser, deliverAt: Date, deferred: boolean, notificationId: string): void;
  alreadySent(userId: string): void;
  skipped(userId: string, reason: string): void;
}

export interface GenerationDeps {
  generation: GenerationRepository;
  deliveries: DeliveriesRepository;
  notifications: NotificationsRepository;
  client: MessageBatchClient;
  /** Who may have their facts sent to the model (AI_OVERSEAS_TRANSFER), asked per chunk before its requests are added. */
  consents: AiConsentGate;
  settings: GenerationSettings;
  claimTtlSeconds: number;
  owner: string;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

/** Request pages sent to intelligence: under its 256 kB body limit. */
const PAGE_BYTES = 200_000;
const PAGE_COUNT = 1_000;
const RESULTS_PAGE = 1_000;

export type Generation = ReturnType<typeof createGeneration>;

export function createGeneration(deps: GenerationDeps) {
  const { generation, deliveries, notifications, client, settings, logger, owner } = deps;
  const chunks = deps.metrics.counter('encouragement_generation_chunks_total', 'Generation chunks (message batches) by step: formed, submitted, collected', [
    'step',
  ]);
  const prepared = deps.metrics.counter('encouragement_prepared_texts_total', 'Texts prepared ahead of delivery, by source and reason', ['source', 'reason']);

  function count(texts: PreparedText[]): void {
    for (const t of texts) prepared.inc({ source: t.source, reason: t.reason ?? '' });
  }

  /**
   * Adds the chunk's requests (again, if a previous attempt died half-way) and submits it. A
   * chunk that intelligence already submitted (we died before noting it) is only noted.
   */
  async function fillAndSubmit(runDate: string, chunkId: string): Promise<void> {
    let view = await client.find(chunkId);
    if (!view || view.status === 'OPEN') {
      // Users without the consent to the transfer abroad (or all of them, when the user service
      // cannot say) get the rule-based text now; only the others' facts go to the model.
      const { allowed: users, withheld } = await deps.consents.split(await generation.chunkUsers(chunkId));
      if (withheld.length > 0) {
        const texts = withheld.map(({ item, reason }) => ({ userId: item.userId, text: fallbackNudge(item.facts), source: 'FALLBACK' as const, reason }));
        await generation.prepare(runDate, chunkId, texts);
        count(texts);
        logger.info('generation chunk: rule-based texts for users without the AI consent', { chunkId, users: withheld.length, reason: withheld[0]!.reason });
      }
      if (users.length === 0 && !view) {
        // Everyone in it was erased, or has the rule-based text, before anything was sent: nothing to submit.
        await generation.markCollected(chunkId, null);
        return;
      }
      const requests = users.map((u) => ({ customId: u.userId, userId: u.userId, facts: { ...u.facts, urgencyLevel: urgencyLevel(u.facts) } }));
      for (const page of pagesByBytes(requests, PAGE_BYTES, PAGE_COUNT)) await client.add(chunkId, page);
      view = await client.submit(chunkId, Math.max(1, requests.length));
    } else if (view.status === 'SUBMITTING') {
      view = await client.submit(chunkId, 1);
    }
    if (view.status === 'IN_PROGRESS' || view.status === 'COLLECTED') {
      await generation.markSubmitted(chunkId, view.providerBatchId);
      chunks.inc({ step: 'submitted' });
      logger.info('generation chunk submitted', { chunkId, users: view.requestCount, providerBatchId: view.providerBatchId });
    }
  }

  async function collect(runDate: string, chunkId: string, counts: Record<string, number> | null): Promise<void> {
    let stored = 0;
    for (let after: string | null = null; ;) {
      const page = await client.results(chunkId, after, RESULTS_PAGE);
      // Texts a phone cannot show are replaced by the batch's own fallback, which needs the user's facts.
      const facts = await generation.factsOf(
        runDate,
        page.results.filter((r) => !acceptableNudge(r.text)).map((r) => r.customId),
      );
      const texts = page.results.flatMap((r) => {
        const userFacts = facts.get(r.customId);
        if (!acceptableNudge(r.text) && !userFacts) return []; // the user was erased meanwhile
        return [{ userId: r.customId, ...preparedText(r, userFacts!) }];
      });
      stored += await generation.prepare(runDate, chunkId, texts);
      count(texts);
      if (!page.nextAfter) break;
      after = page.nextAfter;
    }
    await generation.markCollected(chunkId, counts);
    chunks.inc({ step: 'collected' });
    logger.info('generation chunk collected', { chunkId, prepared: stored, counts });
  }

  return {
    async hasWork(runDate: string): Promise<boolean> {
      return generation.hasWork(runDate, deliveryDue(deps.clock.now(), runDate, settings.deliveryTime));
    },

    /** Forms chunks, submits them and collects ended ones; the caller holds the run's planning lock on `lockClient`. */
    async generate(runDate: string, lockClient: DbClient): Promise<void> {
      for (;;) {
        const chunk = await generation.formChunk(lockClient, runDate, randomUUID(), settings.chunkSize, owner);
        if (!chunk) break;
        chunks.inc({ step: 'formed' });
        logger.info('generation chunk formed', { runDate, chunkId: chunk.id, users: chunk.userCount });
      }
      for (const chunk of await generation.openChunks(runDate)) {
        try {
          if (chunk.state === 'FILLING') await fillAndSubmit(runDate, chunk.id);
          else {
            const view = await client.status(chunk.id);
            if (view.ready) await collect(runDate, chunk.id, view.counts);
          }
        } catch (error) {
          // The next pass tries again with the same chunk id; nothing is submitted twice.
          logger.warn('generation chunk not advanced; the next pass retries it', { runDate, chunkId: chunk.id, state: chunk.state, error });
        }
      }
    },

    /** Late fallbacks, then the due deliveries; `notes` records each decision. */
    async deliver(runDate: string, notes: DeliveryNotes): Promise<void> {
      const now = deps.clock.now();
      if (!deliveryDue(now, runDate, settings.deliveryTime)) return;
      if (generationLate(now, runDate, settings.deliveryTime, settings.graceMinutes)) {
        for (;;) {
          const waiting = await generation.generatingSince(runDate, settings.graceMinutes, settings.deliveryPageSize);
          if (waiting.length === 0) break;
          const texts = waiting.map((u) => ({ userId: u.userId, ...lateText(u.facts) }));
          await generation.prepare(runDate, null, texts);
          count(texts);
          logger.warn('generation late; rule-based texts used', { runDate, users: waiting.length });
        }
      }
      for (;;) {
        const due = await generation.claimDue(runDate, owner, settings.deliveryPageSize, deps.claimTtlSeconds);
        if (due.length === 0) return;
        const ids = due.map((u) => u.userId);
        const [preferences, done] = await Promise.all([notifications.preferencesOf(ids), generation.doneOn(runDate, ids)]);
        const skips: Array<{ userId: string; reason: string }> = [];
        const sends = [];
        const sentAt = deps.clock.now();
        for (const user of due) {
          const prefs = preferences.get(user.userId) ?? DEFAULT_PREFERENCES;
          if (prefs.optedOut) skips.push({ userId: user.userId, reason: 'OPTED_OUT' });
          else if (done.has(user.userId)) skips.push({ userId: user.userId, reason: 'DONE_TODAY' });
          else sends.push({ user, ...deliveryTime(sentAt, prefs.quietHours), notificationId: randomUUID() });
        }
        const recorded = await generation.recordSentMany(
          runDate,
          owner,
          sends.map((s) => ({
            userId: s.user.userId,
            notificationId: s.notificationId,
            text: s.user.text,
            source: s.user.source,
            deliverAt: s.deliverAt,
            deferred: s.deferred,
          })),
        );
        const written = new Map(recorded.map((r) => [r.userId, r.notificationId]));
        for (const s of sends) {
          if (!written.has(s.user.userId)) continue; // the claim expired and another replica took the user over
          const notificationId = written.get(s.user.userId);
          if (notificationId) notes.sent(s.user, s.deliverAt, s.deferred, notificationId);
          else notes.alreadySent(s.user.userId);
        }
        const reasons = new Map(skips.map((s) => [s.userId, s.reason]));
        for (const userId of await deliveries.recordSkips(runDate, owner, skips)) notes.skipped(userId, reasons.get(userId)!);
      }
    },
  };
}
