import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Accounts } from '../handlers/accounts.js';
import { accountSchema } from './me.js';

const sessionSchema = z.object({
  accessToken: z.string().describe('JWT for `Authorization: Bearer`; short-lived'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  refreshToken: z.string().describe('Opaque; exchange at /api/auth/refresh; each use rotates it'),
});

const idTokenSignIn = z.object({
  idToken: z.string().min(20).max(8192).describe('The ID token from native Google sign-in'),
  nonce: z.string().min(1).max(256).optional().describe('The nonce the app put in the authorization request'),
}).strict();

const codeSignIn = z.object({
  code: z.string().min(1).max(2048),
  codeVerifier: z.string().min(43).max(128).describe('PKCE verifier (RFC 7636)'),
  redirectUri: z.string().min(1).max(2048),
  nonce: z.string().min(1).max(256).optional(),
}).strict();

export function createAuthRoutes(accounts: Accounts, jwks: () => unknown): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/google',
      operationId: 'signInWithGoogle',
      summary: 'Sign in with Google: send the ID token, or the authorization code with its PKCE verifier',
      tags: ['auth'],
      access: 'public',
      body: z.union([idTokenSignIn, codeSignIn]),
      responses: {
        200: { description: 'Signed in; `user.onboardingRequired` says whether the profile must be completed', schema: sessionSchema.extend({ user: accountSchema }) },
        401: { description: 'The credential could not be verified' },
        403: { description: 'The Google account’s email is not verified' },
        503: { description: 'The identity provider is unavailable' },
      },
      async handler({ body }) {
        const result = 'idToken' in body ? await accounts.signInWithIdToken(body.idToken, body.nonce) : await accounts.signInWithCode(body);
        return { ...result.session, user: result.user };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/refresh',
      operationId: 'refreshSession',
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      tags: ['auth'],
      access: 'public',
      body: z.object({ refreshToken: z.string().min(1).max(512) }).strict(),
      responses: {
        200: { description: 'New tokens', schema: sessionSchema },
        401: { description: 'Unknown, expired or revoked refresh token; reuse of a used one signs the session out' },
        503: { description: 'A reused token was detected but the session could not be revoked right now (retry)' },
      },
      async handler({ body }) {
        return accounts.refresh(body.refreshToken);
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'logout',
      summary: 'Sign out this session: its refresh token and access tokens stop working',
      tags: ['auth'],
      access: 'user',
      responses: {
        204: { description: 'Signed out' },
        503: { description: 'The session could not be revoked right now; nothing changed (retry)' },
      },
      async handler({ sessionId }) {
        await accounts.logout(sessionId);
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/jwks',
      operationId: 'accessTokenKeys',
      summary: 'Public keys that verify HealthSync access tokens (JWKS)',
      tags: ['auth'],
      access: 'public',
      responses: { 200: { description: 'JSON Web Key Set' } },
      async handler() {
        return jwks();
      },
    }),
  ];
}
