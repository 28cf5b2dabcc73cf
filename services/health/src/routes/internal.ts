import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { callerApp, SERVICE_PURPOSES } from '../domain/access-audit.js';
import type { AccessAudit } from '../handlers/access-audit.js';
import type { Reading } from '../handlers/checkups.js';
import { exampleUserId, internalLatestExample } from './examples.js';
import { internalLatestSchema } from './schemas.js';

/** For the intelligence service only (dapr/local/health.yaml names it). */
export function createInternalRoutes(reading: Reading, audit: AccessAudit): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/health/users/:userId/latest-judged',
      operationId: 'internalLatestJudged',
      summary: 'The user’s latest judged checkup and the profile facts the AI needs (no name or phone); recorded in the user’s access audit',
      description:
        '`purpose` says why the caller reads it; the read is recorded (caller from its sidecar’s `dapr-caller-app-id`, purpose, time) ' +
        'before anything is answered, and the user sees it under “who accessed my data”.',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      query: z.object({ purpose: z.enum(SERVICE_PURPOSES).describe('Why the caller reads the record') }),
      example: { params: { userId: exampleUserId }, query: { purpose: 'AI_READING' } },
      responses: {
        200: { description: 'checkup and profile are null when unknown', schema: internalLatestSchema, example: internalLatestExample },
        503: {
          description: 'The read could not be recorded; nothing is answered',
          codes: { ACCESS_LOG_UNAVAILABLE: 'The access could not be recorded right now.' },
        },
      },
      async handler({ params, query, req }) {
        const latest = await reading.internalLatest(params.userId);
        // Nothing was read when there is nothing to read.
        if (latest.checkup !== null) {
          await audit.record({
            userId: params.userId,
            accessorKind: 'SERVICE',
            accessor: callerApp(req.headers['dapr-caller-app-id']),
            resource: 'LATEST_JUDGED',
            resourceId: latest.checkup.checkupId,
            purpose: query.purpose,
          });
        }
        return latest;
      },
    }),
  ];
}
