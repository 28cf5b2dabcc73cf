import { route, type RouteSpec } from '@healthsync/shared';
import type { Recommendations } from '../handlers/recommendations.js';
import { recommendationSchema } from './schemas.js';

export function createRecommendationRoutes(recommendations: Recommendations): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/intelligence/missions/recommendations',
      operationId: 'recommendMissions',
      summary: 'Five daily missions (15–30 minutes each) chosen for the latest checkup and the occupation',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        200: { description: 'The recommendation set, stored with mission ids for goal selection', schema: recommendationSchema },
        503: { description: 'The health record is unavailable right now (HEALTH_DATA_UNAVAILABLE)' },
      },
      async handler({ userId }) {
        return recommendations.recommend(userId);
      },
    }),
    route({
      method: 'get',
      path: '/api/intelligence/missions/recommendations/current',
      operationId: 'getCurrentRecommendations',
      summary: 'The user’s most recent recommendation set',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        200: { description: 'The current set', schema: recommendationSchema },
        404: { description: 'Nothing recommended yet (RECOMMENDATIONS_NOT_FOUND)' },
      },
      async handler({ userId }) {
        return recommendations.current(userId);
      },
    }),
  ];
}
