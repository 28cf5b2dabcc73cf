import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { Accounts } from '../handlers/accounts.js';
import { accountExample, accountSchema } from './me.js';

const sessionSchema = z.object({
  accessToken: z.string().describe('JWT for `Authorization: Bearer`; short-lived'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive().describe('Seconds until the access token expires'),
  refreshToken: z.string().describe('Opaque; exchange at /api/auth/refresh; each use rotates it'),
});

const idTokenSignIn = z
  .object({
    idToken: z.string().min(20).max(8192).describe('The ID token from native Google sign-in'),
    nonce: z.string().min(1).max(256).optional().describe('The nonce the app put in the authorization request'),
  })
  .strict();

/** RFC 7636 section 4.1: 43–128 unreserved characters. */
const pkceVerifier = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE verifier is 43–128 characters of A–Z, a–z, 0–9, "-", ".", "_", "~"')
  .describe('PKCE verifier (RFC 7636)');

const codeSignIn = z
  .object({
    code: z.string().min(1).max(2048),
    codeVerifier: pkceVerifier,
    redirectUri: z.string().min(1).max(2048),
    nonce: z.string().min(1).max(256).optional(),
  })
  .strict();

/** RFC 6749 token request (section 4.1.3 and 6), as OAuth clients such as the reference page send it. */
const tokenRequest = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1).max(2048).describe('The code the OpenID Connect issuer sent to the redirect URI'),
    code_verifier: pkceVerifier,
    redirect_uri: z.string().min(1).max(2048).describe('The redirect URI of the authorization request'),
    client_id: z.string().max(256).optional().describe('Ignored: the code is redeemed as the configured client'),
    nonce: z.string().min(1).max(256).optional().describe('The nonce of the authorization request, when it sent one (the ID token must carry it)'),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1).max(512),
    client_id: z.string().max(256).optional(),
  }),
]);

const tokenResponse = z.object({
  access_token: z.string().describe('A HealthSync access token (JWT) for `Authorization: Bearer`'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
  refresh_token: z.string(),
});

const sessionExample = {
  accessToken: 'eyJhbGciOiJFUzI1NiIsImtpZCI6IkNHbEpxdjZ0In0.eyJzdWIiOiI1ZjBjM2I0ZS0xYTJiLTRjM2QtOGU5Zi0wYTFiMmMzZDRlNWYifQ.c2lnbmF0dXJl',
  tokenType: 'Bearer' as const,
  expiresIn: 900,
  refreshToken: 'Qm9yYW1pbmctZXhhbXBsZS1yZWZyZXNoLXRva2VuLTQzY2hhcnM',
};

const credentialRejected = { INVALID_CREDENTIAL: 'The sign-in credential could not be verified.' };
const providerDown = {
  503: {
    description: 'The identity provider is unavailable',
    codes: { IDENTITY_PROVIDER_UNAVAILABLE: 'Sign-in is temporarily unavailable.' },
    headers: { 'Retry-After': 'Seconds to wait' },
  },
};

export function createAuthRoutes(accounts: Accounts, jwks: () => unknown): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/google',
      operationId: 'signInWithGoogle',
      summary: 'Sign in with Google: send the ID token, or the authorization code with its PKCE verifier',
      summaryKo: 'Google 로그인',
      tags: ['auth'],
      access: 'public',
      body: z.union([idTokenSignIn, codeSignIn]),
      example: {
        body: {
          code: '4/0AVGzR1Bq3xj5c0t2ExampleAuthCode',
          codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
          redirectUri: 'com.healthsync.app:/oauth2redirect',
        },
      },
      responses: {
        200: {
          description: 'Signed in; `user.onboardingRequired` says whether the profile must be completed',
          schema: sessionSchema.extend({ user: accountSchema }),
          example: { ...sessionExample, user: accountExample },
        },
        401: { description: 'The credential could not be verified', codes: credentialRejected },
        403: { description: 'The Google account’s email is not verified', codes: { EMAIL_NOT_VERIFIED: 'The account’s email address is not verified.' } },
        409: {
          description: 'The identity was linked to another account while this one was being made',
          codes: { IDENTITY_LINKED_ELSEWHERE: 'This sign-in is linked to another account.' },
        },
        ...providerDown,
      },
      async handler({ body }) {
        const result = 'idToken' in body ? await accounts.signInWithIdToken(body.idToken, body.nonce) : await accounts.signInWithCode(body);
        return { ...result.session, user: result.user };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/token',
      operationId: 'oauthToken',
      summary: 'OAuth 2.0 token endpoint: redeem a Google authorization code (PKCE) or a refresh token for HealthSync tokens',
      summaryKo: 'OAuth 토큰 발급',
      description:
        'What the reference page’s **Authorize** button uses: the browser signs in at the OpenID Connect issuer ' +
        '(authorization code with PKCE), and this endpoint redeems the code exactly as `POST /api/auth/google` does, ' +
        'answering in the RFC 6749 token format. Errors are problem+json like everywhere else.',
      tags: ['auth'],
      access: 'public',
      body: tokenRequest,
      bodyContentType: 'application/x-www-form-urlencoded',
      example: {
        body: {
          grant_type: 'authorization_code',
          code: 'q3tVhX0JtYyE0l1dYc8Zt5sXxExampleCode',
          code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
          redirect_uri: 'http://127.0.0.1:3000/api/docs/oauth2-redirect.html',
          client_id: 'healthsync-mobile',
        },
      },
      responses: {
        200: {
          description: 'HealthSync tokens',
          schema: tokenResponse,
          example: { access_token: sessionExample.accessToken, token_type: 'Bearer', expires_in: 900, refresh_token: sessionExample.refreshToken },
          headers: { 'Cache-Control': '`no-store`' },
        },
        401: {
          description: 'The code or refresh token was not accepted',
          codes: {
            ...credentialRejected,
            INVALID_REFRESH_TOKEN: 'The refresh token is not valid.',
            REFRESH_TOKEN_REUSED: 'This refresh token was already used; the session has been signed out.',
          },
        },
        403: { description: 'The Google account’s email is not verified', codes: { EMAIL_NOT_VERIFIED: 'The account’s email address is not verified.' } },
        ...providerDown,
      },
      async handler({ body, res }) {
        res.setHeader('Cache-Control', 'no-store');
        const session =
          body.grant_type === 'authorization_code'
            ? (
                await accounts.signInWithCode({
                  code: body.code,
                  codeVerifier: body.code_verifier,
                  redirectUri: body.redirect_uri,
                  ...(body.nonce ? { nonce: body.nonce } : {}),
                })
              ).session
            : await accounts.refresh(body.refresh_token);
        return { access_token: session.accessToken, token_type: session.tokenType, expires_in: session.expiresIn, refresh_token: session.refreshToken };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/refresh',
      operationId: 'refreshSession',
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      summaryKo: '토큰 갱신',
      tags: ['auth'],
      access: 'public',
      body: z.object({ refreshToken: z.string().min(1).max(512) }).strict(),
      example: { body: { refreshToken: sessionExample.refreshToken } },
      responses: {
        200: { description: 'New tokens', schema: sessionSchema, example: sessionExample },
        401: {
          description: 'Unknown, expired or revoked refresh token; reuse of a used one signs the session out',
          codes: {
            INVALID_REFRESH_TOKEN: 'The refresh token is not valid.',
            REFRESH_TOKEN_REUSED: 'This refresh token was already used; the session has been signed out.',
          },
        },
        503: {
          description: 'A reused token was detected but the session could not be revoked right now (retry)',
          codes: { REVOCATION_UNAVAILABLE: 'The session could not be revoked right now; nothing was changed. Try again shortly.' },
        },
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
      summaryKo: '로그아웃',
      tags: ['auth'],
      access: 'user',
      responses: {
        204: { description: 'Signed out' },
        503: {
          description: 'The session could not be revoked right now; nothing changed (retry)',
          codes: { REVOCATION_UNAVAILABLE: 'The session could not be revoked right now; nothing was changed. Try again shortly.' },
        },
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
      summaryKo: '액세스 토큰 검증 공개키',
      tags: ['auth'],
      access: 'public',
      responses: {
        200: {
          description: 'JSON Web Key Set (RFC 7517)',
          schema: z.object({
            keys: z.array(
              z.object({
                kty: z.literal('EC'),
                crv: z.literal('P-256'),
                x: z.string(),
                y: z.string(),
                kid: z.string(),
                alg: z.literal('ES256'),
                use: z.literal('sig'),
              }),
            ),
          }),
          example: {
            keys: [
              {
                kty: 'EC',
                crv: 'P-256',
                x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
                y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
                kid: 'CGlJqv6t',
                alg: 'ES256',
                use: 'sig',
              },
            ],
          },
        },
      },
      async handler() {
        return jwks();
      },
    }),
  ];
}
