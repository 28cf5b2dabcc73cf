import { route, type RouteSpec } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';
import { factsPageSchema, factsQuery, progressQuery, progressSchema, resetBody, resetSchema } from './schemas.js';

/** Achievement over time, resets, and the batch's facts. */
export function createProgressRoutes(goals: Goals): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/goals/progress',
      operationId: 'getGoalProgress',
      summary: 'Daily, weekly and monthly completion rates, streaks per mission and overall, chart series, celebrations and set history',
      tags: ['goals'],
      access: 'user',
      query: progressQuery,
      responses: { 200: { description: 'Progress over the period (default: the last 30 days)', schema: progressSchema } },
      async handler({ userId, query }) {
        return goals.progress(userId, query);
      },
    }),
    route({
      method: 'post',
      path: '/api/goals/reset',
      operationId: 'resetMissions',
      summary: 'End the active missions with a reason and get fresh suggestions to choose from',
      tags: ['goals'],
      access: 'user',
      body: resetBody,
      responses: {
        200: { description: 'The set ended; suggestions from the AI recommendations (minus the ended missions) and the catalogue', schema: resetSchema },
        409: { description: 'There are no active missions' },
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
      responses: { 200: { description: 'One page; pass nextCursor back until it is null', schema: factsPageSchema } },
      async handler({ query }) {
        return goals.progressFacts(query.cursor, query.limit);
      },
    }),
  ];
}
