import { OPENAPI_SECURITY, serviceInfoRoute, SIGN_IN_SCOPES, type Clock, type Db, type RouteSpec } from '@healthsync/shared';
import type { Accounts } from '../handlers/accounts.js';
import type { Consents } from '../handlers/consents.js';
import { createAuthRoutes } from './auth.js';
import { createConsentRoutes } from './consents.js';
import { createExportRoutes } from './export.js';
import { createMeRoutes } from './me.js';

export interface UserRouteDeps {
  accounts: Accounts;
  consents: Consents;
  jwks: () => unknown;
  clock: Clock;
  db: Db | undefined;
}

/** Every route of the user service, in the order they are mounted (also what the API document is made from). */
export function userRoutes(deps: UserRouteDeps): RouteSpec[] {
  return [
    serviceInfoRoute('user', 'users', deps.db),
    ...createAuthRoutes(deps.accounts, deps.jwks),
    ...createMeRoutes(deps.accounts, deps.clock),
    ...createConsentRoutes(deps.consents),
    ...createExportRoutes(deps.db),
  ];
}

/**
 * The sign-in flow of the API document: the browser signs in at the OpenID Connect issuer
 * (Google; locally the stand-in) with an authorization code and PKCE, and /api/auth/token
 * redeems the code for a HealthSync access token.
 */
export function signInScheme(issuer: string, clientId: string, authorizationEndpoint: string | undefined): Record<string, unknown> {
  return {
    [OPENAPI_SECURITY.signIn]: {
      type: 'oauth2',
      description:
        `Sign in with Google (OpenID Connect issuer \`${issuer}\`): authorization code with PKCE (S256). ` +
        'The code is redeemed at /api/auth/token for a HealthSync access token, which is then sent as `Authorization: Bearer`.',
      'x-usePkce': 'SHA-256',
      /** The public client the code is redeemed as; the reference page signs in with it. */
      'x-client-id': clientId,
      flows: {
        authorizationCode: {
          // Until discovery answers, the issuer itself: the next refresh of the document corrects it.
          authorizationUrl: authorizationEndpoint ?? issuer,
          tokenUrl: '/api/auth/token',
          refreshUrl: '/api/auth/token',
          scopes: Object.fromEntries(
            SIGN_IN_SCOPES.map((scope) => [
              scope,
              { openid: 'OpenID Connect sign-in', email: 'The verified email address', profile: 'Name and picture' }[scope],
            ]),
          ),
        },
      },
    },
  };
}
