import { pipeline } from 'node:stream/promises';
import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { TREND_ITEM_NAMES } from '../domain/index.js';
import type { Reading } from '../handlers/checkups.js';
import { detailSchema, historySchema, latestSchema, trendsSchema } from './schemas.js';

const checkupParams = z.object({ id: z.uuid('id must be a checkup id') });

export function createCheckupRoutes(reading: Reading): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/health/checkups',
      operationId: 'listCheckups',
      summary: 'Checkup history, newest first, a page at a time',
      tags: ['health'],
      access: 'user',
      query: z.object({
        page: z.coerce.number().int().min(1).max(1000).default(1).describe('1-based page'),
        size: z.coerce.number().int().min(1).max(50).default(10).describe('Checkups per page'),
      }),
      responses: { 200: { description: 'One page of checkups', schema: historySchema } },
      async handler({ userId, query }) {
        return reading.history(userId, query.page, query.size);
      },
    }),
    // Declared before /checkups/:id so that "latest" is not read as an id.
    route({
      method: 'get',
      path: '/api/health/checkups/latest',
      operationId: 'getLatestCheckup',
      summary: 'The latest checkup, every item judged against the 2026 NHIS criteria, with a summary of flagged items',
      tags: ['health'],
      access: 'user',
      responses: { 200: { description: 'The judged latest checkup', schema: latestSchema }, 404: { description: 'Nothing imported yet' } },
      async handler({ userId }) {
        return reading.latest(userId);
      },
    }),
    route({
      method: 'get',
      path: '/api/health/checkups/:id',
      operationId: 'getCheckup',
      summary: 'One checkup: every stored value with its unit, and the judgement',
      tags: ['health'],
      access: 'user',
      params: checkupParams,
      responses: { 200: { description: 'The checkup', schema: detailSchema }, 404: { description: 'No such checkup of this user' } },
      async handler({ userId, params }) {
        return reading.detail(userId, params.id);
      },
    }),
    route({
      method: 'get',
      path: '/api/health/checkups/:id/document',
      operationId: 'getCheckupDocument',
      summary: 'The original result sheet (PDF), streamed',
      tags: ['health'],
      access: 'user',
      params: checkupParams,
      responses: {
        200: { description: 'The PDF as NHIS sent it', contentType: 'application/pdf', schema: z.string().describe('The PDF file (binary)') },
        404: { description: 'No such checkup, or NHIS sent no sheet for it' },
      },
      async handler({ userId, params, res }) {
        const document = await reading.document(userId, params.id);
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
      tags: ['health'],
      access: 'user',
      query: z.object({
        items: z.string().max(300).optional().describe(`Comma-separated: ${TREND_ITEM_NAMES.join(', ')} (default bmi,sbp,dbp,fasting_glucose)`),
      }),
      responses: { 200: { description: 'One series per item', schema: trendsSchema } },
      async handler({ userId, query }) {
        return reading.trends(userId, query.items);
      },
    }),
  ];
}
