import { createHash, randomBytes } from 'node:crypto';

/**
 * Helpers for end-to-end tests: sign a test user in through the stand-in's real authorization
 * endpoint over HTTP (authorization code + PKCE S256), as the app's browser tab would, with no person
 * involved. Redirects are followed by hand so cookies can be carried and the final redirect to the
 * app's redirect URI (often a private-use scheme) can be caught instead of followed.
 *
 * With OIDC_AUTO_LOGIN=true the stand-in signs the login_hint user in at once; otherwise these helpers
 * submit its sign-in page for that user, which is what a person would do.
 */
export interface LoginOptions {
  /** The stand-in's issuer, e.g. http://127.0.0.1:54000 (discovery is read from it). */
  issuer: string;
  clientId: string;
  /** One of the client's registered redirect URIs, e.g. com.healthsync.app:/oauth2redirect. */
  redirectUri: string;
  /** Email of the test user to sign in as, e.g. minji.kim@example.com. */
  loginHint: string;
  /** Sent as the nonce parameter; a random one is made when omitted. */
  nonce?: string;
}

export interface LoginResult {
  code: string;
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  /** The whole redirect as received (code, state, iss), e.g. for openid-client's authorizationCodeGrant. */
  callbackUrl: string;
}

const MAX_HOPS = 12;
const REQUEST_TIMEOUT_MS = 10_000;
const SCOPE = 'openid email profile';

/** Runs the authorization request and returns the code from the redirect to `redirectUri`. */
export async function loginWithCode(options: LoginOptions): Promise<LoginResult> {
  const { issuer, clientId, redirectUri, loginHint } = options;
  const metadata = await discover(issuer);
  const codeVerifier = randomToken();
  const state = randomToken();
  const nonce = options.nonce ?? randomToken();

  let url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SCOPE,
    state,
    nonce,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    login_hint: loginHint,
  }).toString();

  const jar = new CookieJar(url.origin);
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;

  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header(url);
    if (cookie !== '') headers.cookie = cookie;
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    jar.store(url, response.headers.getSetCookie());

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (location.split(/[?#]/)[0] === redirectUri) {
        const code = codeFromRedirect(new URL(location), { issuer, state });
        return { code, codeVerifier, state, nonce, redirectUri, callbackUrl: location };
      }
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }

    if (response.status === 200 && url.pathname.startsWith('/interaction/') && method === 'GET') {
      // The sign-in page (OIDC_AUTO_LOGIN is off): choose the user as a person would.
      await response.body?.cancel();
      url = new URL(`${url.pathname}/login`, url);
      method = 'POST';
      body = new URLSearchParams({ email: loginHint });
      continue;
    }

    const text = (await response.text()).slice(0, 500);
    throw new Error(`sign-in failed: ${method} ${url.origin}${url.pathname} answered ${response.status}: ${text}`);
  }
  throw new Error(`sign-in failed: more than ${MAX_HOPS} redirects`);
}

/** Signs in like loginWithCode, then redeems the code at the token endpoint and returns the id_token. */
export async function obtainIdToken(options: LoginOptions): Promise<string> {
  const login = await loginWithCode(options);
  const metadata = await discover(options.issuer);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: login.code,
      redirect_uri: login.redirectUri,
      client_id: options.clientId,
      code_verifier: login.codeVerifier,
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const payload: unknown = await response.json();
  const field = (name: string): string | undefined => {
    const value = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  if (!response.ok) {
    throw new Error(`token request failed (${response.status}): ${field('error')}: ${field('error_description')}`);
  }
  const idToken = field('id_token');
  if (idToken === undefined) throw new Error('token response has no id_token');
  return idToken;
}

interface ProviderMetadata {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(issuer: string): Promise<ProviderMetadata> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`discovery at ${issuer} answered ${response.status}`);
  const document = (await response.json()) as Partial<Record<keyof ProviderMetadata | 'issuer', unknown>>;
  const { authorization_endpoint: authorization, token_endpoint: token } = document;
  if (document.issuer !== issuer || typeof authorization !== 'string' || typeof token !== 'string') {
    throw new Error(`discovery at ${issuer} is not this issuer's OpenID configuration`);
  }
  return { authorization_endpoint: authorization, token_endpoint: token };
}

function codeFromRedirect(redirect: URL, expected: { issuer: string; state: string }): string {
  const params = redirect.searchParams;
  const error = params.get('error');
  if (error !== null) {
    throw new Error(`sign-in refused: ${error}: ${params.get('error_description') ?? '(no description)'}`);
  }
  if (params.get('state') !== expected.state) throw new Error('sign-in redirect carries another state');
  const iss = params.get('iss');
  if (iss !== null && iss !== expected.issuer) throw new Error(`sign-in redirect names issuer ${iss}`);
  const code = params.get('code');
  if (code === null) throw new Error('sign-in redirect has no code');
  return code;
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Just enough of RFC 6265 for one host: name, value, path, and expiry by Max-Age/Expires. */
class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(readonly origin: string) {}

  store(url: URL, setCookies: string[]): void {
    if (url.origin !== this.origin) return;
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attrValue = ''] = attribute.split('=', 2);
        const lower = key.toLowerCase();
        if (lower === 'path' && attrValue.startsWith('/')) path = attrValue;
        if (lower === 'max-age' && Number(attrValue) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string {
    if (url.origin !== this.origin) return '';
    return [...this.#cookies.values()]
      .filter(({ path }) => url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }
}
