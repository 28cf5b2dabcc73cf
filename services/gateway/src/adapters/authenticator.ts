import { UnauthorizedError } from '@healthsync/shared';
import type { Request } from 'express';

/**
 * Turns a request's bearer token into the verified user id. The sign-in issue replaces
 * this with verification against the user service's JWKS; until then no token verifies.
 */
export interface Authenticator {
  /** The user id, or undefined when the request carries no token. Throws when a token is invalid. */
  authenticate(req: Request): Promise<string | undefined>;
}

export function createRejectingAuthenticator(): Authenticator {
  return {
    async authenticate(req) {
      if (!req.header('authorization')) return undefined;
      throw new UnauthorizedError('INVALID_TOKEN', 'The access token could not be verified.');
    },
  };
}
