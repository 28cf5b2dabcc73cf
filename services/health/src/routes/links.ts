import { route, type RouteSpec } from '@healthsync/shared';
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

export function createLinkRoutes(linking: Linking): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/health/nhis/links',
      operationId: 'startNhisLink',
      summary: 'Start linking NHIS checkups: the user is asked to approve in their simple-auth app',
      tags: ['health'],
      access: 'user',
      body: linkBody,
      responses: {
        201: { description: 'Waiting for the user’s approval (PENDING_APPROVAL)', schema: linkSchema },
        403: { description: 'The name or birth date is not the one on the user’s profile (NHIS_IDENTITY_MISMATCH); nothing is sent to NHIS' },
        409: { description: 'The profile’s name and birth date are not known yet (PROFILE_INCOMPLETE)' },
        429: { description: 'Too many link attempts this hour (LINK_ATTEMPTS_EXCEEDED); Retry-After says when one is free again' },
        503: { description: 'NHIS is unreachable or refused the request (NHIS_UNAVAILABLE, NHIS_REQUEST_FAILED); Retry-After says when to try again' },
      },
      async handler({ userId, body, res }) {
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
      tags: ['health'],
      access: 'user',
      params: linkParams,
      responses: { 200: { description: 'The link', schema: linkSchema }, 404: { description: 'No such link of this user' } },
      async handler({ userId, params }) {
        return linking.get(userId, params.id);
      },
    }),
    route({
      method: 'post',
      path: '/api/health/nhis/links/:id/complete',
      operationId: 'completeNhisLink',
      summary: 'After approving on the phone: fetch and import the checkups (only new ones are added)',
      tags: ['health'],
      access: 'user',
      params: linkParams,
      responses: {
        200: { description: 'The link after completing: IMPORTED, or closed as EXPIRED, DENIED or FAILED', schema: linkSchema },
        202: { description: 'Not approved on the phone yet; approve, then complete again', schema: linkSchema },
        409: { description: 'Another request is completing this link right now' },
        503: { description: 'NHIS is unreachable; the link stays pending until its window passes' },
      },
      async handler({ userId, params, res }) {
        const { pending, link } = await linking.complete(userId, params.id);
        if (pending) res.status(202).json(link);
        return link;
      },
    }),
  ];
}
