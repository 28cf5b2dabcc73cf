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

const identitiesSchema = z.object({
  items: z.array(
    z.object({
      issuer: z.string().describe('The OpenID Connect issuer, e.g. https://accounts.google.com'),
      linkedAt: z.iso.datetime().describe('When it was linked (for the first identity: when the account was made)'),
    }),
  ),
});

const identitiesExample = {
  items: [
    { issuer: 'https://accounts.google.com', linkedAt: '2026-03-02T00:41:07.512Z' },
    { issuer: 'https://kauth.kakao.com', linkedAt: '2026-11-30T09:12:44.020Z' },
  ],
};

const linkBody = z
  .object({
    idToken: z.string().min(20).max(8192).describe('The ID token from the other provider’s native sign-in'),
    nonce: z.string().min(1).max(256).optional().describe('The nonce the app put in that sign-in request'),
  })
  .strict();

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
      method: 'get',
      path: '/api/users/me/identities',
      operationId: 'listMyIdentities',
      summary: 'The sign-in providers linked to the account (Google, and Kakao or Apple where configured)',
      summaryKo: '연결된 로그인 계정',
      tags: ['users'],
      access: 'user',
      responses: { 200: { description: 'The linked identities, oldest first', schema: identitiesSchema, example: identitiesExample }, ...accountGone },
      async handler({ userId }) {
        return { items: await accounts.identities(userId) };
      },
    }),
    route({
      method: 'post',
      path: '/api/users/me/identities',
      operationId: 'linkIdentity',
      summary: 'Link another sign-in provider: send its ID token; afterwards either signs in to this account',
      summaryKo: '다른 로그인 계정 연결',
      description:
        'The ID token of a configured OpenID Connect issuer (verified like a sign-in). Linking an identity already linked to this ' +
        'account changes nothing; one linked to another account is refused with 409 and stays where it is.',
      tags: ['users'],
      access: 'user',
      body: linkBody,
      example: { body: { idToken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImthayJ9.eyJpc3MiOiJodHRwczovL2thdXRoLmtha2FvLmNvbSJ9.c2ln' } },
      responses: {
        200: { description: 'Linked; the account’s identities', schema: identitiesSchema, example: identitiesExample },
        401: { description: 'The ID token could not be verified', codes: { INVALID_CREDENTIAL: 'The sign-in credential could not be verified.' } },
        403: { description: 'The provider says the email is not verified', codes: { EMAIL_NOT_VERIFIED: 'The account’s email address is not verified.' } },
        409: { description: 'Linked to another account', codes: { IDENTITY_LINKED_ELSEWHERE: 'This sign-in is linked to another account.' } },
        503: { description: 'The provider cannot be reached', codes: { IDENTITY_PROVIDER_UNAVAILABLE: 'Sign-in is temporarily unavailable.' } },
        ...accountGone,
      },
      async handler({ userId, body }) {
        return { items: await accounts.linkIdentity(userId, body.idToken, body.nonce) };
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
      async handler({ userId, sessionId }) {
        await accounts.delete(userId, sessionId);
        return undefined;
      },
    }),
  ];
}
