import { randomUUID } from 'node:crypto';
import {
  AccountDeletedError,
  AppError,
  ConflictError,
  enqueueEvent,
  eventContracts,
  lockLiveUser,
  NotFoundError,
  UpstreamUnavailableError,
  ValidationError,
  withLiveUser,
  withTransaction,
  type Clock,
  type Db,
  type Logger,
} from '@healthsync/shared';
import type { PendingUpload } from '../adapters/blob-uploads-repository.js';
import type { JudgedCache } from '../adapters/judged-cache.js';
import type { LinkRow } from '../adapters/links-repository.js';
import type { HealthRepositories } from '../adapters/repositories.js';
import type { NhisClient } from '../adapters/nhis-client.js';
import {
  checkOwnIdentity,
  checkupRequestParams,
  confirmOutcome,
  confirmParams,
  effectiveState,
  readNhisResult,
  startOutcome,
  twoWayInfoOf,
  type ImportedCheckup,
  type InquiryType,
  type LinkInput,
  type LinkReason,
  type LinkState,
} from '../domain/index.js';

export interface LinkView {
  id: string;
  state: LinkState;
  /** Why a link closed without importing; null otherwise. */
  reason: LinkReason | null;
  provider: string;
  createdAt: string;
  /** Until when the user can approve on the phone. */
  expiresAt: string;
  closedAt: string | null;
  /** Present once IMPORTED: what this link added and what was already there. */
  imported: { newCheckups: number; alreadyImported: number; checkupIds: string[] } | null;
}

export interface LinkingDeps {
  db: Db;
  repositories: HealthRepositories;
  nhis: NhisClient;
  /** Moves an import's files to Blob Storage once they are stored with its checkups. */
  uploads: { flushUser(userId: string): Promise<number> };
  cache: JudgedCache<unknown>;
  logger: Logger;
  clock: Clock;
  approvalWindowSeconds: number;
  inquiryType: InquiryType;
  /** How long one complete may hold a link while it talks to the provider and stores the results (ms). */
  completeBudgetMs: number;
  /** Link attempts one user may make per hour (each may send a push to a phone). */
  attemptsPerHour: number;
  /** Wakes the outbox relay after a commit that enqueued events. */
  eventsEnqueued(): void;
}

function viewOf(link: LinkRow, now: Date): LinkView {
  const effective = effectiveState(link.state, link.expiresAt, now);
  return {
    id: link.id,
    state: effective.state,
    reason: effective.reason ?? link.reason,
    provider: link.provider,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    closedAt: link.closedAt?.toISOString() ?? (effective.state === link.state ? null : link.expiresAt.toISOString()),
    imported:
      link.state === 'IMPORTED' ? { newCheckups: link.newCheckupIds.length, alreadyImported: link.existingCheckups, checkupIds: link.newCheckupIds } : null,
  };
}

const HOUR_MS = 3_600_000;

const blobPaths = (userId: string, checkupId: string) => ({
  raw: `users/${userId}/checkups/${checkupId}/raw.json`,
  document: `users/${userId}/checkups/${checkupId}/result-sheet.pdf`,
});

/** NHIS linking: start (the user is asked to approve on the phone), complete (import), status. */
export function createLinking(deps: LinkingDeps) {
  const { db, logger } = deps;
  const { checkups, links, referenceRows, profiles, linkAttempts, blobUploads } = deps.repositories;

  async function requireLink(userId: string, id: string): Promise<LinkRow> {
    const link = await links.find(db, userId, id);
    if (!link) throw new NotFoundError('LINK_NOT_FOUND', 'There is no such NHIS link.');
    return link;
  }

  /** The raw payload (always) and the original sheet (when sent) of one new checkup, to store with it. */
  function filesOf(userId: string, linkId: string, id: string, imported: ImportedCheckup, receivedAt: Date, reference: unknown): PendingUpload[] {
    const paths = blobPaths(userId, id);
    const raw = {
      source: 'NHIS',
      linkId,
      receivedAt: receivedAt.toISOString(),
      preview: imported.raw.preview,
      result: imported.raw.result,
      referenceList: reference,
    };
    const files: PendingUpload[] = [
      { path: paths.raw, userId, body: Buffer.from(JSON.stringify(raw)), contentType: 'application/json; charset=utf-8', contentDisposition: null },
    ];
    if (imported.pdfBase64 !== null) {
      const date = imported.checkup.examDate ?? String(imported.checkup.examYear);
      files.push({
        path: paths.document,
        userId,
        body: Buffer.from(imported.pdfBase64, 'base64'),
        contentType: 'application/pdf',
        contentDisposition: `inline; filename="nhis-checkup-${date}.pdf"`,
      });
    }
    return files;
  }

  /**
   * Stores what is new (by the provider's checkup identity) with its files, records the provider's
   * reference rows with this import, and publishes HealthCheckupImported with the new ids, all in one
   * transaction that first checks the user was not erased meanwhile. The files then move to Blob
   * Storage (`uploads`); while Storage is down they wait in PostgreSQL and the import is not lost.
   */
  async function importResults(link: LinkRow, data: unknown, now: Date): Promise<void> {
    const result = readNhisResult(data);
    if (result.unreadable > 0) logger.warn('NHIS answer had checkups without a readable year; they were skipped', { count: result.unreadable });
    const inserted = await withTransaction(db, async (client) => {
      await lockLiveUser(client, link.userId);
      const known = await checkups.existingKeys(
        client,
        link.userId,
        result.checkups.map((c) => c.sourceKey),
      );
      await referenceRows.insert(client, link.id, link.userId, result.referenceRows);
      const ids: string[] = [];
      for (const imported of result.checkups.filter((c) => !known.has(c.sourceKey))) {
        const id = randomUUID();
        const files = filesOf(link.userId, link.id, id, imported, now, result.referenceRows);
        const added = await checkups.insert(client, {
          id,
          userId: link.userId,
          linkId: link.id,
          sourceKey: imported.sourceKey,
          checkup: imported.checkup,
          checkupType: imported.checkupType,
          organizationName: imported.organizationName,
          opinion: imported.opinion,
          units: imported.units,
          rejectedValues: imported.rejected,
          rawBlob: files[0]!.path,
          documentBlob: files[1]?.path ?? null,
        });
        if (!added) continue; // a concurrent import stored the same checkup first
        for (const file of files) await blobUploads.insert(client, file);
        ids.push(id);
      }
      await links.markImported(client, link.id, ids, result.checkups.length - ids.length, now);
      if (ids.length > 0) {
        await enqueueEvent(client, eventContracts.healthCheckupImported, {
          type: 'HealthCheckupImported',
          userId: link.userId,
          occurredAt: now.toISOString(),
          checkupIds: ids,
        });
      }
      return ids;
    });
    if (inserted.length > 0) {
      deps.eventsEnqueued();
      await deps.uploads.flushUser(link.userId);
      await deps.cache.invalidate(link.userId);
    }
    logger.info('NHIS checkups imported', { linkId: link.id, newCheckups: inserted.length, alreadyImported: result.checkups.length - inserted.length });
  }

  async function get(userId: string, id: string): Promise<LinkView> {
    const link = await requireLink(userId, id);
    const now = deps.clock.now();
    const view = viewOf(link, now);
    // Nobody completed it in time: record that, and forget the identity it held.
    if (view.state !== link.state) await links.close(db, link.id, 'EXPIRED', 'APPROVAL_WINDOW_PASSED', now);
    return view;
  }

  return {
    get,

    async start(userId: string, input: LinkInput): Promise<LinkView> {
      const own = checkOwnIdentity(input, await profiles.identity(db, userId));
      if (own.kind === 'PROFILE_UNKNOWN') {
        // An erased account has no profile either: it is told so (401 ACCOUNT_DELETED), not asked to complete it.
        await withLiveUser(db, userId, async () => undefined);
        throw new ConflictError(
          'PROFILE_INCOMPLETE',
          'Linking needs the name and birth date of your profile; complete it first (if you just did, try again in a moment).',
        );
      }
      if (own.kind === 'NOT_OWN') {
        throw new AppError(403, 'NHIS_IDENTITY_MISMATCH', 'Only your own NHIS records can be linked: the name and birth date must be those of your profile.', {
          errors: own.fields.map((field) => ({ field: `body.${field}`, message: `${field} is not the one on your profile` })),
        });
      }
      const attempt = await linkAttempts.take(db, userId, deps.clock.now(), deps.attemptsPerHour, HOUR_MS);
      if (!attempt.allowed) {
        throw new AppError(429, 'LINK_ATTEMPTS_EXCEEDED', `At most ${deps.attemptsPerHour} NHIS linking attempts per hour; try again later.`, {
          retryAfterSeconds: attempt.retryAfterSeconds,
        });
      }

      const request = checkupRequestParams(input, deps.inquiryType);
      let answer;
      try {
        answer = await deps.nhis.checkupResult(request);
      } catch (error) {
        // NHIS or the aggregator did not answer: the attempt is not held against the user.
        if (error instanceof UpstreamUnavailableError && attempt.id) await linkAttempts.giveBack(db, attempt.id).catch(() => undefined);
        throw error;
      }
      const outcome = startOutcome(answer.code, answer.message, answer.extraMessage);
      if (outcome.kind === 'INPUT_REJECTED') {
        throw new ValidationError([{ field: `body.${outcome.field}`, message: `NHIS did not accept this value (${outcome.message})` }]);
      }
      if (outcome.kind === 'UNAVAILABLE') {
        throw new UpstreamUnavailableError('NHIS_UNAVAILABLE', 'NHIS cannot be reached right now; try again later.', 30);
      }
      const twoWay = outcome.kind === 'APPROVAL_REQUESTED' ? twoWayInfoOf(answer.data) : undefined;
      if (twoWay === undefined) {
        logger.warn('NHIS did not start simple authentication', { code: answer.code });
        // 503, never 502: the sidecars retry a 502, and this request may already have sent a push.
        throw new UpstreamUnavailableError('NHIS_REQUEST_FAILED', 'NHIS did not accept the linking request; try again later.', 30);
      }
      const now = deps.clock.now();
      // The account may have been deleted while NHIS answered.
      const link = await withLiveUser(db, userId, (client) =>
        links.insertPending(client, {
          id: randomUUID(),
          userId,
          provider: input.provider,
          request,
          twoWay,
          expiresAt: new Date(now.getTime() + deps.approvalWindowSeconds * 1000),
          now,
        }),
      );
      logger.info('NHIS link started; waiting for approval on the phone', { linkId: link.id, provider: input.provider });
      return viewOf(link, now);
    },

    /**
     * Confirms with the provider after the user approved. Returns `pending: true` while the approval has
     * not arrived yet (the client asks again); any other outcome closes the link.
     */
    async complete(userId: string, id: string): Promise<{ pending: boolean; link: LinkView }> {
      const existing = await requireLink(userId, id);
      if (existing.state !== 'PENDING_APPROVAL') return { pending: false, link: viewOf(existing, deps.clock.now()) };
      const startedAt = deps.clock.now();
      const link = await links.claim(db, userId, id, startedAt, new Date(startedAt.getTime() + deps.completeBudgetMs));
      if (!link) {
        const now = await requireLink(userId, id);
        if (now.state !== 'PENDING_APPROVAL') return { pending: false, link: viewOf(now, deps.clock.now()) };
        throw new ConflictError('LINK_BUSY', 'This link is already being completed; ask again in a moment.');
      }
      if (!link.request || !link.twoWay) throw new Error('pending link without its request');

      let answer;
      try {
        answer = await deps.nhis.checkupResult(confirmParams(link.request, link.twoWay));
      } catch (error) {
        const now = deps.clock.now();
        if (effectiveState(link.state, link.expiresAt, now).state === 'EXPIRED') {
          await links.close(db, link.id, 'EXPIRED', 'APPROVAL_WINDOW_PASSED', now);
          return { pending: false, link: await get(userId, id) };
        }
        await links.release(db, link.id);
        throw error;
      }

      const outcome = confirmOutcome(answer.code, answer.extraMessage);
      const now = deps.clock.now();
      switch (outcome.kind) {
        case 'STILL_PENDING':
          await links.release(db, link.id);
          return { pending: true, link: viewOf(link, now) };
        case 'CLOSED':
          if (outcome.reason === 'PROVIDER_ERROR' || outcome.reason === 'SESSION_UNKNOWN') {
            logger.warn('NHIS refused to complete the link', { linkId: link.id, code: answer.code });
          }
          await links.close(db, link.id, outcome.state, outcome.reason, now);
          break;
        case 'UNAVAILABLE':
          await links.release(db, link.id);
          throw new UpstreamUnavailableError('NHIS_UNAVAILABLE', 'NHIS cannot be reached right now; try again later.', 30);
        case 'RESULTS':
          try {
            await importResults(link, answer.data, now);
          } catch (error) {
            if (error instanceof AccountDeletedError) throw error;
            // The provider's session is used up, so this link cannot be retried: the user links again.
            logger.error('storing the NHIS results failed', { linkId: link.id, error });
            await links.close(db, link.id, 'FAILED', 'IMPORT_FAILED', deps.clock.now()).catch(() => undefined);
          }
          break;
      }
      return { pending: false, link: viewOf(await requireLink(userId, id), deps.clock.now()) };
    },

    /** Closes pending links nobody completed in time, and forgets attempts past the hourly window; run periodically. */
    async expireStale(): Promise<number> {
      const now = deps.clock.now();
      await linkAttempts.pruneBefore(db, new Date(now.getTime() - HOUR_MS));
      return links.expireStale(db, now);
    },
  };
}

export type Linking = ReturnType<typeof createLinking>;
