import { route, type RouteSpec } from '@healthsync/shared';
import type { Diagnosis } from '../handlers/diagnosis.js';
import { diagnosisSchema } from './schemas.js';

export function createDiagnosisRoutes(diagnosis: Diagnosis): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/intelligence/diagnosis',
      operationId: 'getDiagnosis',
      summary: 'A three-line AI reading of the latest checkup, with a health score and risk level',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        200: { description: 'The reading; `source` says whether the AI or the rule-based fallback wrote it', schema: diagnosisSchema },
        404: { description: 'No checkup has been imported yet (CHECKUP_NOT_FOUND)' },
        503: { description: 'The health record is unavailable right now (HEALTH_DATA_UNAVAILABLE); Retry-After says when to retry' },
      },
      async handler({ userId }) {
        return diagnosis.read(userId);
      },
    }),
  ];
}
