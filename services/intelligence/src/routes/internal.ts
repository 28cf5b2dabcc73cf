import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Messages } from '../handlers/messages.js';
import type { Recommendations } from '../handlers/recommendations.js';
import { recommendationExample } from './examples.js';
import { missionSchema } from './schemas.js';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

const userId = z.string().min(1).max(128);

const messageBody = z
  .object({
    userId,
    kind: z.enum(['NUDGE', 'CELEBRATION']),
    facts: z
      .record(z.string(), z.unknown())
      .refine((facts) => JSON.stringify(facts).length <= 4_000, 'facts are at most 4000 characters of JSON')
      .describe('Progress facts, e.g. completionRate (0–1), streakDays, completedCount, totalCount, consecutiveFailures, missions'),
  })
  .strict();

/** For the goal and batch services only (dapr/local/intelligence.yaml names them). */
export function createInternalRoutes(recommendations: Recommendations, messages: Messages): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/intelligence/users/:userId/recommendations/current',
      operationId: 'internalCurrentRecommendations',
      summary: 'The user’s current recommendation set, to check a mission selection against',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId }),
      example: { params: { userId: exampleUserId } },
      responses: {
        200: {
          description: 'The set and its missions',
          schema: z.object({ recommendationSetId: z.uuid(), missions: z.array(missionSchema) }),
          example: { recommendationSetId: recommendationExample.recommendationSetId, missions: recommendationExample.missions },
        },
        404: {
          description: 'Nothing recommended yet',
          codes: { RECOMMENDATIONS_NOT_FOUND: 'No missions have been recommended to this user yet.' },
        },
      },
      async handler({ params }) {
        const set = await recommendations.current(params.userId);
        return { recommendationSetId: set.recommendationSetId, missions: set.missions };
      },
    }),
    route({
      method: 'post',
      path: '/internal/intelligence/messages',
      operationId: 'internalComposeMessage',
      summary: 'A short nudge (≤ 80 characters) or celebration (≤ 100) from the user’s progress facts',
      tags: ['internal'],
      access: 'internal',
      body: messageBody,
      example: {
        body: { userId: exampleUserId, kind: 'NUDGE', facts: { completionRate: 0.4, streakDays: 0, completedCount: 2, totalCount: 5, consecutiveFailures: 2 } },
      },
      responses: {
        200: {
          description: 'The message and who wrote it',
          schema: z.object({ text: z.string(), source: z.enum(['AI', 'FALLBACK']) }),
          example: { text: '어제는 쉬어 갔어도 괜찮아요. 오늘 점심 산책 한 번으로 다시 시작해 봐요!', source: 'AI' },
        },
      },
      async handler({ body }) {
        return messages.compose(body.userId, body.kind, body.facts);
      },
    }),
  ];
}
