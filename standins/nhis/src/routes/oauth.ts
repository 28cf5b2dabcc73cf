import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { TokenStore } from '../adapters/token-store.js';

/**
 * OAuth2 client credentials, as CODEF's token server (oauth.codef.io/oauth/token) is used:
 * HTTP Basic client auth, form body grant_type=client_credentials&scope=read, JSON answer with a
 * bearer token valid for a week. Error bodies follow RFC 6749 §5.2.
 */
export const TOKEN_PATH = '/oauth/token';
export const SCOPE = 'read';

export interface OAuthDeps {
  clientId: string;
  clientSecret: string;
  tokens: TokenStore;
  clock: { now(): number };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function createOAuthRouter(deps: OAuthDeps): Router {
  const router = Router();
  router.post(TOKEN_PATH, express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    const creds = basicCredentials(req.get('authorization'));
    if (!creds || !sameSecret(creds.id, deps.clientId) || !sameSecret(creds.secret, deps.clientSecret)) {
      res.status(401).set('WWW-Authenticate', 'Basic realm="oauth2/client"').json({
        error: 'invalid_client',
        error_description: 'Bad client credentials',
      });
      return;
    }
    // Some CODEF clients send the parameters in the query string rather than the form body.
    const param = (name: string): string | undefined => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
      const value = fromBody ?? req.query[name];
      return typeof value === 'string' ? value : undefined;
    };
    const grantType = param('grant_type');
    if (!grantType) {
      res.status(400).json({ error: 'invalid_request', error_description: 'Missing grant type' });
      return;
    }
    if (grantType !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType}` });
      return;
    }
    const scope = param('scope') ?? SCOPE;
    if (scope !== SCOPE) {
      res.status(400).json({ error: 'invalid_scope', error_description: `Invalid scope: ${scope}`, scope: SCOPE });
      return;
    }
    const { token, expiresInSeconds } = deps.tokens.issue(deps.clock.now());
    res.json({ access_token: token, token_type: 'bearer', expires_in: expiresInSeconds, scope: SCOPE });
  });
  return router;
}

/** Bearer check for product calls, answering 401 the way CODEF's resource server (Spring OAuth2) does. */
export function requireBearer(deps: Pick<OAuthDeps, 'tokens' | 'clock'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="oauth2-resource", error="unauthorized"').json({
        error: 'unauthorized',
        error_description: 'Full authentication is required to access this resource',
      });
      return;
    }
    const check = deps.tokens.check(match[1], deps.clock.now());
    if (check !== 'valid') {
      const description = check === 'expired' ? 'Access token expired' : 'Cannot convert access token to JSON';
      res
        .status(401)
        .set('WWW-Authenticate', `Bearer realm="oauth2-resource", error="invalid_token", error_description="${description}"`)
        .json({ error: 'invalid_token', error_description: description });
      return;
    }
    next();
  };
}
