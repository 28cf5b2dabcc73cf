import { NotFoundError, ValidationError, type Db, type Logger } from '@healthsync/shared';
import { Readable } from 'node:stream';
import type { DocumentStore, StoredDocument } from '../adapters/document-store.js';
import type { JudgedCache } from '../adapters/judged-cache.js';
import {
  buildTrends,
  CRITERIA_SOURCE,
  factsForCheckup,
  parseTrendItems,
  providerRanges,
  TREND_ITEM_NAMES,
  type ItemId,
  type ProfileFacts,
  type ProviderRange,
} from '../domain/index.js';
import { decodeHistoryCursor, encodeHistoryCursor } from '../domain/history-cursor.js';
import { detailView, historyEntry, internalLatestJudged, latestView, type LatestView } from './views.js';
import type { HealthRepositories } from '../adapters/repositories.js';

/** What is cached per user: the facts and the judged latest checkup (null when there is none). */
export interface LatestJudged {
  profile: ProfileFacts | null;
  latest: LatestView | null;
}

export interface ReadingDeps {
  db: Db;
  repositories: HealthRepositories;
  documents: DocumentStore;
  cache: JudgedCache<LatestJudged>;
  logger: Logger;
}

/** Reading a user's checkups: history, one checkup, the latest judged, trends, the original sheet. */
export function createReading(deps: ReadingDeps) {
  const { db } = deps;
  const { checkups, profiles, referenceRows, blobUploads } = deps.repositories;
  const rangesCache = new Map<string, Partial<Record<ItemId, ProviderRange>>>();

  /** The provider's reference rows of the import a checkup came from; they never change once stored. */
  async function rangesFor(linkId: string | null): Promise<Partial<Record<ItemId, ProviderRange>>> {
    if (linkId === null) return {};
    const cached = rangesCache.get(linkId);
    if (cached) return cached;
    const ranges = providerRanges(await referenceRows.forLink(db, linkId));
    if (rangesCache.size > 1000) rangesCache.clear();
    rangesCache.set(linkId, ranges);
    return ranges;
  }

  async function computeLatest(userId: string): Promise<LatestJudged> {
    const [profile, row] = await Promise.all([profiles.get(db, userId), checkups.latest(db, userId)]);
    return { profile, latest: row ? latestView(row, profile, await rangesFor(row.linkId)) : null };
  }

  /** Cache first; on a miss or a cache outage, the database (and the result is cached again). */
  async function latestJudged(userId: string): Promise<LatestJudged> {
    const cached = await deps.cache.get(userId);
    if (cached) return cached;
    const fresh = await computeLatest(userId);
    await deps.cache.put(userId, fresh);
    return fresh;
  }

  return {
    async history(userId: string, limit: number, cursor: string | undefined) {
      const afterId = cursor === undefined ? undefined : decodeHistoryCursor(cursor);
      if (cursor !== undefined && afterId === undefined) throw new ValidationError([{ field: 'query.cursor', message: 'not a cursor this API returned' }]);
      const [page, profile] = await Promise.all([checkups.pageAfter(db, userId, limit, afterId), profiles.get(db, userId)]);
      // A cursor naming a checkup that is not this user's (another person's, or since deleted).
      if (!page.found) throw new ValidationError([{ field: 'query.cursor', message: 'not a cursor this API returned' }]);
      const last = page.rows.at(-1);
      return {
        items: page.rows.map((row) => historyEntry(row, profile)),
        total: page.total,
        nextCursor: page.hasMore && last ? encodeHistoryCursor(last.id) : null,
      };
    },

    async detail(userId: string, id: string) {
      const [row, profile] = await Promise.all([checkups.find(db, userId, id), profiles.get(db, userId)]);
      if (!row) throw new NotFoundError('CHECKUP_NOT_FOUND', 'There is no such checkup.');
      return detailView(row, profile, await rangesFor(row.linkId));
    },

    async latest(userId: string): Promise<LatestView> {
      const { latest } = await latestJudged(userId);
      if (!latest) throw new NotFoundError('NO_CHECKUPS', 'No checkup has been imported yet; link NHIS first.');
      return latest;
    },

    async internalLatest(userId: string) {
      const { profile, latest } = await latestJudged(userId);
      return internalLatestJudged(userId, profile, latest);
    },

    async trends(userId: string, itemList: string | undefined) {
      const { items, unknown } = parseTrendItems(itemList);
      if (unknown.length > 0 || items.length === 0) {
        throw new ValidationError([
          { field: 'query.items', message: `unknown item(s) ${unknown.join(', ') || '(none)'}; known: ${TREND_ITEM_NAMES.join(', ')}` },
        ]);
      }
      const [rows, profile] = await Promise.all([checkups.all(db, userId), profiles.get(db, userId)]);
      const series = buildTrends(
        rows.map((r) => ({ id: r.id, checkup: r.checkup })),
        items,
        (checkup) => factsForCheckup(profile, checkup),
        profile?.sex ?? undefined,
      );
      return { criteria: CRITERIA_SOURCE, sex: profile?.sex ?? null, checkups: rows.length, series };
    },

    /**
     * The original result sheet of one of the user's checkups, to stream to them: from PostgreSQL while
     * it waits for its upload, otherwise from Blob Storage (503 DOCUMENTS_UNAVAILABLE while that is down).
     */
    async document(userId: string, id: string): Promise<StoredDocument> {
      const row = await checkups.find(db, userId, id);
      if (!row) throw new NotFoundError('CHECKUP_NOT_FOUND', 'There is no such checkup.');
      const missing = () => new NotFoundError('DOCUMENT_NOT_FOUND', 'NHIS did not send an original result sheet for this checkup.');
      if (!row.documentBlob) throw missing();
      const waiting = await blobUploads.find(db, row.documentBlob);
      if (waiting) {
        return {
          body: Readable.from([waiting.body]),
          contentType: waiting.contentType,
          contentLength: waiting.body.length,
          contentDisposition: waiting.contentDisposition ?? undefined,
        };
      }
      const stored = await deps.documents.read(row.documentBlob);
      if (!stored) throw missing();
      return stored;
    },
  };
}

export type Reading = ReturnType<typeof createReading>;
