import { route, type RouteSpec } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';
import {
  catalogueMissionSchema,
  catalogueQuery,
  checkOffSchema,
  chooseMissionsBody,
  chosenSetSchema,
  completionParams,
  todayViewSchema,
} from './schemas.js';
import { z } from 'zod';

/** Choosing missions and checking them off day by day. */
export function createMissionRoutes(goals: Goals): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/goals/catalogue',
      operationId: 'listMissionCatalogue',
      summary: 'Missions anyone can choose (exercise, diet, sleep, stress, lifestyle)',
      tags: ['goals'],
      access: 'user',
      query: catalogueQuery,
      responses: { 200: { description: 'The catalogue, grouped by category', schema: z.object({ missions: z.array(catalogueMissionSchema) }) } },
      async handler({ query }) {
        return goals.catalogue(query.category);
      },
    }),
    route({
      method: 'put',
      path: '/api/goals/missions',
      operationId: 'chooseMissions',
      summary: 'Choose 1–5 missions from your AI recommendations or the catalogue; replaces the active set (kept in history)',
      tags: ['goals'],
      access: 'user',
      body: chooseMissionsBody,
      responses: {
        200: { description: 'The active set; `changed` is false when exactly these missions were already active', schema: chosenSetSchema },
        503: { description: 'An id is not in the catalogue and the AI recommendations cannot be read right now' },
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
      tags: ['goals'],
      access: 'user',
      responses: { 200: { description: 'Today’s view; no missions before the first choice', schema: todayViewSchema } },
      async handler({ userId }) {
        return goals.today(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/goals/missions/:missionId/completions/:date',
      operationId: 'completeMission',
      summary: 'Check a mission off for today or yesterday (doing it twice changes nothing)',
      tags: ['goals'],
      access: 'user',
      params: completionParams,
      responses: {
        200: { description: 'The mission’s streak and today’s totals; a celebration when a milestone was reached', schema: checkOffSchema },
        404: { description: 'Not one of your active missions' },
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
      tags: ['goals'],
      access: 'user',
      params: completionParams,
      responses: {
        200: { description: 'The mission’s streak and today’s totals after the undo', schema: checkOffSchema },
        404: { description: 'Not one of your active missions' },
      },
      async handler({ userId, params }) {
        return goals.setDone(userId, params.missionId, params.date, false);
      },
    }),
  ];
}
