/**
 * Google sign-in in the browser: the OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256)
 * and a nonce, against the configured OpenID Connect issuer (Google; locally its stand-in). The
 * code comes back to /auth/callback and the gateway redeems it (`POST /api/auth/google`), checking
 * the ID token's signature, audience and nonce; the browser never sees a Google token.
 */
import { anonymousClient, call, type Ok } from './api.js';
import type { WebConfig } from './config.js';
import { ApiError } from './errors.js';
import { session } from './session.js';

const PENDING_KEY = 'healthsync.signin';
export const CALLBACK_PATH = '/auth/callback';

interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  startedAt: number;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function redirectUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

/** Sends the browser to the issuer's sign-in page. */
export async function startSignIn(config: WebConfig): Promise<void> {
  const pending: PendingSignIn = {
    state: randomString(24),
    nonce: randomString(24),
    // 64 characters of the unreserved set: within RFC 7636's 43–128.
    codeVerifier: randomString(48),
    redirectUri: redirectUri(),
    startedAt: Date.now(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.oidc.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: config.oidc.clientId,
    redirect_uri: pending.redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: await codeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.toString());
}

export type SignedInUser = Ok<'/api/auth/google', 'post'>['user'];

/**
 * On /auth/callback: checks the state (and the issuer, RFC 9207, when sent), then has the gateway
 * redeem the code with the verifier. Returns the account; the session is saved.
 */
export async function completeSignIn(config: WebConfig, search: string): Promise<SignedInUser> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  if (params.get('error')) throw new ApiError(params.get('error') === 'access_denied' ? 'SIGN_IN_CANCELLED' : 'INVALID_CREDENTIAL');
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state || Date.now() - pending.startedAt > 10 * 60_000) throw new ApiError('SIGN_IN_EXPIRED');
  const issuer = params.get('iss');
  if (issuer !== null && issuer !== config.oidc.issuer) throw new ApiError('INVALID_CREDENTIAL');
  const signedIn = await call(
    anonymousClient().POST('/api/auth/google', {
      body: { code, codeVerifier: pending.codeVerifier, redirectUri: pending.redirectUri, nonce: pending.nonce },
    }),
  );
  session.save(signedIn);
  return signedIn.user;
}
