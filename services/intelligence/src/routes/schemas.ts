import { consentResponses } from '@healthsync/shared';
import { z } from 'zod';
import { FALLBACK_REASONS } from '../domain/outcome.js';
import { DIFFICULTIES, MISSION_CATEGORIES } from '../domain/missions.js';

/** The AI features send health information to the AI provider abroad: both consents are needed. */
export const AI_CONSENTS = ['HEALTH_DATA', 'AI_OVERSEAS_TRANSFER'] as const;

/** 403 without the consents; 503 when the health record or the consents cannot be read. */
export const aiGuarded = {
  403: consentResponses(AI_CONSENTS)[403],
  503: {
    description: 'The health record or the consents are unavailable right now; Retry-After says when to retry',
    codes: {
      HEALTH_DATA_UNAVAILABLE: 'The health record is unavailable right now (the health service did not answer); try again shortly.',
      ...consentResponses(AI_CONSENTS)[503].codes,
    },
    headers: { 'Retry-After': 'Seconds to wait' },
  },
};

/** Response shapes, for the OpenAPI document (the gateway serves it at /api/docs). */
const source = z.enum(['AI', 'FALLBACK']).describe('Whether the model wrote the answer (AI) or the rules did (FALLBACK)');
const fallbackReason = z.enum(FALLBACK_REASONS).nullable().describe('Why the answer is a fallback; null for AI answers');

export const diagnosisSchema = z.object({
  examDate: z.iso.date().nullable(),
  lines: z
    .array(
      z.object({
        kind: z.enum(['OVERALL', 'MAIN_RISK', 'OCCUPATION']),
        text: z.string(),
        itemCodes: z.array(z.string()).describe('The checkup items (health item codes) this line is about'),
      }),
    )
    .length(3),
  healthScore: z.number().int().min(0).max(100),
  riskLevel: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  riskLevelLabel: z.enum(['낮음', '보통', '높음']),
  source,
  fallbackReason,
  cached: z.boolean(),
  promptVersion: z.string(),
  generatedAt: z.iso.datetime(),
});

export const missionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  category: z.enum(MISSION_CATEGORIES),
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.number().int().min(15).max(30),
  benefit: z.string(),
  occupationFit: z.string(),
  targetItems: z.array(z.string()).describe('Codes of the flagged checkup items the mission targets'),
});

export const recommendationSchema = z.object({
  recommendationSetId: z.uuid(),
  reason: z.string(),
  missions: z.array(missionSchema).length(5),
  source,
  fallbackReason,
  cached: z.boolean(),
  promptVersion: z.string(),
  createdAt: z.iso.datetime(),
});

export const sessionSchema = z.object({
  id: z.uuid(),
  title: z.string().nullable().describe('The start of the first message'),
  createdAt: z.iso.datetime(),
  lastMessageAt: z.iso.datetime().nullable(),
});

export const messageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  createdAt: z.iso.datetime(),
  source: source.nullable(),
  fallbackReason,
  emergency: z.enum(['CARDIAC', 'STROKE', 'SELF_HARM']).nullable(),
  suggestedQuestions: z.array(z.string()).nullable(),
});

export const emergencySchema = z
  .object({ kind: z.enum(['CARDIAC', 'STROKE', 'SELF_HARM']), guidance: z.string() })
  .nullable()
  .describe('Set when the message described an emergency; the answer then starts with this guidance');

export const replySchema = z.object({
  sessionId: z.uuid(),
  userMessage: messageSchema,
  reply: messageSchema,
  suggestedQuestions: z.array(z.string()).length(3),
  source,
  fallbackReason,
  emergency: emergencySchema,
  context: z.enum(['AVAILABLE', 'NO_CHECKUP', 'UNAVAILABLE']).describe('Whether the answer could use the user’s checkup'),
  numbersRemoved: z
    .array(z.string())
    .describe(
      'Numbers the answer stated about the user that are not in their record: asked again once, then removed with their sentences (the answer says so); [] normally',
    ),
});

export const sseDescription = [
  'Server-sent events, when the request says `Accept: text/event-stream`:',
  '`meta` {sessionId, userMessageId, emergency, context};',
  '`token` {index, text}, in order (emergency guidance first when there is any);',
  '`error` {code, detail} if the answer broke off, or with code `UNGROUNDED_NUMBER` when a sentence stated a number about the user that is not in their record (that sentence is never sent; the answer is written again);',
  '`done` {reply, suggestedQuestions, source, fallbackReason, emergency, numbersRemoved}: `reply.content` is always the whole answer.',
].join(' ');

export const historySchema = sessionSchema.extend({
  messages: z.array(messageSchema).describe('Oldest first within the page'),
  totalMessages: z.number().int(),
  nextCursor: z.string().nullable().describe('Opaque; pass as `cursor` for older messages; null on the oldest page'),
});

export const sessionListSchema = z.object({
  items: z.array(sessionSchema),
  nextCursor: z.string().nullable().describe('Opaque; pass as `cursor` for the next page; null on the last page'),
});
