import { consentResponses, route, type ConsentCheck, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { CARRIER_NAMES, SIMPLE_AUTH_PROVIDER_NAMES } from '../domain/index.js';
import type { Linking } from '../handlers/links.js';
import { linkSchema } from './schemas.js';

const linkBody = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(50).describe('Name as registered with NHIS'),
    birthDate: z.iso.date('birthDate must be a date YYYY-MM-DD'),
    phone: z.string().regex(/^01[016789]-?\d{3,4}-?\d{4}$/, 'phone must be a Korean mobile number such as 010-1234-5678'),
    carrier: z.enum(CARRIER_NAMES).optional().describe('Mobile carrier (MVNOs: their host network); required for PASS'),
    provider: z.enum(SIMPLE_AUTH_PROVIDER_NAMES).describe('The simple-auth app the user approves in (간편인증)'),
  })
  .strict()
  .refine((body) => body.provider !== 'PASS' || body.carrier !== undefined, { message: 'carrier is required for PASS', path: ['carrier'] });

const linkParams = z.object({ id: z.uuid('id must be a link id') });
const linkMissing = { LINK_NOT_FOUND: 'There is no such NHIS link.' };
const nhisDown = { NHIS_UNAVAILABLE: 'NHIS cannot be reached right now; try again later.' };
const linkId = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const pendingLink = {
  id: linkId,
  state: 'PENDING_APPROVAL' as const,
  reason: null,
  provider: 'KAKAO',
  createdAt: '2026-12-02T06:58:03.114Z',
  expiresAt: '2026-12-02T07:01:03.114Z',
  closedAt: null,
  imported: null,
};
const importedLink = {
  ...pendingLink,
  state: 'IMPORTED' as const,
  closedAt: '2026-12-02T06:59:12.870Z',
  imported: { newCheckups: 2, alreadyImported: 0, checkupIds: ['8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6', '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9'] },
};

/** NHIS linking collects health information: it needs that consent, checked at each step. */
const NEEDED = ['HEALTH_DATA'] as const;

export function createLinkRoutes(linking: Linking, consents: ConsentCheck): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/health/nhis/links',
      operationId: 'startNhisLink',
      summary: 'Start linking NHIS checkups: the user is asked to approve in their simple-auth app',
      summaryKo: '건강보험공단 검진 연동 시작(간편인증 요청)',
      tags: ['health'],
      access: 'user',
      idempotent: true,
      body: linkBody,
      example: { body: { name: '김민지', birthDate: '1988-04-12', phone: '010-1234-5678', provider: 'KAKAO' } },
      responses: {
        201: {
          description: 'Waiting for the user’s approval (PENDING_APPROVAL)',
          schema: linkSchema,
          example: pendingLink,
          headers: { Location: 'The link, e.g. `/api/health/nhis/links/{id}`' },
        },
        400: { description: 'The input is not valid, or NHIS refused one of its values', codes: { VALIDATION_FAILED: 'The request is not valid.' } },
        403: {
          description:
            'The name or birth date is not the one on the user’s profile, or the user has not consented to the collection of health information (HEALTH_DATA); nothing is sent to NHIS',
          codes: {
            NHIS_IDENTITY_MISMATCH: 'Linking is only for your own checkups: the name and birth date must match your profile.',
            ...consentResponses(NEEDED)[403].codes,
          },
        },
        409: {
          description: 'The profile’s name and birth date are not known yet',
          codes: { PROFILE_INCOMPLETE: 'Linking needs the name and birth date of your profile; complete it first.' },
        },
        429: {
          description: 'Too many link attempts this hour; Retry-After says when one is free again',
          codes: { LINK_ATTEMPTS_EXCEEDED: 'Too many NHIS link attempts this hour; try again later.', RATE_LIMITED: 'Too many requests; try again later.' },
        },
        503: {
          description: 'NHIS is unreachable or refused the request, or the consents could not be checked; Retry-After says when to try again',
          codes: { ...nhisDown, NHIS_REQUEST_FAILED: 'NHIS did not accept the linking request; try again later.', ...consentResponses(NEEDED)[503].codes },
        },
      },
      async handler({ userId, body, res }) {
        await consents.require(userId, NEEDED);
        const link = await linking.start(userId, body);
        res.setHeader('Location', `/api/health/nhis/links/${link.id}`);
        return link;
      },
    }),
    route({
      method: 'get',
      path: '/api/health/nhis/links/:id',
      operationId: 'getNhisLink',
      summary: 'The state of a link: PENDING_APPROVAL, IMPORTED, EXPIRED, DENIED or FAILED',
      summaryKo: '검진 연동 상태',
      tags: ['health'],
      access: 'user',
      params: linkParams,
      example: { params: { id: linkId } },
      responses: {
        200: { description: 'The link', schema: linkSchema, example: pendingLink },
        404: { description: 'No such link of this user', codes: linkMissing },
      },
      async handler({ userId, params }) {
        return linking.get(userId, params.id);
      },
    }),
    route({
      method: 'post',
      path: '/api/health/nhis/links/:id/complete',
      operationId: 'completeNhisLink',
      summary: 'After approving on the phone: fetch and import the checkups (only new ones are added)',
      summaryKo: '간편인증 승인 후 검진 결과 가져오기',
      tags: ['health'],
      access: 'user',
      params: linkParams,
      example: { params: { id: linkId } },
      responses: {
        200: { description: 'The link after completing: IMPORTED, or closed as EXPIRED, DENIED or FAILED', schema: linkSchema, example: importedLink },
        202: { description: 'Not approved on the phone yet; approve, then complete again', schema: linkSchema, example: pendingLink },
        404: { description: 'No such link of this user', codes: linkMissing },
        409: {
          description: 'Another request is completing this link right now',
          codes: { LINK_BUSY: 'This link is already being completed; ask again in a moment.' },
        },
        403: consentResponses(NEEDED)[403],
        503: {
          description: 'NHIS is unreachable (the link stays pending until its window passes), or the consents could not be checked',
          codes: { ...nhisDown, ...consentResponses(NEEDED)[503].codes },
        },
      },
      async handler({ userId, params, res }) {
        // Withdrawn between start and complete: nothing is fetched or stored.
        await consents.require(userId, NEEDED);
        const { pending, link } = await linking.complete(userId, params.id);
        if (pending) res.status(202).json(link);
        return link;
      },
    }),
  ];
}
