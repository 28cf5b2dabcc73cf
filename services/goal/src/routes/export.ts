import { DATA_EXPORT_SCHEMA_VERSION, route, type Db, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const CATEGORIES = ['exercise', 'diet', 'sleep', 'stress', 'lifestyle'] as const;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** The goal service's part of "Download my data": every set of missions chosen, every check-off, every celebration. */
export const goalExportSchema = z.object({
  userId: z.uuid(),
  schemaVersion: z.literal(DATA_EXPORT_SCHEMA_VERSION),
  areas: z.object({
    'mission-sets': z
      .array(
        z.object({
          id: z.uuid(),
          status: z.enum(['ACTIVE', 'REPLACED', 'RESET']),
          startedOn: z.iso.date(),
          endedOn: z.iso.date().nullable(),
          endReason: z.string().nullable(),
          endNote: z.string().nullable(),
          missions: z.array(
            z.object({
              missionId: z.string(),
              source: z.enum(['CATALOGUE', 'RECOMMENDATION']),
              title: z.string(),
              description: z.string(),
              category: z.enum(CATEGORIES),
              difficulty: z.enum(DIFFICULTIES),
              minutes: z.number().int(),
              benefit: z.string(),
            }),
          ),
        }),
      )
      .describe('The missions the user chose, set by set, oldest first'),
    'check-offs': z.array(z.object({ missionId: z.string(), date: z.iso.date(), checkedAt: z.iso.datetime() })).describe('Every day a mission was checked off'),
    celebrations: z.array(
      z.object({ missionId: z.string(), milestone: z.number().int(), streakStartedOn: z.iso.date(), createdOn: z.iso.date(), text: z.string() }),
    ),
  }),
});
export type GoalExport = z.infer<typeof goalExportSchema>;

const goalExportExample: GoalExport = {
  userId: exampleUserId,
  schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
  areas: {
    'mission-sets': [
      {
        id: '0c9e7a52-3f1d-4b8e-9a41-6d2f0e5b7c13',
        status: 'ACTIVE',
        startedOn: '2026-11-20',
        endedOn: null,
        endReason: null,
        endNote: null,
        missions: [
          {
            missionId: 'cat-di-water',
            source: 'CATALOGUE',
            title: '물 8잔 마시기',
            description: '하루 동안 물 8잔(약 1.5L)을 나눠 마시기',
            category: 'diet',
            difficulty: 'easy',
            minutes: 5,
            benefit: '수분을 채워 신진대사와 집중력을 돕습니다.',
          },
        ],
      },
    ],
    'check-offs': [{ missionId: 'cat-di-water', date: '2026-11-23', checkedAt: '2026-11-23T12:30:00.000Z' }],
    celebrations: [],
  },
};

/** Reads the user's part (empty lists for a user the service never saw). */
export async function readGoalExport(db: Db, userId: string): Promise<GoalExport> {
  const [sets, missions, completions, celebrations] = await Promise.all([
    db.query<{
      id: string;
      status: 'ACTIVE' | 'REPLACED' | 'RESET';
      startedOn: string;
      endedOn: string | null;
      endReason: string | null;
      endNote: string | null;
    }>(
      `select id, status, to_char(started_on, 'YYYY-MM-DD') as "startedOn", to_char(ended_on, 'YYYY-MM-DD') as "endedOn",
              end_reason as "endReason", end_note as "endNote"
         from goal_sets where user_id = $1 order by started_at, id`,
      [userId],
    ),
    db.query<GoalExport['areas']['mission-sets'][number]['missions'][number] & { goalSetId: string }>(
      `select m.goal_set_id as "goalSetId", m.mission_id as "missionId", m.source, m.title, m.description, m.category, m.difficulty, m.minutes, m.benefit
         from goal_set_missions m join goal_sets s on s.id = m.goal_set_id where s.user_id = $1 order by m.position`,
      [userId],
    ),
    db.query<{ missionId: string; date: string; checkedAt: Date }>(
      `select mission_id as "missionId", to_char(completed_on, 'YYYY-MM-DD') as date, completed_at as "checkedAt"
         from completions where user_id = $1 order by completed_on, mission_id`,
      [userId],
    ),
    db.query<{ missionId: string; milestone: number; streakStartedOn: string; createdOn: string; text: string }>(
      `select mission_id as "missionId", milestone, to_char(streak_started_on, 'YYYY-MM-DD') as "streakStartedOn",
              to_char(created_on, 'YYYY-MM-DD') as "createdOn", text
         from celebrations where user_id = $1 order by created_at, id`,
      [userId],
    ),
  ]);
  return {
    userId,
    schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
    areas: {
      'mission-sets': sets.rows.map((set) => ({
        ...set,
        missions: missions.rows.filter((m) => m.goalSetId === set.id).map(({ goalSetId: _set, ...mission }) => mission),
      })),
      'check-offs': completions.rows.map((c) => ({ ...c, checkedAt: c.checkedAt.toISOString() })),
      celebrations: celebrations.rows,
    },
  };
}

/** For the health service only (it builds the user's export; dapr/local/goal.yaml names it). */
export function createExportRoutes(db: Db | undefined): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/goals/users/:userId/export',
      operationId: 'internalGoalExport',
      summary: 'The goal service’s part of the user’s data export: the missions chosen, every check-off and celebration',
      description: 'Read for the user themself (the right of access): no consent is needed. A user the service never saw has empty lists.',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      example: { params: { userId: exampleUserId } },
      responses: { 200: { description: 'The part, one area per file of the export', schema: goalExportSchema, example: goalExportExample } },
      async handler({ params }) {
        return readGoalExport(db!, params.userId);
      },
    }),
  ];
}
