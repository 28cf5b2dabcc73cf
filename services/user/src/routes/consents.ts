import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  consentQueryAnswerSchema,
  consentQuerySchema,
  consentStateSchema,
  consentStatusSchema,
  consentVersionSchema,
  route,
  type RouteSpec,
} from '@healthsync/shared';
import { z } from 'zod';
import { CONSENT_NOTICES, WITHDRAWAL_DELETES, WITHDRAWAL_EFFECTS } from '../domain/consents.js';
import type { Consents } from '../handlers/consents.js';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

const withdrawalSchema = z
  .object({
    deletes: z.array(z.enum(WITHDRAWAL_DELETES)).describe('What is destroyed; empty when nothing stored depends on the consent'),
    summary: z.string(),
    summaryKo: z.string(),
  })
  .describe('What withdrawing the consent destroys (PIPA art. 21, 37): show it before the user confirms');
const consentViewSchema = consentStatusSchema.extend({
  notice: z.object({ version: consentVersionSchema, summary: z.string(), summaryKo: z.string() }),
  withdrawal: withdrawalSchema,
});
const consentsSchema = z.object({ consents: z.array(consentViewSchema) });
const decisionAnswerSchema = consentsSchema.extend({
  recorded: z.boolean().describe('false when the consent was already so: nothing new was recorded'),
  withdrawal: withdrawalSchema
    .nullable()
    .describe('For a withdrawal: what is being destroyed (the services do it at once, in the background); null for a grant'),
});
const historySchema = z.object({
  items: z.array(
    z.object({
      purpose: z.enum(CONSENT_PURPOSES),
      action: z.enum(['GRANT', 'WITHDRAW']),
      version: consentVersionSchema,
      channel: z.enum(CONSENT_CHANNELS),
      recordedAt: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const decisionBody = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    action: z.enum(['GRANT', 'WITHDRAW']),
    version: consentVersionSchema.optional().describe('The notice version shown to the user; required to GRANT (the current one)'),
    channel: z.enum(CONSENT_CHANNELS).describe('Where the user decided: APP (mobile) or WEB'),
  })
  .strict()
  .refine((b) => b.action !== 'GRANT' || b.version !== undefined, { message: 'version is required to GRANT', path: ['version'] });

const granted = (purpose: (typeof CONSENT_PURPOSES)[number], at: string) => ({
  purpose,
  granted: true,
  version: CONSENT_NOTICES[purpose].version,
  decidedAt: at,
  channel: 'APP' as const,
  notice: CONSENT_NOTICES[purpose],
  withdrawal: WITHDRAWAL_EFFECTS[purpose],
});
const consentsExample = {
  consents: [
    granted('HEALTH_DATA', '2026-12-02T01:10:00.000Z'),
    {
      purpose: 'AI_OVERSEAS_TRANSFER' as const,
      granted: false,
      version: null,
      decidedAt: null,
      channel: null,
      notice: CONSENT_NOTICES.AI_OVERSEAS_TRANSFER,
      withdrawal: WITHDRAWAL_EFFECTS.AI_OVERSEAS_TRANSFER,
    },
  ],
};
const historyExample = {
  items: [
    {
      purpose: 'AI_OVERSEAS_TRANSFER' as const,
      action: 'WITHDRAW' as const,
      version: '2026-12-01',
      channel: 'APP' as const,
      recordedAt: '2026-12-02T03:00:00.000Z',
    },
    {
      purpose: 'AI_OVERSEAS_TRANSFER' as const,
      action: 'GRANT' as const,
      version: '2026-12-01',
      channel: 'APP' as const,
      recordedAt: '2026-12-02T01:10:00.000Z',
    },
    { purpose: 'HEALTH_DATA' as const, action: 'GRANT' as const, version: '2026-12-01', channel: 'APP' as const, recordedAt: '2026-12-02T01:10:00.000Z' },
  ],
  nextCursor: null,
};

const accountGone = { 404: { description: 'The account was deleted meanwhile', codes: { ACCOUNT_NOT_FOUND: 'The account does not exist.' } } };

export function createConsentRoutes(consents: Consents): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/users/me/consents',
      operationId: 'getMyConsents',
      summary: 'The consents in force (health information; transfer abroad to the AI provider), each with its current notice',
      summaryKo: '내 개인정보 동의 현황',
      description:
        'PIPA: collecting health information (sensitive information) and transferring it abroad to the AI provider each need a separate, explicit consent. ' +
        'NHIS linking needs HEALTH_DATA; the AI reading, recommendations and chat need both. `notice` is the text to show and the version to send when granting.',
      tags: ['users'],
      access: 'user',
      responses: { 200: { description: 'Every consent, granted or not', schema: consentsSchema, example: consentsExample }, ...accountGone },
      async handler({ userId }) {
        return consents.current(userId);
      },
    }),
    route({
      method: 'post',
      path: '/api/users/me/consents',
      operationId: 'decideConsent',
      summary: 'Grant or withdraw one consent; each decision is recorded with its notice version, time and channel',
      summaryKo: '개인정보 동의·철회',
      description:
        'A grant must name the current notice version (`GET /api/users/me/consents`), else 400 VALIDATION_FAILED. ' +
        'Withdrawing stops the processing it covered from the next request on, and destroys what was collected under it without delay ' +
        '(HEALTH_DATA: the checkups, their sheets, the NHIS link records, and the AI readings and recommendations made from them; ' +
        'the access log is kept): `withdrawal` says what. Repeating the decision in force records nothing (`recorded: false`).',
      tags: ['users'],
      access: 'user',
      body: decisionBody,
      example: { body: { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version: '2026-12-01', channel: 'APP' } },
      responses: {
        200: {
          description: 'The consents in force after the decision',
          schema: decisionAnswerSchema,
          example: {
            recorded: true,
            consents: [consentsExample.consents[0], granted('AI_OVERSEAS_TRANSFER', '2026-12-02T01:10:05.000Z')],
            withdrawal: null,
          },
        },
        ...accountGone,
      },
      async handler({ userId, body }) {
        return consents.decide(userId, body);
      },
    }),
    route({
      method: 'get',
      path: '/api/users/me/consents/history',
      operationId: 'getMyConsentHistory',
      summary: 'Every consent decision, newest first, a page at a time',
      summaryKo: '개인정보 동의·철회 이력',
      tags: ['users'],
      access: 'user',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20).describe('Decisions per page'),
        cursor: z.string().max(64).optional().describe('`nextCursor` of the previous page'),
      }),
      example: { query: { limit: '20' } },
      responses: { 200: { description: 'One page of decisions', schema: historySchema, example: historyExample }, ...accountGone },
      async handler({ userId, query }) {
        return consents.history(userId, query.limit, query.cursor);
      },
    }),
    route({
      method: 'get',
      path: '/internal/users/:userId/consents',
      operationId: 'internalConsentState',
      summary: 'The consents in force for a user (health and intelligence ask before each processing that needs one)',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      example: { params: { userId: exampleUserId } },
      responses: {
        200: {
          description: 'Every purpose; an unknown or deleted account has granted nothing',
          schema: consentStateSchema,
          example: { userId: exampleUserId, consents: consentsExample.consents.map(({ notice: _notice, withdrawal: _withdrawal, ...status }) => status) },
        },
      },
      async handler({ params }) {
        return consents.stateFor(params.userId);
      },
    }),
    route({
      method: 'post',
      path: '/internal/consents/query',
      operationId: 'internalConsentQuery',
      summary: 'Who among many users holds a consent in force now (the batch service asks per chunk before writing AI texts)',
      tags: ['internal'],
      access: 'internal',
      body: consentQuerySchema,
      example: { body: { purpose: 'AI_OVERSEAS_TRANSFER', userIds: [exampleUserId, '7a1d2e3f-4b5c-4d6e-8f70-819293a4b5c6'] } },
      responses: {
        200: {
          description: 'The users of the query who hold the consent; every other one does not (an unknown or deleted account holds nothing)',
          schema: consentQueryAnswerSchema,
          example: { purpose: 'AI_OVERSEAS_TRANSFER', holders: [exampleUserId] },
        },
      },
      async handler({ body }) {
        return consents.holdersOf(body.purpose, body.userIds);
      },
    }),
  ];
}
