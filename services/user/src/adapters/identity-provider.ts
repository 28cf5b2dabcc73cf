import * as oidc from 'openid-client';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import CircuitBreaker from 'opossum';
import { UnauthorizedError, ForbiddenError, UpstreamUnavailableError } from '@healthsync/shared';

/** Who the identity provider says signed in. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
}

export interface IdentityProvider {
  /** The app signed in natively and sends the ID token. */
  verifyIdToken(idToken: string, nonce?: string): Promise<VerifiedIdentity>;
  /** The app ran the code flow and sends the code with its PKCE verifier. */
  redeemCode(input: { code: string; codeVerifier: string; redirectUri: string; nonce?: string }): Promise<VerifiedIdentity>;
  /** The issuer's authorization endpoint (from discovery), for the API document's sign-in flow. */
  authorizationEndpoint(): Promise<string | undefined>;
}

/** A verification failure: the caller's fault, and no reason to open the breaker. */
class RejectedCredential extends Error {}

function identityOf(claims: JWTPayload): VerifiedIdentity {
  if (!claims.iss || !claims.sub) throw new RejectedCredential('ID token without iss or sub');
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    // Google sends a boolean; some providers send the string "true".
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: typeof claims.name === 'string' ? claims.name : null,
    picture: typeof claims.picture === 'string' ? claims.picture : null,
  };
}

/**
 * Google in production, any OpenID Connect issuer by configuration (Azure AD B2C, or the
 * local stand-in). Discovery and the JWKS come from the issuer; calls to it sit behind a
 * circuit breaker so an outage answers 503 quickly instead of hanging sign-ins.
 */
export function createIdentityProvider(options: {
  issuer: string;
  clientIds: string[];
  allowInsecureHttp: boolean;
  /**
   * The web client (a Google "Web application" client): confidential, so its codes are redeemed
   * with its secret (client_secret_post). Chosen for a code whose redirect URI is one of its own.
   */
  webClient?: { clientId: string; clientSecret: string; redirectUris: string[] };
}): IdentityProvider {
  const [primaryClientId] = options.clientIds;
  if (!primaryClientId) throw new Error('OIDC_CLIENT_IDS is empty');
  const { webClient } = options;
  // ID tokens of either client are accepted.
  const audiences = webClient && !options.clientIds.includes(webClient.clientId) ? [...options.clientIds, webClient.clientId] : options.clientIds;
  type Discovered = { config: oidc.Configuration; jwks: ReturnType<typeof createRemoteJWKSet> };
  const discovered = new Map<'app' | 'web', Promise<Discovered>>();

  const discover = (client: 'app' | 'web' = 'app') => {
    let pending = discovered.get(client);
    if (pending === undefined) {
      const [clientId, auth] =
        client === 'web' && webClient ? [webClient.clientId, oidc.ClientSecretPost(webClient.clientSecret)] : [primaryClientId, oidc.None()];
      pending = oidc
        .discovery(new URL(options.issuer), clientId, undefined, auth, {
          ...(options.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: 5,
        })
        .then((config) => {
          const jwksUri = config.serverMetadata().jwks_uri;
          if (!jwksUri) throw new Error('issuer publishes no jwks_uri');
          return { config, jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 }) };
        })
        .catch((error: unknown) => {
          discovered.delete(client);
          throw error;
        });
      discovered.set(client, pending);
    }
    return pending;
  };

  const breaker = new CircuitBreaker(async <T>(work: () => Promise<T>): Promise<T> => work(), {
    timeout: 10_000,
    errorThresholdPercentage: 50,
    volumeThreshold: 5,
    resetTimeout: 30_000,
    errorFilter: (error: unknown) => error instanceof RejectedCredential,
  });

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return (await breaker.fire(work)) as T;
    } catch (error) {
      if (error instanceof RejectedCredential) throw new UnauthorizedError('INVALID_CREDENTIAL', 'The sign-in credential could not be verified.');
      throw new UpstreamUnavailableError('IDENTITY_PROVIDER_UNAVAILABLE', 'Sign-in is temporarily unavailable.', 30);
    }
  }

  const requireVerifiedEmail = (identity: VerifiedIdentity) => {
    if (!identity.emailVerified) throw new ForbiddenError('EMAIL_NOT_VERIFIED', 'The account’s email address is not verified.');
    return identity;
  };

  return {
    async authorizationEndpoint() {
      try {
        return (await discover()).config.serverMetadata().authorization_endpoint;
      } catch {
        return undefined;
      }
    },
    async verifyIdToken(idToken, nonce) {
      const identity = await guarded(async () => {
        const { config, jwks } = await discover();
        const verified = await jwtVerify(idToken, jwks, {
          issuer: config.serverMetadata().issuer,
          audience: audiences,
          algorithms: ['RS256', 'ES256'],
          clockTolerance: 30,
        }).catch((error: unknown) => {
          throw new RejectedCredential(String(error));
        });
        if (nonce !== undefined && verified.payload.nonce !== nonce) throw new RejectedCredential('nonce mismatch');
        return identityOf(verified.payload);
      });
      return requireVerifiedEmail(identity);
    },

    async redeemCode({ code, codeVerifier, redirectUri, nonce }) {
      const identity = await guarded(async () => {
        const { config } = await discover(webClient?.redirectUris.includes(redirectUri) ? 'web' : 'app');
        let callback: URL;
        try {
          callback = new URL(redirectUri);
        } catch {
          throw new RejectedCredential('redirectUri is not a URL');
        }
        callback.searchParams.set('code', code);
        // RFC 9207: the provider says it adds `iss` to the redirect, so the grant expects it.
        if (config.serverMetadata().authorization_response_iss_parameter_supported) callback.searchParams.set('iss', config.serverMetadata().issuer);
        const tokens = await oidc
          .authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier, idTokenExpected: true, ...(nonce ? { expectedNonce: nonce } : {}) })
          .catch((error: unknown) => {
            // A refused grant (bad code, verifier, redirect) is the caller's; a network error is not.
            // A ClientError with an OAUTH_ code is a check of the answer that failed (nonce, audience…): the
            // credential does not fit this request, which is the caller's, not an outage.
            const refused =
              error instanceof oidc.ResponseBodyError ||
              error instanceof oidc.AuthorizationResponseError ||
              (error instanceof Error && error.name === 'OperationProcessingError') ||
              (error instanceof oidc.ClientError && typeof error.code === 'string' && error.code.startsWith('OAUTH_'));
            if (refused) {
              throw new RejectedCredential(String(error));
            }
            throw error;
          });
        const claims = tokens.claims();
        if (!claims) throw new RejectedCredential('no ID token in the token response');
        return identityOf(claims as JWTPayload);
      });
      return requireVerifiedEmail(identity);
    },
  };
}

/**
 * Google and, by configuration, more OpenID Connect issuers whose ID tokens sign people in (Kakao
 * and Apple publish discovery documents and JWKS): an ID token is verified by the issuer its
 * `iss` names (an issuer not configured is verified as Google's, which refuses it). Codes are
 * redeemed with Google's clients.
 */
export function createIdentityProviders(
  primary: Parameters<typeof createIdentityProvider>[0],
  additional: Array<{ issuer: string; clientIds: string[] }>,
): IdentityProvider {
  const main = createIdentityProvider(primary);
  const others = new Map(
    additional.map((a) => [a.issuer, createIdentityProvider({ issuer: a.issuer, clientIds: a.clientIds, allowInsecureHttp: primary.allowInsecureHttp })]),
  );
  return {
    authorizationEndpoint: () => main.authorizationEndpoint(),
    redeemCode: (input) => main.redeemCode(input),
    async verifyIdToken(idToken, nonce) {
      let issuer: string | undefined;
      try {
        issuer = decodeJwt(idToken).iss;
      } catch {
        throw new UnauthorizedError('INVALID_CREDENTIAL', 'The sign-in credential could not be verified.');
      }
      return ((issuer !== undefined ? others.get(issuer) : undefined) ?? main).verifyIdToken(idToken, nonce);
    },
  };
}
