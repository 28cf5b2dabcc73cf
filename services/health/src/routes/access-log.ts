import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { ACCESS_PURPOSES, ACCESSOR_KINDS, AUDITED_RESOURCES } from '../domain/access-audit.js';
import type { AccessAudit } from '../handlers/access-audit.js';

const accessLogSchema = z.object({
  items: z.array(
    z.object({
      accessedAt: z.iso.datetime(),
      accessor: z.object({
        kind: z.enum(ACCESSOR_KINDS),
        id: z.string().describe('USER: the user’s own id; SERVICE: the app that read it (e.g. intelligence); OPERATOR: the operator'),
      }),
      resource: z.enum(AUDITED_RESOURCES),
      resourceId: z.uuid().nullable().describe('The checkup read, when one was'),
      purpose: z.enum(ACCESS_PURPOSES),
      description: z.string().describe('The entry as a Korean sentence for the app'),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const example = {
  items: [
    {
      accessedAt: '2026-12-02T03:04:05.000Z',
      accessor: { kind: 'SERVICE' as const, id: 'intelligence' },
      resource: 'LATEST_JUDGED' as const,
      resourceId: '8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6',
      purpose: 'AI_READING' as const,
      description: 'HealthSync AI 서비스가 AI 건강검진 해석을 위해 최근 건강검진 결과와 판정을(를) 열람했습니다.',
    },
    {
      accessedAt: '2026-12-02T03:04:00.000Z',
      accessor: { kind: 'USER' as const, id: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' },
      resource: 'CHECKUP' as const,
      resourceId: '8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6',
      purpose: 'USER_VIEW' as const,
      description: '본인이 건강검진 상세을(를) 열람했습니다.',
    },
  ],
  nextCursor: 'YToxMjM0',
};

export function createAccessLogRoutes(audit: AccessAudit): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/health/access-log',
      operationId: 'getMyAccessLog',
      summary: 'Who accessed my health data: every read of the user’s checkups (by the user, by a service, by an operator), newest first',
      summaryKo: '내 건강정보 열람 기록',
      description:
        'Each read of checkup data is recorded before the data is answered: who (the user, a service such as the AI, or an operator), what, when and why. ' +
        'Only the signed-in user’s own entries are listed. Entries are kept for two years, also after the account is deleted (then no longer shown).',
      tags: ['health'],
      access: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20).describe('Entries per page'),
        cursor: z.string().max(64).optional().describe('`nextCursor` of the previous page'),
      }),
      example: { query: { limit: '20' } },
      responses: { 200: { description: 'One page of entries', schema: accessLogSchema, example } },
      async handler({ userId, query }) {
        return audit.page(userId, query.limit, query.cursor);
      },
    }),
  ];
}
