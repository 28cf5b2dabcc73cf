import { route, type Clock, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { OCCUPATIONS, profileInputSchema } from '../domain/profile.js';
import type { Accounts } from '../handlers/accounts.js';

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  picture: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  occupation: z.enum(OCCUPATIONS).nullable(),
  status: z.enum(['PENDING', 'ACTIVE']),
  onboardingRequired: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const accountExample = {
  id: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  email: 'minji.kim@example.com',
  name: '김민지',
  picture: 'http://127.0.0.1:14000/avatars/1001.svg',
  birthDate: '1988-04-12',
  sex: 'F' as const,
  occupation: 'OFFICE_WORKER' as const,
  status: 'ACTIVE' as const,
  onboardingRequired: false,
  createdAt: '2026-03-02T00:41:07.512Z',
};

const accountGone = { 404: { description: 'The account was deleted meanwhile', codes: { ACCOUNT_NOT_FOUND: 'The account does not exist.' } } };

export function createMeRoutes(accounts: Accounts, clock: Clock): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/users/me',
      operationId: 'getMyAccount',
      summary: 'The signed-in user’s account',
      summaryKo: '내 계정 조회',
      tags: ['users'],
      access: 'user',
      etag: true,
      responses: { 200: { description: 'The account', schema: accountSchema, example: accountExample }, ...accountGone },
      async handler({ userId }) {
        return accounts.get(userId);
      },
    }),
    route({
      method: 'put',
      path: '/api/users/me',
      operationId: 'updateMyProfile',
      summary: 'Complete onboarding or edit the profile (name, birth date, sex, occupation)',
      summaryKo: '프로필 등록·수정',
      ifMatch: { current: (userId) => accounts.get(userId) },
      description:
        '`birthDate` must be a real calendar day, not in the future, and make the user at least 19 and at most 120 years old (Asia/Seoul); otherwise 400 VALIDATION_FAILED.',
      tags: ['users'],
      access: 'user',
      body: profileInputSchema(clock),
      example: { body: { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' } },
      responses: {
        200: { description: 'The updated account; ACTIVE once the profile is complete', schema: accountSchema, example: accountExample },
        ...accountGone,
      },
      async handler({ userId, body }) {
        return accounts.updateProfile(userId, body);
      },
    }),
    route({
      method: 'delete',
      path: '/api/users/me',
      operationId: 'deleteMyAccount',
      summary: 'Delete the account: every service erases this user’s data',
      summaryKo: '회원 탈퇴',
      tags: ['users'],
      access: 'user',
      idempotent: true,
      responses: {
        204: { description: 'Deleted; all sessions are signed out' },
        ...accountGone,
        503: {
          description: 'The sessions could not be revoked right now; the account is unchanged (retry)',
          codes: { REVOCATION_UNAVAILABLE: 'The session could not be revoked right now; nothing was changed. Try again shortly.' },
        },
      },
      async handler({ userId }) {
        await accounts.delete(userId);
        return undefined;
      },
    }),
  ];
}
