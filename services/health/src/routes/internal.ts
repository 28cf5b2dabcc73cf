import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Reading } from '../handlers/checkups.js';
import { exampleUserId, internalLatestExample } from './examples.js';
import { internalLatestSchema } from './schemas.js';

/** For the intelligence service only (dapr/local/health.yaml names it). */
export function createInternalRoutes(reading: Reading): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/health/users/:userId/latest-judged',
      operationId: 'internalLatestJudged',
      summary: 'The user’s latest judged checkup and the profile facts the AI needs (no name or phone)',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.string().min(1).max(100) }),
      example: { params: { userId: exampleUserId } },
      responses: { 200: { description: 'checkup and profile are null when unknown', schema: internalLatestSchema, example: internalLatestExample } },
      async handler({ params }) {
        return reading.internalLatest(params.userId);
      },
    }),
  ];
}
