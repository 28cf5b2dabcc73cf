import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { createRunsRepository } from '../adapters/runs-repository.js';

const runSchema = z.object({
  runDate: z.string(),
  firstTriggeredAt: z.coerce.date(),
  lastTriggeredAt: z.coerce.date(),
  triggerCount: z.number().int(),
});

/** Operator view of recent runs; internal (not routed by the gateway). */
export function createRunRoutes(runs: ReturnType<typeof createRunsRepository>): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/batch/runs',
      operationId: 'listBatchRuns',
      summary: 'Recent daily encouragement runs',
      tags: ['batch'],
      access: 'internal',
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(7) }),
      responses: { 200: { description: 'Newest first', schema: z.object({ runs: z.array(runSchema) }) } },
      async handler({ query }) {
        return { runs: await runs.latest(query.limit) };
      },
    }),
  ];
}
