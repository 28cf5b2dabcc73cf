import { route, type ConsentCheck, type RouteSpec } from '@healthsync/shared';
import type { Diagnosis } from '../handlers/diagnosis.js';
import { diagnosisExample } from './examples.js';
import { AI_CONSENTS, aiGuarded, diagnosisSchema } from './schemas.js';

export function createDiagnosisRoutes(diagnosis: Diagnosis, consents: ConsentCheck): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/intelligence/diagnosis',
      operationId: 'getDiagnosis',
      summary: 'A three-line AI reading of the latest checkup, with a health score and risk level',
      summaryKo: 'AI 건강검진 해석(3줄 요약)',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        200: {
          description: 'The reading; `source` says whether the AI or the rule-based fallback wrote it',
          schema: diagnosisSchema,
          example: diagnosisExample,
        },
        404: { description: 'No checkup has been imported yet', codes: { CHECKUP_NOT_FOUND: 'No checkup has been imported yet; link NHIS results first.' } },
        ...aiGuarded,
      },
      async handler({ userId }) {
        await consents.require(userId, AI_CONSENTS);
        return diagnosis.read(userId);
      },
    }),
  ];
}
