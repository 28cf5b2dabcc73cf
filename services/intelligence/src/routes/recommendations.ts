import { route, type ConsentCheck, type RouteSpec } from '@healthsync/shared';
import type { Recommendations } from '../handlers/recommendations.js';
import { recommendationExample } from './examples.js';
import { AI_CONSENTS, aiGuarded, recommendationSchema } from './schemas.js';

export function createRecommendationRoutes(recommendations: Recommendations, consents: ConsentCheck): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/intelligence/missions/recommendations',
      operationId: 'recommendMissions',
      summary: 'Five daily missions (15–30 minutes each) chosen for the latest checkup and the occupation',
      summaryKo: 'AI 맞춤 미션 5개 추천',
      tags: ['intelligence'],
      access: 'user',
      idempotent: true,
      responses: {
        200: {
          description: 'The recommendation set, stored with mission ids for goal selection',
          schema: recommendationSchema,
          example: recommendationExample,
        },
        ...aiGuarded,
      },
      async handler({ userId }) {
        await consents.require(userId, AI_CONSENTS);
        return recommendations.recommend(userId);
      },
    }),
    route({
      method: 'get',
      path: '/api/intelligence/missions/recommendations/current',
      operationId: 'getCurrentRecommendations',
      summary: 'The user’s most recent recommendation set',
      summaryKo: '최근 추천 미션',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        200: { description: 'The current set', schema: recommendationSchema, example: { ...recommendationExample, cached: true } },
        404: { description: 'Nothing recommended yet', codes: { RECOMMENDATIONS_NOT_FOUND: 'No missions have been recommended to this user yet.' } },
      },
      async handler({ userId }) {
        return recommendations.current(userId);
      },
    }),
  ];
}
