import { route, type Clock, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { OCCUPATIONS, profileInputSchema } from '../domain/profile.js';
import type { Accounts } from '../handlers/accounts.js';

export const accountSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  picture: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  occupation: z.enum(OCCUPATIONS).nullable(),
  status: z.enum(['PENDING', 'ACTIVE']),
  onboardingRequired: z.boolean(),
  createdAt: z.string(),
});

export function createMeRoutes(accounts: Accounts, clock: Clock): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/users/me',
      operationId: 'getMyAccount',
      summary: 'The signed-in user’s account',
      tags: ['users'],
      access: 'user',
      responses: { 200: { description: 'The account', schema: accountSchema } },
      async handler({ userId }) {
        return accounts.get(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/users/me',
      operationId: 'updateMyProfile',
      summary: 'Complete onboarding or edit the profile (name, birth date, sex, occupation)',
      tags: ['users'],
      access: 'user',
      body: profileInputSchema(clock),
      responses: { 200: { description: 'The updated account; ACTIVE once the profile is complete', schema: accountSchema } },
      async handler({ userId, body }) {
        return accounts.updateProfile(userId, body);
      },
    }),
    route({
      method: 'delete',
      path: '/api/users/me',
      operationId: 'deleteMyAccount',
      summary: 'Delete the account: every service erases this user’s data',
      tags: ['users'],
      access: 'user',
      responses: {
        204: { description: 'Deleted; all sessions are signed out' },
        503: { description: 'The sessions could not be revoked right now; the account is unchanged (retry)' },
      },
      async handler({ userId }) {
        await accounts.delete(userId);
        return undefined;
      },
    }),
  ];
}
