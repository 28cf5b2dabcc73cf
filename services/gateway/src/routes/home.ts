import { documented, route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Home } from '../handlers/home.js';
import { HOME_PARTS, type HomePart } from '../domain/home.js';
import { ANSWER_OF } from '../domain/openapi-document.js';

const PART_DESCRIPTIONS: Record<HomePart, string> = {
  profile: 'The account, as `GET /api/users/me` answers it',
  latestCheckup: 'The latest checkup, judged, as `GET /api/health/checkups/latest` answers it; `NONE` before the first import',
  todayMissions: 'Today’s missions, as `GET /api/goals/today` answers it',
  inbox: 'The newest `inboxLimit` messages and the unread count, as `GET /api/notifications` answers them',
};

function partSchema(part: HomePart) {
  const source = HOME_PARTS[part];
  const statuses = source.none ? (['OK', 'NONE', 'UNAVAILABLE'] as const) : (['OK', 'UNAVAILABLE'] as const);
  return z
    .object({
      status: z
        .enum(statuses)
        .describe(
          `OK: \`data\` holds the part${source.none ? '; NONE: there is nothing yet' : ''}; UNAVAILABLE: the ${source.app} service failed or did not answer in time (see \`code\`); the other parts are still served`,
        ),
      data: documented(z.unknown(), { [ANSWER_OF]: source.answerOf, description: `With OK: the answer of \`${source.answerOf}\`` }).optional(),
      code: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/)
        .optional()
        .describe('With UNAVAILABLE: UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE, or the service’s own problem code (e.g. ACCOUNT_NOT_FOUND)'),
      detail: z.string().optional().describe('With UNAVAILABLE: for people'),
    })
    .describe(PART_DESCRIPTIONS[part]);
}

export const homeSchema = z.object({
  profile: partSchema('profile'),
  latestCheckup: partSchema('latestCheckup'),
  todayMissions: partSchema('todayMissions'),
  inbox: partSchema('inbox'),
});

const homeExample = {
  profile: {
    status: 'OK',
    data: {
      id: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      email: 'minji.kim@example.com',
      name: '김민지',
      picture: 'http://127.0.0.1:14000/avatars/1001.svg',
      birthDate: '1988-04-12',
      sex: 'F',
      occupation: 'OFFICE_WORKER',
      status: 'ACTIVE',
      onboardingRequired: false,
      createdAt: '2026-03-02T00:41:07.512Z',
    },
  },
  latestCheckup: { status: 'NONE' },
  todayMissions: {
    status: 'OK',
    data: {
      date: '2026-12-02',
      timeZone: 'Asia/Seoul',
      goalSetId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      startedOn: '2026-11-26',
      missions: [
        {
          missionId: 'cat-ex-lunch-walk',
          title: '점심시간 15분 산책',
          description: '점심 식사 후 15분 동안 가볍게 걷기',
          category: 'exercise',
          difficulty: 'easy',
          minutes: 15,
          benefit: '식후 혈당이 천천히 오르게 하고 하루 활동량을 늘립니다.',
          source: 'CATALOGUE',
          recommendationSetId: null,
          doneToday: true,
          doneYesterday: true,
          currentStreak: 7,
          bestStreak: 7,
        },
      ],
      completedCount: 1,
      totalCount: 1,
      completionRate: 100,
      overallStreak: 7,
    },
  },
  inbox: { status: 'UNAVAILABLE', code: 'UPSTREAM_TIMEOUT', detail: 'The batch service did not answer in time.' },
};

/** The gateway's own public routes (everything else it forwards). */
export function gatewayRoutes(home: Home): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/home',
      operationId: 'getHome',
      summary: 'The home screen in one call: account, latest judged checkup, today’s missions and the inbox',
      summaryKo: '홈 화면 (한 번에)',
      description: [
        'Gathers the four parts of the home screen from their services in parallel (each with its own deadline) and answers once all have answered or timed out.',
        'A part whose service fails or is too slow is marked `UNAVAILABLE` with a `code`; the other parts are still served with 200.',
        'Each part’s `data` is exactly what the service’s own route answers.',
      ].join(' '),
      tags: ['home'],
      access: 'user',
      query: z.object({
        inboxLimit: z.coerce.number().int().min(1).max(20).default(5).describe('How many of the newest inbox messages to include'),
      }),
      example: { query: { inboxLimit: '5' } },
      responses: { 200: { description: 'The home screen; each part says whether it could be served', schema: homeSchema, example: homeExample } },
      async handler({ userId, sessionId, query }) {
        return home.load({ userId, sessionId }, query);
      },
    }),
  ];
}
