import { z } from 'zod';
import { CONSENT_PURPOSES } from './consents.js';

/**
 * Every event that crosses a process, in one place: the topic and pub/sub component it travels
 * on, who publishes and who consumes it, its payload schema, its name and version, and realistic
 * examples. Producers type what they publish with `EventData<…>` (the outbox or the publisher adds
 * `eventId`); consumers parse with `schema`. From these declarations `contracts/scripts/generate.mjs`
 * writes the AsyncAPI document and one JSON Schema per event (`contracts/schemas/<type>.json`),
 * which services in other languages validate against.
 *
 * The CloudEvent `type` of every event is `<name>.v<version>` (e.g.
 * `healthsync.goal.mission-completed.v1`). A change that could break a consumer — a field
 * removed or renamed, a type, format, bound or set of values changed, a field made required or
 * optional — needs a new version; only new optional fields and new descriptions are compatible
 * (docs/decisions/016-event-and-route-contracts.md). The generator refuses a breaking change to a
 * committed schema that keeps its version, and so does `npm test`.
 */

/** Publish metadata that sets the CloudEvent `type` Dapr wraps a payload in (a Dapr publish metadata override). */
export const CLOUDEVENT_TYPE_METADATA = 'cloudevent.type';

/** The pub/sub components events travel on (component names are the contract, decision 001). */
export type EventPubsub = 'events' | 'usage-stream';

/** App ids, as Dapr knows them. */
export type AppId = 'user' | 'health' | 'goal' | 'intelligence' | 'batch' | 'usage-analytics';

export interface EventContract<S extends z.ZodType = z.ZodType> {
  /** Domain event name: `healthsync.<producer>.<event>`. */
  name: string;
  version: number;
  /** The CloudEvent `type`: `<name>.v<version>`. */
  type: string;
  pubsub: EventPubsub;
  topic: string;
  producer: AppId;
  /**
   * Apps that may publish the same event again, unchanged in type and meaning, besides its producer
   * (the batch service replays a dead-lettered `user-deleted`); each says why in `description`.
   */
  republishers?: AppId[];
  /** The apps that subscribe to it (each one's component tests deliver every example). */
  consumers: AppId[];
  /** One line for the document. */
  summary: string;
  description: string;
  /** The payload (the CloudEvent `data`), `eventId` included. */
  schema: S;
  /** The broker metadata the producer sets, and why (documented, e.g. the partition key). */
  partitionKey?: string;
  /** Realistic payloads; each must parse with `schema` and be accepted by every consumer. */
  examples: { name: string; summary: string; payload: z.output<S> }[];
}

/** What a producer gives: the payload without the `eventId` the outbox or publisher adds. */
export type EventData<C extends EventContract> = Omit<z.output<C['schema']>, 'eventId'>;
/** What a consumer gets after parsing. */
export type EventPayload<C extends EventContract> = z.output<C['schema']>;

function eventContract<S extends z.ZodType>(spec: Omit<EventContract<S>, 'type'>): EventContract<S> {
  return { ...spec, type: `${spec.name}.v${spec.version}` };
}

// ── shared pieces ─────────────────────────────────────────────────────────────────────────
const eventId = z.uuid().describe('The event’s id, also its CloudEvent id: consumers dedupe redeliveries on it');
const userId = z.uuid().describe('The user (account id)');
const occurredAt = z.iso.datetime({ offset: true }).describe('When the change happened (ISO 8601 instant, UTC)');
const seoulDay = (description: string) => z.iso.date().describe(`${description} (a calendar day in Asia/Seoul, YYYY-MM-DD)`);
const count = z.number().int().min(0);

/** Occupations the app offers (the onboarding form's choices); the AI tailors advice to them. */
export const OCCUPATIONS = [
  'OFFICE_WORKER',
  'IT_PROFESSIONAL',
  'MANUAL_WORKER',
  'DRIVER',
  'HEALTHCARE_WORKER',
  'EDUCATOR',
  'SERVICE_WORKER',
  'SELF_EMPLOYED',
  'STUDENT',
  'HOMEMAKER',
  'RETIRED',
  'OTHER',
] as const;
export const MISSION_CATEGORIES = ['exercise', 'diet', 'sleep', 'stress', 'lifestyle'] as const;
export const MISSION_DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const MISSION_SOURCES = ['CATALOGUE', 'RECOMMENDATION'] as const;
export const RESET_REASONS = ['TOO_HARD', 'TOO_EASY', 'NO_TIME', 'NOT_RELEVANT', 'HEALTH_CHANGED', 'OTHER'] as const;
/** The AI features, each with its own prompt (and so its own usage figures). */
export const AI_FEATURES = ['diagnosis', 'recommendations', 'chat', 'nudge', 'celebration'] as const;
/** How a model call ended: SUCCESS, or why it failed. */
export const AI_CALL_OUTCOMES = [
  'SUCCESS',
  'RATE_LIMITED',
  'OVERLOADED',
  'SERVER_ERROR',
  'TIMEOUT',
  'CONNECTION',
  'CLIENT_ERROR',
  'CIRCUIT_OPEN',
  'ABORTED',
  'STREAM_INTERRUPTED',
] as const;

// Fixed ids of the examples: one user's story, told in order (a consumer test may deliver them so).
const MINJI = '3f2b8c1e-7d4a-4e6b-9a1c-5d8e2f4b6a10';
const SET_1 = '8a6f2d4c-1b3e-4f5a-8c7d-9e0f1a2b3c4d';

/** Why an account was erased (the user-deleted event and the user service's tombstone). */
export const DELETION_REASONS = ['SELF_SERVICE', 'RETENTION'] as const;
export type DeletionReason = (typeof DELETION_REASONS)[number];

// ── user ──────────────────────────────────────────────────────────────────────────────────
const profileFacts = z
  .object({
    name: z
      .string()
      .min(1)
      .max(50)
      .nullable()
      .optional()
      .describe(
        'The name on the profile; only the health service reads it (NHIS records are linked only for this person). Absent in events older than the field',
      ),
    birthDate: z.iso.date().nullable().describe('YYYY-MM-DD'),
    sex: z.enum(['M', 'F']).nullable(),
    occupation: z.enum(OCCUPATIONS).nullable(),
  })
  .describe('The profile facts other services need (never the email or picture)');

const profileEvent = <T extends string>(type: T) =>
  z.object({ eventId, type: z.literal(type), userId, occurredAt, profile: profileFacts }).describe('The profile after the change');

const minjiProfile = { name: '김민지', birthDate: '1988-04-12', sex: 'F' as const, occupation: 'OFFICE_WORKER' as const };

export const userRegistered = eventContract({
  name: 'healthsync.user.user-registered',
  version: 1,
  pubsub: 'events',
  topic: 'user-registered',
  producer: 'user',
  consumers: ['health'],
  summary: 'A user completed onboarding: the profile now has every fact the judging rules and the AI need',
  description: 'Published once per account, when its status becomes ACTIVE.',
  schema: profileEvent('UserRegistered'),
  examples: [
    {
      name: 'onboarded',
      summary: 'Minji finished the onboarding form',
      payload: {
        eventId: '0b8e6f43-5c2a-4d71-9e3b-1f6a2c8d4e51',
        type: 'UserRegistered',
        userId: MINJI,
        occurredAt: '2026-11-24T03:00:00.000Z',
        profile: minjiProfile,
      },
    },
  ],
});

export const userProfileChanged = eventContract({
  name: 'healthsync.user.user-profile-changed',
  version: 1,
  pubsub: 'events',
  topic: 'user-profile-changed',
  producer: 'user',
  consumers: ['health'],
  summary: 'An active user edited their profile',
  description: 'Carries the whole profile after the change, so a consumer needs no earlier event.',
  schema: profileEvent('UserProfileChanged'),
  examples: [
    {
      name: 'occupation-changed',
      summary: 'Minji changed jobs',
      payload: {
        eventId: '5a1d7c29-3e84-4b6f-a0d2-7c9e1b3f5a62',
        type: 'UserProfileChanged',
        userId: MINJI,
        occurredAt: '2026-11-25T09:30:00.000Z',
        profile: { ...minjiProfile, occupation: 'IT_PROFESSIONAL' },
      },
    },
  ],
});

export const userDeleted = eventContract({
  name: 'healthsync.user.user-deleted',
  version: 1,
  pubsub: 'events',
  topic: 'user-deleted',
  producer: 'user',
  consumers: ['health', 'goal', 'intelligence', 'batch'],
  summary: 'A user deleted their account: every service erases what it holds about them',
  republishers: ['batch'],
  description:
    'Erasure must be idempotent: the same event may be delivered more than once. Every consumer records the erasure first and ' +
    'finishes it whatever is down (docs/decisions/013-erasure-always-completes.md). When one is dead-lettered (a consumer could not ' +
    'even record it), the batch service publishes it again after a growing delay, as a new event with `replayOf` and `replay` set ' +
    '(CloudEvent source `batch`); a consumer handles it like the original.',
  schema: z.object({
    eventId,
    type: z.literal('UserDeleted'),
    userId,
    occurredAt,
    replayOf: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('On a replay by the batch service: the id of the first user-deleted event of this erasure that was dead-lettered'),
    replay: z.number().int().min(1).optional().describe('On a replay by the batch service: which replay this is (1, 2, …)'),
    reason: z
      .enum(DELETION_REASONS)
      .optional()
      .describe(
        'Why the account was erased: SELF_SERVICE (the user deleted it) or RETENTION (inactive for the retention period after a notice). ' +
          'Every consumer erases the same way whatever the reason. Absent in events older than the field',
      ),
  }),
  examples: [
    {
      name: 'deleted',
      summary: 'Minji deleted her account',
      payload: {
        eventId: 'e2c4a6b8-0d1f-4e3a-9b5c-7d9f1a3c5e70',
        type: 'UserDeleted',
        userId: MINJI,
        occurredAt: '2026-12-20T11:00:00.000Z',
        reason: 'SELF_SERVICE',
      },
    },
    {
      name: 'retention',
      summary: 'An account nobody used for a year, erased 30 days after its notice',
      payload: {
        eventId: 'c7e9a1b3-5d7f-4b9d-8f1a-3b5d7f9b1d24',
        type: 'UserDeleted',
        userId: '6d2a8f4c-0b1e-4c3d-9e5f-7a8b9c0d1e2f',
        occurredAt: '2027-12-24T00:00:05.000Z',
        reason: 'RETENTION',
      },
    },
  ],
});

export const inactiveAccountNotice = eventContract({
  name: 'healthsync.user.inactive-account-notice',
  version: 1,
  pubsub: 'events',
  topic: 'inactive-account-notice',
  producer: 'user',
  consumers: ['batch'],
  summary: 'An account has not been used for a long time: tell its owner it will be erased unless they come back',
  description:
    'Published once per period of inactivity by the user service’s daily retention job (docs/decisions/022-inactive-account-retention.md), ' +
    'the retention lead time before the erasure. The batch service turns it into an inbox message and a push (quiet hours and opt-out ' +
    'honoured as for every push). Signing in or refreshing a session before `erasureAt` cancels the erasure.',
  schema: z.object({
    eventId,
    type: z.literal('InactiveAccountNotice'),
    userId,
    occurredAt,
    lastActiveAt: z.iso.datetime({ offset: true }).describe('The last sign-in or session refresh the user service saw'),
    erasureAt: z.iso.datetime({ offset: true }).describe('The earliest time the account is erased if the user does not come back'),
    inactiveDays: z.number().int().min(1).describe('The retention period of the policy in force, in days of inactivity'),
  }),
  examples: [
    {
      name: 'notice',
      summary: 'Thirty days before a year of inactivity',
      payload: {
        eventId: 'd8f0b2c4-6e8a-4c0e-9a2c-4c6e8a0c2e35',
        type: 'InactiveAccountNotice',
        userId: '6d2a8f4c-0b1e-4c3d-9e5f-7a8b9c0d1e2f',
        occurredAt: '2027-11-24T00:00:04.000Z',
        lastActiveAt: '2026-12-24T09:12:00.000Z',
        erasureAt: '2027-12-24T09:12:00.000Z',
        inactiveDays: 365,
      },
    },
  ],
});

export const consentWithdrawn = eventContract({
  name: 'healthsync.user.consent-withdrawn',
  version: 1,
  pubsub: 'events',
  topic: 'consent-withdrawn',
  producer: 'user',
  consumers: ['health', 'intelligence'],
  summary: 'A user withdrew a consent: what was collected under it must be destroyed without delay',
  description:
    'Published with the withdrawal (same transaction, through the outbox). For HEALTH_DATA the health service destroys the checkups, ' +
    'their result sheets and raw payloads (Blob), and the NHIS link state, keeping the access audit; intelligence destroys the readings ' +
    'and recommendations derived from them. Consumers record the destruction first and finish it whatever is down; a redelivery is ' +
    'recognised by `occurredAt` (docs/decisions/022-inactive-account-retention.md).',
  schema: z.object({
    eventId,
    type: z.literal('ConsentWithdrawn'),
    userId,
    occurredAt,
    purpose: z.enum(CONSENT_PURPOSES).describe('The consent withdrawn'),
  }),
  examples: [
    {
      name: 'health-data',
      summary: 'Minji withdrew her consent to the collection of health information',
      payload: {
        eventId: 'f1a3c5e7-9b1d-4f3a-8c5e-7a9c1e3a5c46',
        type: 'ConsentWithdrawn',
        userId: MINJI,
        occurredAt: '2026-12-05T02:00:00.000Z',
        purpose: 'HEALTH_DATA',
      },
    },
    {
      name: 'ai-transfer',
      summary: 'Minji withdrew her consent to the transfer abroad (nothing is destroyed: it covered sending, not storing)',
      payload: {
        eventId: 'a2b4c6d8-0e2a-4c4e-9a6c-8e0a2c4e6a57',
        type: 'ConsentWithdrawn',
        userId: MINJI,
        occurredAt: '2026-12-05T02:01:00.000Z',
        purpose: 'AI_OVERSEAS_TRANSFER',
      },
    },
  ],
});

// ── health ────────────────────────────────────────────────────────────────────────────────
export const healthCheckupImported = eventContract({
  name: 'healthsync.health.health-checkup-imported',
  version: 1,
  pubsub: 'events',
  topic: 'health-checkup-imported',
  producer: 'health',
  consumers: ['intelligence'],
  summary: 'New NHIS checkups were imported for a user: readings and recommendations based on the old record are stale',
  description: 'Only checkups not imported before are listed; an import that found nothing new publishes nothing.',
  schema: z.object({
    eventId,
    type: z.literal('HealthCheckupImported'),
    userId,
    occurredAt,
    checkupIds: z.array(z.uuid()).min(1).describe('The newly stored checkups'),
  }),
  examples: [
    {
      name: 'two-checkups',
      summary: 'Two years of checkups linked from NHIS',
      payload: {
        eventId: '7f3e1d5c-9b2a-4c8e-b6d4-2a0f8e6c4b31',
        type: 'HealthCheckupImported',
        userId: MINJI,
        occurredAt: '2026-11-24T03:05:12.345Z',
        checkupIds: ['1c3e5a7b-9d0f-4b2d-8e4f-6a8c0e2a4c61', '2d4f6b8c-0e1a-4c3e-9f5a-7b9d1f3b5d72'],
      },
    },
  ],
});

// ── goal ──────────────────────────────────────────────────────────────────────────────────
const goalBase = { eventId, userId, occurredAt };
const missionCheck = <T extends string>(type: T) =>
  z.object({
    ...goalBase,
    type: z.literal(type),
    goalSetId: z.uuid(),
    missionId: z.string().min(1),
    date: seoulDay('The day checked off or undone (today or yesterday)'),
    currentStreak: count.describe('The mission’s current streak after the change, in days'),
    dateTotals: z.object({ scheduled: count, completed: count }).describe('That day’s totals after the change, over all missions scheduled that day'),
    activeMissionCount: count.describe('The user’s active missions after the change'),
  });

export const goalSet = eventContract({
  name: 'healthsync.goal.goal-set',
  version: 1,
  pubsub: 'events',
  topic: 'goal-set',
  producer: 'goal',
  consumers: ['batch'],
  summary: 'A user chose a new set of daily missions (replacing the previous set, if any)',
  description: 'The missions are a snapshot of what was chosen; the mission titles are the app’s, never text the user typed.',
  schema: z.object({
    ...goalBase,
    type: z.literal('GoalSet'),
    goalSetId: z.uuid(),
    previousGoalSetId: z.uuid().nullable().describe('The set this one replaced, or null'),
    startedOn: seoulDay('The day the set starts'),
    missions: z
      .array(
        z.object({
          missionId: z.string().min(1),
          title: z.string(),
          category: z.enum(MISSION_CATEGORIES),
          difficulty: z.enum(MISSION_DIFFICULTIES),
          minutes: count,
          source: z.enum(MISSION_SOURCES),
        }),
      )
      .min(1),
  }),
  examples: [
    {
      name: 'first-set',
      summary: 'Minji chose two missions from the catalogue',
      payload: {
        eventId: '9d1b3f5a-7c2e-4a4c-8e6a-0b2d4f6a8c93',
        type: 'GoalSet',
        userId: MINJI,
        occurredAt: '2026-11-24T03:10:00.000Z',
        goalSetId: SET_1,
        previousGoalSetId: null,
        startedOn: '2026-11-24',
        missions: [
          { missionId: 'cat-ex-lunch-walk', title: '점심시간 15분 산책', category: 'exercise', difficulty: 'easy', minutes: 15, source: 'CATALOGUE' },
          { missionId: 'cat-di-water', title: '물 8잔 마시기', category: 'diet', difficulty: 'easy', minutes: 5, source: 'CATALOGUE' },
        ],
      },
    },
  ],
});

export const missionCompleted = eventContract({
  name: 'healthsync.goal.mission-completed',
  version: 1,
  pubsub: 'events',
  topic: 'mission-completed',
  producer: 'goal',
  consumers: ['batch'],
  summary: 'A mission was checked off for a day',
  description: 'Published only when the check-off changed something (checking off twice publishes once).',
  schema: missionCheck('MissionCompleted'),
  examples: [
    {
      name: 'walk-done',
      summary: 'Minji walked after lunch: one of her two missions done today',
      payload: {
        eventId: '4e6a8c0e-2b4d-4f6b-9d8f-1a3c5e7a9c04',
        type: 'MissionCompleted',
        userId: MINJI,
        occurredAt: '2026-11-24T04:20:00.000Z',
        goalSetId: SET_1,
        missionId: 'cat-ex-lunch-walk',
        date: '2026-11-24',
        currentStreak: 1,
        dateTotals: { scheduled: 2, completed: 1 },
        activeMissionCount: 2,
      },
    },
  ],
});

export const missionUndone = eventContract({
  name: 'healthsync.goal.mission-undone',
  version: 1,
  pubsub: 'events',
  topic: 'mission-undone',
  producer: 'goal',
  consumers: ['batch'],
  summary: 'A check-off was taken back',
  description: 'Published only when a check-off was removed.',
  schema: missionCheck('MissionUndone'),
  examples: [
    {
      name: 'walk-undone',
      summary: 'Minji tapped the walk by mistake and undid it',
      payload: {
        eventId: '6b8d0f2a-4c6e-4a8c-8f0b-3c5e7a9c1e15',
        type: 'MissionUndone',
        userId: MINJI,
        occurredAt: '2026-11-24T04:21:00.000Z',
        goalSetId: SET_1,
        missionId: 'cat-ex-lunch-walk',
        date: '2026-11-24',
        currentStreak: 0,
        dateTotals: { scheduled: 2, completed: 0 },
        activeMissionCount: 2,
      },
    },
  ],
});

export const missionsReset = eventContract({
  name: 'healthsync.goal.missions-reset',
  version: 1,
  pubsub: 'events',
  topic: 'missions-reset',
  producer: 'goal',
  consumers: ['batch'],
  summary: 'A user ended their missions without choosing new ones yet',
  description: 'The free-text note a user may give with the reason is never published.',
  schema: z.object({
    ...goalBase,
    type: z.literal('MissionsReset'),
    goalSetId: z.uuid(),
    endedOn: seoulDay('The day the set ended'),
    reason: z.enum(RESET_REASONS),
    missionIds: z.array(z.string().min(1)).describe('The missions of the ended set'),
  }),
  examples: [
    {
      name: 'too-hard',
      summary: 'Minji found the missions too hard',
      payload: {
        eventId: '8c0e2a4c-6e8a-4c0e-9a2c-5e7a9c1e3a26',
        type: 'MissionsReset',
        userId: MINJI,
        occurredAt: '2026-12-01T12:00:00.000Z',
        goalSetId: SET_1,
        endedOn: '2026-12-01',
        reason: 'TOO_HARD',
        missionIds: ['cat-ex-lunch-walk', 'cat-di-water'],
      },
    },
  ],
});

/** Streak lengths the goal service celebrates (services/goal/src/domain/milestones.ts). */
export const STREAK_MILESTONES = [3, 7, 21, 66] as const;

export const celebrationEarned = eventContract({
  name: 'healthsync.goal.celebration-earned',
  version: 1,
  pubsub: 'events',
  topic: 'celebration-earned',
  producer: 'goal',
  consumers: ['batch'],
  summary: 'A user earned a celebration (a mission’s streak reached a milestone): it becomes an inbox message and a push',
  description:
    'Published once per celebration, after its text is final (the AI’s, or the rule-based one marked FALLBACK when the AI did not write it ' +
    'in time, the user has not consented to the transfer abroad, or the text was unusable). The batch service makes it an inbox message ' +
    '(once per event id) and pushes it like every inbox message, honouring quiet hours and opt-out. The text is the app’s or the AI’s, ' +
    'never text the user typed.',
  schema: z.object({
    ...goalBase,
    type: z.literal('CelebrationEarned'),
    celebrationId: z.uuid().describe('The celebration (one per mission, milestone and streak)'),
    kind: z.literal('STREAK_MILESTONE').describe('What was celebrated'),
    missionId: z.string().min(1),
    milestone: z.literal([...STREAK_MILESTONES]).describe('The streak length reached, in days'),
    earnedOn: seoulDay('The day the streak reached the milestone'),
    text: z.string().min(1).max(100).describe('The celebration as the user sees it (at most 100 characters)'),
    source: z.enum(['AI', 'FALLBACK']).describe('Who wrote the text: the AI, or the rule-based fallback'),
  }),
  examples: [
    {
      name: 'three-day-walk',
      summary: 'Minji walked after lunch three days in a row',
      payload: {
        eventId: 'c3e5a7c9-1e3a-4c5e-8a7c-9e1a3c5e7a48',
        type: 'CelebrationEarned',
        userId: MINJI,
        occurredAt: '2026-11-26T04:20:03.512Z',
        celebrationId: 'd4f6b8d0-2f4b-4d6f-9b8d-0f2b4d6f8b59',
        kind: 'STREAK_MILESTONE',
        missionId: 'cat-ex-lunch-walk',
        milestone: 3,
        earnedOn: '2026-11-26',
        text: '🎉 점심 산책 3일 연속 달성! 좋은 습관이 시작됐어요. 내일도 함께 걸어요.',
        source: 'AI',
      },
    },
  ],
});

// ── intelligence (usage stream) ───────────────────────────────────────────────────────────
export const aiModelCalled = eventContract({
  name: 'healthsync.intelligence.ai-model-called',
  version: 1,
  pubsub: 'usage-stream',
  topic: 'ai-usage',
  producer: 'intelligence',
  consumers: ['usage-analytics'],
  summary: 'One attempt of one call to the AI model, successful or not: what it cost and how long it took',
  description:
    'High-volume telemetry on the `usage-stream` component (Event Hubs in Azure), fire-and-forget: an event that cannot be published is ' +
    'counted and dropped, never retried, so aggregates are a lower bound. Cost = input and output tokens at the model’s price.',
  partitionKey: 'userId: one user’s events stay in order on a partitioned broker',
  schema: z.object({
    eventId,
    type: z.literal('AiModelCalled'),
    occurredAt,
    userId: z.string().min(1).max(128).describe('The user the call was for'),
    feature: z.enum(AI_FEATURES),
    promptVersion: z.string().min(1).describe('The prompt template’s version, e.g. diagnosis-v2'),
    model: z.string().min(1).describe('The model id, e.g. claude-sonnet-4-5'),
    attempt: z.number().int().min(1).describe('1 for the first attempt, more for retries of the same call'),
    streamed: z.boolean(),
    inputTokens: count,
    outputTokens: count,
    latencyMs: count.describe('From the start of the attempt to its end'),
    outcome: z.enum(AI_CALL_OUTCOMES),
    status: z.number().int().min(100).max(599).optional().describe('The HTTP status the model API answered, when the attempt failed with one'),
    batched: z
      .boolean()
      .optional()
      .describe(
        'True for a request of a Message Batch (billed at half the standard price; `latencyMs` is then the batch’s processing time). Absent: the per-message API',
      ),
  }),
  examples: [
    {
      name: 'diagnosis',
      summary: 'A reading of Minji’s checkup, answered at the first attempt',
      payload: {
        eventId: 'a1c3e5a7-9c1e-4a3c-8e5a-7c9e1a3c5e37',
        type: 'AiModelCalled',
        occurredAt: '2026-11-24T03:06:02.120Z',
        userId: MINJI,
        feature: 'diagnosis',
        promptVersion: 'diagnosis-v2',
        model: 'claude-sonnet-4-5',
        attempt: 1,
        streamed: false,
        inputTokens: 1834,
        outputTokens: 612,
        latencyMs: 4210,
        outcome: 'SUCCESS',
      },
    },
    {
      name: 'overloaded',
      summary: 'A chat answer whose first attempt the API refused as overloaded (529)',
      payload: {
        eventId: 'b2d4f6b8-0d2f-4b4d-9f6b-8d0f2b4d6f48',
        type: 'AiModelCalled',
        occurredAt: '2026-11-24T05:00:00.500Z',
        userId: MINJI,
        feature: 'chat',
        promptVersion: 'chat-v1',
        model: 'claude-sonnet-4-5',
        attempt: 1,
        streamed: true,
        inputTokens: 0,
        outputTokens: 0,
        latencyMs: 230,
        outcome: 'OVERLOADED',
        status: 529,
      },
    },
    {
      name: 'batched-nudge',
      summary: 'Minji’s morning nudge, one request of the night’s Message Batch (half price; latency is the batch’s processing time)',
      payload: {
        eventId: '7e0a5c1d-3b9f-5d2e-8a4c-6f1b3d5e7a90',
        type: 'AiModelCalled',
        occurredAt: '2026-11-24T22:41:07.031Z',
        userId: MINJI,
        feature: 'nudge',
        promptVersion: 'nudge-v1',
        model: 'claude-haiku-4-5',
        attempt: 1,
        streamed: false,
        inputTokens: 412,
        outputTokens: 58,
        latencyMs: 1_954_200,
        outcome: 'SUCCESS',
        batched: true,
      },
    },
  ],
});

/** Every event contract, in the order the documents list them. */
export const eventContracts = {
  userRegistered,
  userProfileChanged,
  userDeleted,
  inactiveAccountNotice,
  consentWithdrawn,
  healthCheckupImported,
  goalSet,
  missionCompleted,
  missionUndone,
  missionsReset,
  celebrationEarned,
  aiModelCalled,
} as const;

export const allEventContracts: readonly EventContract[] = Object.values(eventContracts);

/** The contract of what is published on a component's topic (one event per topic). */
export function contractOfTopic(pubsub: string, topic: string): EventContract | undefined {
  return allEventContracts.find((c) => c.pubsub === pubsub && c.topic === topic);
}

/** The contracts an app publishes or subscribes to. */
export function contractsProducedBy(app: AppId): EventContract[] {
  return allEventContracts.filter((c) => c.producer === app);
}
export function contractsConsumedBy(app: AppId): EventContract[] {
  return allEventContracts.filter((c) => c.consumers.includes(app));
}

/**
 * The dead-letter topic: where Dapr puts an event whose deliveries were exhausted. Its payload is
 * the original event's data, whatever its contract; the batch service records each one.
 */
export const DEAD_LETTER_TOPIC = 'dead-letters';
