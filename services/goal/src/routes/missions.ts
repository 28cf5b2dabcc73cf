import { route, type RouteSpec } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';
import { catalogueMissionSchema, catalogueQuery, checkOffSchema, chooseMissionsBody, chosenSetSchema, completionParams, todayViewSchema } from './schemas.js';
import { z } from 'zod';
import { catalogueExample, checkOffExample, chosenSetExample, missionExamples, TODAY, todayExample } from './examples.js';

const notActive = {
  404: { description: 'Not one of your active missions', codes: { MISSION_NOT_ACTIVE: '"cat-ex-stairs" is not one of your active missions.' } },
};
const editableDays =
  'Only today and yesterday (Asia/Seoul) can be changed; another date is answered 400 VALIDATION_FAILED, as is a date that is not a calendar day.';

/** Choosing missions and checking them off day by day. */
export function createMissionRoutes(goals: Goals): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/goals/catalogue',
      operationId: 'listMissionCatalogue',
      summary: 'Missions anyone can choose (exercise, diet, sleep, stress, lifestyle)',
      summaryKo: '미션 카탈로그',
      tags: ['goals'],
      access: 'user',
      query: catalogueQuery,
      example: { query: { category: 'exercise' } },
      responses: {
        200: { description: 'The catalogue, grouped by category', schema: z.object({ missions: z.array(catalogueMissionSchema) }), example: catalogueExample },
      },
      async handler({ query }) {
        return goals.catalogue(query.category);
      },
    }),
    route({
      method: 'put',
      path: '/api/goals/missions',
      operationId: 'chooseMissions',
      summary: 'Choose 1–5 missions from your AI recommendations or the catalogue; replaces the active set (kept in history)',
      summaryKo: '미션 선택(1–5개)',
      description:
        'An id that is neither in the catalogue, nor in your current AI recommendations, nor one of your active missions is answered 400 VALIDATION_FAILED naming it.',
      tags: ['goals'],
      access: 'user',
      body: chooseMissionsBody,
      example: { body: { missionIds: [missionExamples.walk.missionId, missionExamples.lowSalt.missionId, missionExamples.stretch.missionId] } },
      responses: {
        200: {
          description: 'The active set; `changed` is false when exactly these missions were already active',
          schema: chosenSetSchema,
          example: chosenSetExample,
        },
        503: {
          description: 'An id is not in the catalogue and the AI recommendations cannot be read right now',
          codes: { INTELLIGENCE_UNAVAILABLE: 'The AI recommendations cannot be read right now; try again shortly.' },
        },
      },
      async handler({ userId, body }) {
        return goals.chooseMissions(userId, body.missionIds);
      },
    }),
    route({
      method: 'get',
      path: '/api/goals/today',
      operationId: 'getTodayMissions',
      summary: 'Today’s missions (Asia/Seoul): done today, streaks and today’s completion rate',
      summaryKo: '오늘의 미션',
      tags: ['goals'],
      access: 'user',
      responses: { 200: { description: 'Today’s view; no missions before the first choice', schema: todayViewSchema, example: todayExample } },
      async handler({ userId }) {
        return goals.today(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/goals/missions/:missionId/completions/:date',
      operationId: 'completeMission',
      summary: 'Check a mission off for today or yesterday (doing it twice changes nothing)',
      summaryKo: '미션 완료 체크',
      description: editableDays,
      tags: ['goals'],
      access: 'user',
      params: completionParams,
      example: { params: { missionId: missionExamples.walk.missionId, date: TODAY } },
      responses: {
        200: {
          description: 'The mission’s streak and today’s totals; a celebration when a milestone was reached',
          schema: checkOffSchema,
          example: checkOffExample,
        },
        ...notActive,
      },
      async handler({ userId, params }) {
        return goals.setDone(userId, params.missionId, params.date, true);
      },
    }),
    route({
      method: 'delete',
      path: '/api/goals/missions/:missionId/completions/:date',
      operationId: 'undoMissionCompletion',
      summary: 'Undo a check-off of today or yesterday (undoing twice changes nothing)',
      summaryKo: '미션 완료 취소',
      description: editableDays,
      tags: ['goals'],
      access: 'user',
      params: completionParams,
      example: { params: { missionId: missionExamples.walk.missionId, date: TODAY } },
      responses: {
        200: {
          description: 'The mission’s streak and today’s totals after the undo',
          schema: checkOffSchema,
          example: {
            ...checkOffExample,
            done: false,
            currentStreak: 6,
            today: { ...checkOffExample.today, completedCount: checkOffExample.today.completedCount - 1, completionRate: 0 },
            celebration: null,
          },
        },
        ...notActive,
      },
      async handler({ userId, params }) {
        return goals.setDone(userId, params.missionId, params.date, false);
      },
    }),
  ];
}
