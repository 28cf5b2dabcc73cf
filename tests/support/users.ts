import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '@healthsync/api-client';
import { obtainIdToken, loginWithCode } from '@healthsync/standin-google-oidc';
import { gatewayUrl } from './system.js';

/** The typed client generated from the API document, signed in with `token` when given. */
export function client(token?: string): ApiClient {
  return createApiClient({ baseUrl: gatewayUrl, headers: { 'accept-language': TEST_LANGUAGE }, ...(token ? { accessToken: token } : {}) });
}

export const oidc = { issuer: 'http://127.0.0.1:14000', clientId: 'healthsync-mobile', redirectUri: 'com.healthsync.app:/oauth2redirect' };

/**
 * A Google identity no other test uses: the stand-in signs in any `<name>@healthsync.test` as its
 * own account when `npm test` starts it (OIDC_TEST_IDENTITIES), so tests never share or delete
 * each other's users. `label` only makes logs readable.
 */
export function newIdentity(label = 'user'): string {
  const name = label
    .split('@')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return `${name}-${randomUUID().slice(0, 8)}@healthsync.test`;
}

/** The stand-in's fixed test accounts (one has an unverified email); tests make their own with `newIdentity`. */
export const people = {
  minji: 'minji.kim@example.com',
  junho: 'junho.lee@example.com',
  seoyeon: 'seoyeon.park@example.com',
  unverified: 'yujin.choi@example.com',
} as const;

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; status: string; onboardingRequired: boolean; email: string | null };
}

/**
 * The tests read problem details in English (the API answers Korean unless asked otherwise;
 * tests/e2e/mobile-client.test.ts checks that default with a request of its own).
 */
const TEST_LANGUAGE = 'en';

export async function api(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> {
  const { token, json, ...rest } = init;
  return fetch(`${gatewayUrl}${path}`, {
    ...rest,
    headers: {
      'accept-language': TEST_LANGUAGE,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

/** Native sign-in: the app got an ID token from Google and sends it. */
export async function signInWithIdToken(loginHint: string): Promise<SignedIn> {
  const nonce = `n-${Math.random().toString(36).slice(2)}`;
  const idToken = await obtainIdToken({ ...oidc, loginHint, nonce });
  const { data, error, response } = await client().POST('/api/auth/google', { body: { idToken, nonce } });
  if (!data) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(error)}`);
  return data;
}

/** Code flow: the app sends the authorization code with its PKCE verifier. */
export async function signInWithCode(loginHint: string): Promise<Response> {
  const login = await loginWithCode({ ...oidc, loginHint });
  return api('/api/auth/google', {
    method: 'POST',
    json: { code: login.code, codeVerifier: login.codeVerifier, redirectUri: login.redirectUri, nonce: login.nonce },
  });
}

export const validProfile = { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' } as const;

/** The consents the app asks for (PIPA), at the notice versions the user service shows now. */
export const CONSENT_PURPOSES = ['HEALTH_DATA', 'AI_OVERSEAS_TRANSFER'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Grants consents the way the app does: reads the current notices, then grants each against its version. */
export async function grantConsents(token: string, purposes: readonly ConsentPurpose[] = CONSENT_PURPOSES, channel: 'APP' | 'WEB' = 'APP'): Promise<void> {
  const { data, error, response } = await client(token).GET('/api/users/me/consents');
  if (!data) throw new Error(`reading the consents failed: ${response.status} ${JSON.stringify(error)}`);
  for (const purpose of purposes) {
    const notice = data.consents.find((c) => c.purpose === purpose)!.notice;
    const granted = await client(token).POST('/api/users/me/consents', { body: { purpose, action: 'GRANT', version: notice.version, channel } });
    if (!granted.data) throw new Error(`granting ${purpose} failed: ${granted.response.status} ${JSON.stringify(granted.error)}`);
  }
}

/**
 * Signs a new person in and completes onboarding (the profile and both consents): every call is an account of its own, named after
 * `label` (e.g. one of `people`), so tests are independent of each other. Given an identity from
 * `newIdentity`, signs that one in instead (for a test that signs the same person in again).
 */
export async function activeUser(label: string, profile: Record<string, string> = validProfile): Promise<SignedIn> {
  const session = await signInWithIdToken(label.endsWith('@healthsync.test') ? label : newIdentity(label));
  const { error, response } = await client(session.accessToken).PUT('/api/users/me', { body: profile as never });
  if (error) throw new Error(`onboarding failed: ${response.status} ${JSON.stringify(error)}`);
  await grantConsents(session.accessToken);
  return session;
}
