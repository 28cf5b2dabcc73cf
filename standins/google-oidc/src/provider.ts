import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ProviderKeys } from './adapters/key-file.js';
import { findTestUserByEmail, findTestUserBySub, googleClaims } from './domain/test-users.js';
import type { Logger } from './logger.js';

/**
 * A Google "Web application" client: confidential. Google redeems its codes only with the client
 * secret (client_secret_post or client_secret_basic), PKCE or not.
 */
export interface WebClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface ProviderOptions {
  issuer: string;
  clientId: string;
  redirectUris: string[];
  /** The web client, when one is registered. */
  webClient?: WebClient;
  keys: ProviderKeys;
  logger: Logger;
  /** Any `@healthsync.test` address signs in (see domain/test-users.ts). */
  anyTestIdentity: boolean;
}

/** What Google grants a sign-in client; the one client may ask for nothing else. */
export const SCOPES = 'openid email profile';

/** Where the provider sends the browser to sign in; served by routes/interaction.ts. */
export const INTERACTION_PATH = '/interaction';

/**
 * The oidc-provider configuration, made to look like Google's sign-in from the app's side: the app's
 * public (PKCE) client and, when configured, a confidential web client; code flow only, RS256 ID tokens with kid that themselves carry the email and profile
 * claims, and no logout, revocation or dynamic registration endpoints.
 */
export function createProvider(options: ProviderOptions): Provider {
  const { issuer, clientId, redirectUris, webClient, keys, logger, anyTestIdentity } = options;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        // "native" allows the app's private-use scheme redirect and loopback http redirects (RFC 8252).
        application_type: 'native',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // Public client: PKCE S256 is then required by oidc-provider's default pkce.required.
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'RS256',
        scope: SCOPES,
      },
      ...(webClient
        ? [
            {
              client_id: webClient.clientId,
              client_secret: webClient.clientSecret,
              application_type: 'web' as const,
              redirect_uris: webClient.redirectUris,
              grant_types: ['authorization_code'],
              response_types: ['code'],
              // Google's web clients authenticate at the token endpoint with their secret.
              token_endpoint_auth_method: 'client_secret_post',
              id_token_signed_response_alg: 'RS256',
              scope: SCOPES,
            },
          ]
        : []),
    ],
    // What Google's discovery document lists.
    clientAuthMethods: ['client_secret_post', 'client_secret_basic', 'none'],
    jwks: { keys: [keys.signingKey] },
    cookies: { keys: keys.cookieKeys },
    scopes: SCOPES.split(' '),
    responseTypes: ['code'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'picture'],
    },
    // Google's ID tokens carry email and profile claims; oidc-provider's default (true) would keep them
    // in userinfo only whenever an access token is issued too.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const user = findTestUserBySub(sub);
      if (user === undefined) return undefined;
      return { accountId: user.sub, claims: () => googleClaims(user, issuer) };
    },
    interactions: {
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
      policy: loginPolicy(anyTestIdentity),
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: true },
      // Google's discovery has neither; keep the surface the app and backend can meet in production.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
    },
    ttl: {
      // Google: access and ID tokens live one hour.
      AccessToken: 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 24 * 3600,
      Grant: 24 * 3600,
    },
    // Neither the app nor the backend calls the provider from a browser page.
    clientBasedCORS: () => false,
    renderError(ctx, out) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = Object.entries(out)
        .map(([key, value]) => `${key}: ${value}`)
        .join('\n');
    },
  };

  const provider = new Provider(issuer, configuration);
  logEvents(provider, logger);
  return provider;
}

/**
 * The default policy plus one check: a login_hint naming another account than the signed-in one
 * (or no known account) asks for login again, as Google's account chooser would.
 */
function loginPolicy(anyTestIdentity: boolean) {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy.get('login')?.checks.add(
    new Check('login_hint_mismatch', 'login_hint names another account than the signed-in one', (ctx: KoaContextWithOIDC) => {
      const hint = ctx.oidc.params?.login_hint;
      const accountId = ctx.oidc.session?.accountId;
      if (typeof hint !== 'string' || accountId === undefined) return Check.NO_NEED_TO_PROMPT;
      return findTestUserByEmail(hint, { anyTestIdentity })?.sub === accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

const ERROR_EVENTS = ['authorization.error', 'grant.error', 'userinfo.error', 'jwks.error', 'discovery.error'];

/** Route oidc-provider's and Koa's events into our JSON log, so no failure is silent. Never logs tokens. */
function logEvents(provider: Provider, logger: Logger): void {
  for (const event of ERROR_EVENTS) {
    provider.on(event, (ctx, error) => {
      logger.warn('request rejected', { event, path: pathOf(ctx), ...oidcError(error) });
    });
  }
  provider.on('server_error', (ctx, error) => {
    logger.error('provider error', { event: 'server_error', path: pathOf(ctx), error: describe(error) });
  });
  // Koa's own 'error' event; without a listener Koa prints it to stderr in its own format.
  provider.on('error', (error, ctx) => {
    logger.error('unhandled provider error', { event: 'error', path: pathOf(ctx), error: describe(error) });
  });
  provider.on('grant.success', (ctx) => {
    logger.info('tokens issued', { event: 'grant.success', clientId: clientIdOf(ctx) });
  });
}

function pathOf(ctx: unknown): string | undefined {
  return typeof ctx === 'object' && ctx !== null && 'path' in ctx && typeof ctx.path === 'string' ? ctx.path : undefined;
}

function clientIdOf(ctx: unknown): string | undefined {
  return (ctx as Partial<KoaContextWithOIDC> | undefined)?.oidc?.client?.clientId;
}

/** oidc-provider errors carry `error`, `error_description` and sometimes a more precise `error_detail`. */
function oidcError(error: unknown): Record<string, string> {
  if (typeof error !== 'object' || error === null) return { error: describe(error) };
  const fields: Record<string, string> = {};
  for (const [from, to] of [
    ['error', 'error'],
    ['error_description', 'description'],
    ['error_detail', 'detail'],
  ] as const) {
    const value: unknown = (error as Record<string, unknown>)[from];
    if (typeof value === 'string') fields[to] = value;
  }
  return fields.error === undefined ? { error: describe(error) } : fields;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
