import { pipeline } from 'node:stream/promises';
import { documented, route, type Clock, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { DEFAULT_TREND_ITEMS, TREND_ITEM_NAMES } from '../domain/index.js';
import { byUser } from '../domain/access-audit.js';
import type { AccessAudit } from '../handlers/access-audit.js';
import type { Reading } from '../handlers/checkups.js';
import { checkupIds, detailExample, historyExample, latestExample, trendsExample } from './examples.js';
import { detailSchema, historySchema, latestSchema, trendsSchema } from './schemas.js';

const checkupParams = z.object({ id: z.uuid('id must be a checkup id') });
const checkupMissing = { CHECKUP_NOT_FOUND: 'There is no such checkup.' };
/** Every read of health data is recorded first (the access audit); without the record, no data. */
export const auditDown = {
  503: {
    description: 'The read could not be recorded in the access audit, so nothing is shown',
    codes: { ACCESS_LOG_UNAVAILABLE: 'The access could not be recorded right now, so the health data is not shown; try again shortly.' },
  },
};

/** `items=bmi,sbp`: a comma-separated list (OpenAPI form style, not exploded) of known items. */
const trendItems = documented(z.string().max(300), {
  type: 'array',
  items: { type: 'string', enum: TREND_ITEM_NAMES },
  minItems: 1,
  maxItems: TREND_ITEM_NAMES.length,
  description: `Items to chart, comma-separated (default ${DEFAULT_TREND_ITEMS.join(',')}); an unknown item is answered 400 VALIDATION_FAILED`,
});

export function createCheckupRoutes(reading: Reading, audit: AccessAudit, clock: Clock): RouteSpec[] {
  const read = async <T>(userId: string, resource: Parameters<typeof byUser>[1], resourceId: (value: T) => string | null, value: T): Promise<T> => {
    const { accessedAt: _at, ...record } = byUser(userId, resource, resourceId(value), clock.now());
    await audit.record(record);
    return value;
  };
  return [
    route({
      method: 'get',
      path: '/api/health/checkups',
      operationId: 'listCheckups',
      summary: 'Checkup history, newest first, a page at a time',
      summaryKo: '건강검진 이력',
      tags: ['health'],
      access: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(50).default(10).describe('Checkups per page'),
        cursor: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API returned')
          .optional()
          .describe('Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED'),
      }),
      example: { query: { limit: '10' } },
      responses: { 200: { description: 'One page of checkups', schema: historySchema, example: historyExample }, ...auditDown },
      async handler({ userId, query }) {
        return read(userId, 'CHECKUP_LIST', () => null, await reading.history(userId, query.limit, query.cursor));
      },
    }),
    // Declared before /checkups/:id so that "latest" is not read as an id.
    route({
      method: 'get',
      path: '/api/health/checkups/latest',
      operationId: 'getLatestCheckup',
      summary: 'The latest checkup, every item judged against the 2026 NHIS criteria, with a summary of flagged items',
      summaryKo: '최근 건강검진 결과와 판정',
      tags: ['health'],
      access: 'user',
      responses: {
        200: { description: 'The judged latest checkup', schema: latestSchema, example: latestExample },
        404: { description: 'Nothing imported yet', codes: { NO_CHECKUPS: 'No checkup has been imported yet; link NHIS first.' } },
        ...auditDown,
      },
      async handler({ userId }) {
        return read(userId, 'LATEST_CHECKUP', (latest) => latest.checkupId, await reading.latest(userId));
      },
    }),
    route({
      method: 'get',
      path: '/api/health/checkups/:id',
      operationId: 'getCheckup',
      summary: 'One checkup: every stored value with its unit, and the judgement',
      summaryKo: '건강검진 상세',
      tags: ['health'],
      access: 'user',
      params: checkupParams,
      example: { params: { id: checkupIds.latest } },
      responses: {
        200: { description: 'The checkup', schema: detailSchema, example: detailExample },
        404: { description: 'No such checkup of this user', codes: checkupMissing },
        ...auditDown,
      },
      async handler({ userId, params }) {
        return read(userId, 'CHECKUP', () => params.id, await reading.detail(userId, params.id));
      },
    }),
    route({
      method: 'get',
      path: '/api/health/checkups/:id/document',
      operationId: 'getCheckupDocument',
      summary: 'The original result sheet (PDF), streamed',
      summaryKo: '검진 결과지 원본(PDF) 내려받기',
      tags: ['health'],
      access: 'user',
      params: checkupParams,
      example: { params: { id: checkupIds.latest } },
      responses: {
        200: {
          description: 'The PDF as NHIS sent it (`Cache-Control: private, no-store`)',
          contentType: 'application/pdf',
          schema: z.string().describe('The PDF file (binary)'),
          example: '%PDF-1.7 …',
        },
        404: {
          description: 'No such checkup, or NHIS sent no sheet for it',
          codes: { ...checkupMissing, DOCUMENT_NOT_FOUND: 'NHIS did not send an original result sheet for this checkup.' },
        },
        503: {
          description:
            'Stored documents cannot be reached right now (checkups still can), or the read could not be recorded in the access audit; retry after Retry-After seconds',
          codes: {
            DOCUMENTS_UNAVAILABLE: 'Stored documents cannot be reached right now; checkups are still available. Try again shortly.',
            ...auditDown[503].codes,
          },
          headers: { 'Retry-After': 'Seconds to wait before retrying' },
        },
      },
      async handler({ userId, params, res }) {
        const document = await reading.document(userId, params.id);
        try {
          await read(userId, 'CHECKUP_DOCUMENT', () => params.id, document);
        } catch (error) {
          document.body.destroy();
          throw error;
        }
        res.status(200);
        res.setHeader('Content-Type', document.contentType);
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        if (document.contentLength !== undefined) res.setHeader('Content-Length', String(document.contentLength));
        if (document.contentDisposition) res.setHeader('Content-Disposition', document.contentDisposition);
        await pipeline(document.body, res);
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/api/health/trends',
      operationId: 'getTrends',
      summary: 'Chart-ready series per item across the years, with the grade bands',
      summaryKo: '검진 항목별 추이',
      tags: ['health'],
      access: 'user',
      query: z.object({ items: trendItems.optional() }),
      example: { query: { items: 'bmi,sbp' } },
      responses: { 200: { description: 'One series per item', schema: trendsSchema, example: trendsExample }, ...auditDown },
      async handler({ userId, query }) {
        return read(userId, 'TRENDS', () => null, await reading.trends(userId, query.items));
      },
    }),
  ];
}
