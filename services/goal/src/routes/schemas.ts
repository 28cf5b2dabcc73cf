import { documented } from '@healthsync/shared';
import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { MILESTONES } from '../domain/milestones.js';
import { CATALOGUE_MISSION_IDS, CATEGORIES, DIFFICULTIES, duplicateIds, MAX_MISSIONS, MIN_MISSIONS } from '../domain/missions.js';
import { RESET_REASONS } from '../domain/reset.js';

/** Input and output schemas of the goal routes: they validate input and describe the API (OpenAPI). */
/**
 * A calendar day. Documented as `format: date` alone (RFC 3339 full-date: a real calendar
 * day), without zod's equivalent pattern, so a day such as 2026-02-30 reaches the service
 * and is refused with its own message rather than a regular expression.
 */
export const isoDate = (name: string) =>
  documented(z.iso.date(`${name} must be a calendar date written YYYY-MM-DD`).refine(isIsoDate, `${name} must be a calendar date written YYYY-MM-DD`), {
    type: 'string',
    format: 'date',
    description: `${name}, a day in Asia/Seoul (YYYY-MM-DD)`,
  });

export const missionId = z
  .union([z.enum(CATALOGUE_MISSION_IDS), z.uuid()], { error: 'a mission id is a catalogue id (cat-…) or the id of an AI-recommended mission' })
  .describe('A catalogue mission id (cat-…) or the id (UUID) of a mission from your AI recommendations');

export const chooseMissionsBody = z.object({
  missionIds: z
    .array(missionId)
    .min(MIN_MISSIONS, `choose at least ${MIN_MISSIONS} mission`)
    .max(MAX_MISSIONS, `choose at most ${MAX_MISSIONS} missions`)
    .superRefine((ids, ctx) => {
      const repeated = duplicateIds(ids);
      if (repeated.length > 0) ctx.addIssue({ code: 'custom', message: `each mission can be chosen once; repeated: ${repeated.join(', ')}` });
    }),
});

export const completionParams = z.object({ missionId, date: isoDate('date') });

export const progressQuery = z.object({
  from: isoDate('from').optional().describe('First day (default: 29 days before `to`)'),
  to: isoDate('to').optional().describe('Last day (default and at most: today)'),
});

export const resetBody = z.object({
  reason: z.enum(RESET_REASONS, `reason must be one of ${RESET_REASONS.join(', ')}`),
  note: z.string().trim().max(200, 'note is at most 200 characters').optional().describe('Optional words of the user; stored, never published'),
});

export const catalogueQuery = z.object({ category: z.enum(CATEGORIES, `category must be one of ${CATEGORIES.join(', ')}`).optional() });

export const factsQuery = z.object({
  cursor: z.uuid('cursor is the nextCursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const rate = z.number().nullable().describe('Percent with one decimal; null when nothing was scheduled');
const day = z.iso.date().describe('YYYY-MM-DD (Asia/Seoul)');

export const catalogueMissionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(CATEGORIES),
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.number().int(),
  benefit: z.string(),
});

export const missionSchema = z.object({
  missionId: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(CATEGORIES),
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.number().int(),
  benefit: z.string(),
  source: z.enum(['CATALOGUE', 'RECOMMENDATION']),
  recommendationSetId: z.string().nullable(),
});

export const chosenSetSchema = z.object({
  goalSetId: z.uuid(),
  startedOn: day,
  replacedGoalSetId: z.uuid().nullable(),
  changed: z.boolean().describe('False when exactly these missions were already active'),
  missions: z.array(missionSchema),
});

export const todayViewSchema = z.object({
  date: day,
  timeZone: z.literal('Asia/Seoul'),
  goalSetId: z.uuid().nullable(),
  startedOn: day.nullable(),
  missions: z.array(
    missionSchema.extend({
      doneToday: z.boolean(),
      doneYesterday: z.boolean(),
      currentStreak: z.number().int(),
      bestStreak: z.number().int(),
    }),
  ),
  completedCount: z.number().int(),
  totalCount: z.number().int(),
  completionRate: rate,
  overallStreak: z.number().int().describe('Days in a row with every scheduled mission done'),
});

export const celebrationSchema = z.object({
  id: z.uuid(),
  missionId: z.string(),
  milestone: documented(z.literal([...MILESTONES]), { type: 'integer', enum: [...MILESTONES], description: 'Days in a row the streak reached' }),
  text: z.string(),
  source: z.enum(['AI', 'FALLBACK']),
  createdOn: day,
  createdAt: z.iso.datetime(),
});

export const checkOffSchema = z.object({
  missionId: z.string(),
  date: day,
  done: z.boolean(),
  changed: z.boolean().describe('False when the day already was in that state'),
  currentStreak: z.number().int(),
  bestStreak: z.number().int(),
  today: z.object({ completedCount: z.number().int(), totalCount: z.number().int(), completionRate: rate }),
  celebration: celebrationSchema.nullable().describe('Set when this check-off reached a 3, 7, 21 or 66-day streak'),
});

const totals = { scheduled: z.number().int(), completed: z.number().int(), completionRate: rate };

export const progressSchema = z.object({
  period: z.object({ from: day, to: day, today: day, timeZone: z.literal('Asia/Seoul') }),
  overall: z.object({ ...totals, currentStreak: z.number().int(), bestStreak: z.number().int() }),
  days: z.array(z.object({ date: day, ...totals })),
  weeks: z.array(z.object({ weekStart: day, days: z.number().int(), ...totals })),
  months: z.array(
    z.object({
      month: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .describe('YYYY-MM'),
      days: z.number().int(),
      ...totals,
    }),
  ),
  missions: z.array(
    z.object({
      missionId: z.string(),
      title: z.string(),
      category: z.enum(CATEGORIES),
      difficulty: z.enum(DIFFICULTIES),
      source: z.enum(['CATALOGUE', 'RECOMMENDATION']),
      active: z.boolean(),
      scheduledDays: z.number().int(),
      completedDays: z.number().int(),
      completionRate: rate,
      currentStreak: z.number().int(),
      bestStreak: z.number().int(),
      lastCompletedOn: day.nullable(),
    }),
  ),
  chart: z.object({
    daily: z.object({ labels: z.array(day), completionRate: z.array(rate), completed: z.array(z.number().int()), scheduled: z.array(z.number().int()) }),
    weekly: z.object({ labels: z.array(day), completionRate: z.array(rate) }),
    byMission: z.object({ labels: z.array(z.string()), missionIds: z.array(z.string()), completionRate: z.array(rate) }),
  }),
  celebrations: z.array(celebrationSchema),
  goalSets: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['ACTIVE', 'REPLACED', 'RESET']),
      startedOn: day,
      endedOn: day.nullable(),
      endReason: z.enum(RESET_REASONS).nullable(),
      missions: z.array(z.object({ missionId: z.string(), title: z.string(), category: z.enum(CATEGORIES) })),
    }),
  ),
});

export const resetSchema = z.object({
  endedGoalSetId: z.uuid(),
  endedOn: day,
  reason: z.enum(RESET_REASONS),
  recommendations: z.object({
    recommendationSetId: z.string().nullable(),
    intelligenceAvailable: z.boolean(),
    missions: z.array(catalogueMissionSchema.extend({ source: z.enum(['CATALOGUE', 'RECOMMENDATION']) })),
  }),
});

export const factsPageSchema = z.object({
  today: day,
  users: z.array(
    z.object({
      userId: z.uuid(),
      goalSetId: z.uuid(),
      goalSetStartedOn: day,
      activeMissions: z.array(
        z.object({
          missionId: z.string(),
          title: z.string(),
          category: z.enum(CATEGORIES),
          difficulty: z.enum(DIFFICULTIES),
          minutes: z.number().int(),
          doneToday: z.boolean(),
          currentStreak: z.number().int(),
        }),
      ),
      activeMissionCount: z.number().int(),
      completedToday: z.number().int(),
      completionRate7d: rate,
      window7d: z.object({ from: day, to: day }),
      consecutiveMissedDays: z.number().int(),
      lastActivityDate: day.nullable(),
      currentStreak: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
