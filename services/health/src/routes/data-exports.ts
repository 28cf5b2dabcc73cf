import { pipeline } from 'node:stream/promises';
import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { EXPORT_STATUSES } from '../domain/data-export.js';
import type { DataExports } from '../handlers/data-exports.js';

const exportSchema = z.object({
  exportId: z.uuid(),
  status: z.enum(EXPORT_STATUSES).describe('pending (being built), ready (download it), failed (see failure), expired (request a new one)'),
  createdAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable().describe('Until when the ZIP can be downloaded (ready), or until when a failed export is listed'),
  size: z.number().int().nullable().describe('Bytes of the ZIP (ready only)'),
  downloadUrl: z.string().nullable().describe('The download, with your access token, while ready'),
  failure: z.string().nullable().describe('Why it failed (failed only)'),
});

const exampleId = '9b2f6c1e-4a7d-4e3b-8f10-5c6d7e8f9a0b';
const pendingExample = {
  exportId: exampleId,
  status: 'pending' as const,
  createdAt: '2026-11-24T03:00:00.000Z',
  readyAt: null,
  expiresAt: null,
  size: null,
  downloadUrl: null,
  failure: null,
};
const readyExample = {
  ...pendingExample,
  status: 'ready' as const,
  readyAt: '2026-11-24T03:00:04.120Z',
  expiresAt: '2026-12-01T03:00:04.120Z',
  size: 48213,
  downloadUrl: `/api/users/me/exports/${exampleId}/download`,
};

const params = z.object({ exportId: z.uuid() });
const missing = {
  404: { description: 'No such export of yours (another user’s id is not found either)', codes: { EXPORT_NOT_FOUND: 'There is no such export.' } },
};

export function createDataExportRoutes(exports: DataExports): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/users/me/exports',
      operationId: 'requestMyDataExport',
      summary: 'Ask for a copy of everything HealthSync holds about you (a ZIP, built in the background)',
      summaryKo: '내 데이터 내려받기 요청 (ZIP, 백그라운드에서 만들어짐)',
      description:
        'PIPA’s right of access: the profile, consents and their history, sign-ins, checkups with their original sheets, missions and ' +
        'check-offs, chats, the inbox, push devices (token endings only) and the access log, one JSON file per area plus a manifest. ' +
        'Needs no consent. Poll `GET /api/users/me/exports/{exportId}` until `ready`, then download it. While one export is being built, ' +
        'asking again answers that one; at most a few a day. Send `Idempotency-Key`.',
      tags: ['users'],
      access: 'user',
      idempotent: true,
      responses: {
        202: { description: 'The export, pending (or the one already being built)', schema: exportSchema, example: pendingExample },
        429: {
          description: 'Too many exports in the last 24 hours; `Retry-After` says when the next may start',
          codes: { EXPORT_LIMIT_REACHED: 'At most 3 exports a day; try again later.' },
          headers: { 'Retry-After': 'Seconds until another export may start' },
        },
      },
      async handler({ userId }) {
        return exports.request(userId);
      },
    }),
    route({
      method: 'get',
      path: '/api/users/me/exports',
      operationId: 'listMyDataExports',
      summary: 'Your data exports, newest first (expired and failed ones stay listed for a week)',
      summaryKo: '내 데이터 내려받기 요청 목록 (최신순)',
      tags: ['users'],
      access: 'user',
      responses: {
        200: { description: 'A handful at most (not paged)', schema: z.object({ items: z.array(exportSchema) }), example: { items: [readyExample] } },
      },
      async handler({ userId }) {
        return exports.list(userId);
      },
    }),
    route({
      method: 'get',
      path: '/api/users/me/exports/:exportId',
      operationId: 'getMyDataExport',
      summary: 'One of your data exports: its status, and the download while it is ready',
      summaryKo: '내 데이터 내려받기 상태 조회',
      tags: ['users'],
      access: 'user',
      params,
      example: { params: { exportId: exampleId } },
      responses: { 200: { description: 'The export', schema: exportSchema, example: readyExample }, ...missing },
      async handler({ userId, params: p }) {
        return exports.get(userId, p.exportId);
      },
    }),
    route({
      method: 'get',
      path: '/api/users/me/exports/:exportId/download',
      operationId: 'downloadMyDataExport',
      summary: 'The ZIP of a ready export, streamed (with your access token only; until expiresAt)',
      summaryKo: '내 데이터 ZIP 파일 내려받기 (만료 전까지, 본인 토큰으로만)',
      tags: ['users'],
      access: 'user',
      params,
      example: { params: { exportId: exampleId } },
      responses: {
        200: {
          description: 'The ZIP (`Cache-Control: private, no-store`): README.txt, manifest.json, one JSON file per area, health/documents/',
          contentType: 'application/zip',
          schema: z.string().describe('The ZIP file (binary)'),
          example: 'PK…',
        },
        ...missing,
        409: { description: 'Still being built, or failed', codes: { EXPORT_NOT_READY: 'This export is not ready to download.' } },
        410: { description: 'Expired: its file is gone; request a new export', codes: { EXPORT_EXPIRED: 'This export has expired; request a new one.' } },
        503: {
          description: 'Stored files cannot be reached right now; retry after Retry-After seconds',
          codes: { DOCUMENTS_UNAVAILABLE: 'Stored documents cannot be reached right now; checkups are still available. Try again shortly.' },
          headers: { 'Retry-After': 'Seconds to wait before retrying' },
        },
      },
      async handler({ userId, params: p, res }) {
        const file = await exports.download(userId, p.exportId);
        res.status(200);
        res.setHeader('Content-Type', 'application/zip');
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        if (file.contentLength !== undefined) res.setHeader('Content-Length', String(file.contentLength));
        if (file.contentDisposition) res.setHeader('Content-Disposition', file.contentDisposition);
        await pipeline(file.body, res);
        return undefined;
      },
    }),
  ];
}
