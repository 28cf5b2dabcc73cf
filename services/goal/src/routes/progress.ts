import { route, type RouteSpec } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';
import { factsPageExample, progressExample, resetExample, TODAY } from './examples.js';
import { factsPageSchema, factsQuery, progressQuery, progressSchema, resetBody, resetSchema } from './schemas.js';

/** Achievement over time, resets, and the batch's facts. */
export function createProgressRoutes(goals: Goals): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/goals/progress',
      operationId: 'getGoalProgress',
      summary: 'Daily, weekly and monthly completion rates, streaks per mission and overall, chart series, celebrations and set history',
      summaryKo: '목표 달성 현황',
      description:
        '`from` after `to` or after today, or a period longer than the maximum, is answered 400 VALIDATION_FAILED; `to` after today is cut at today.',
      tags: ['goals'],
      access: 'user',
      query: progressQuery,
      example: { query: { from: '2026-11-26', to: TODAY } },
      responses: { 200: { description: 'Progress over the period (default: the last 30 days)', schema: progressSchema, example: progressExample } },
      async handler({ userId, query }) {
        return goals.progress(userId, query);
      },
    }),
    route({
      method: 'post',
      path: '/api/goals/reset',
      operationId: 'resetMissions',
      summary: 'End the active missions with a reason and get fresh suggestions to choose from',
      summaryKo: '미션 초기화',
      tags: ['goals'],
      access: 'user',
      idempotent: true,
      body: resetBody,
      example: { body: { reason: 'TOO_HARD', note: '야근이 많아서 저녁 미션은 어려워요' } },
      responses: {
        200: {
          description: 'The set ended; suggestions from the AI recommendations (minus the ended missions) and the catalogue',
          schema: resetSchema,
          example: resetExample,
        },
        409: { description: 'There are no active missions', codes: { NO_ACTIVE_MISSIONS: 'You have no active missions to reset.' } },
      },
      async handler({ userId, body }) {
        return goals.reset(userId, body);
      },
    }),
    route({
      method: 'get',
      path: '/internal/goals/progress-facts',
      operationId: 'listProgressFacts',
      summary: 'Progress facts of users with active missions, paged by user id (batch only)',
      tags: ['goals'],
      access: 'internal',
      query: factsQuery,
      example: { query: { limit: '500' } },
      responses: { 200: { description: 'One page; pass nextCursor back until it is null', schema: factsPageSchema, example: factsPageExample } },
      async handler({ query }) {
        return goals.progressFacts(query.cursor, query.limit);
      },
    }),
  ];
}
