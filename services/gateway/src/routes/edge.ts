import type { NextFunction, Request, Response } from 'express';
import { currentContext, problem } from '@healthsync/shared';
import { APP_PLATFORM_HEADER, APP_VERSION_HEADER, judgeAppVersion, parseVersion } from '../domain/app-version.js';
import { clientAddress, type ClientAddressPolicy } from '../domain/client-address.js';

/** Headers every answer carries; the docs page relaxes the CSP for its own script. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Accept, Accept-Language, X-Request-Id, Last-Event-Id, Idempotency-Key, If-Match, If-None-Match, X-App-Version, X-App-Platform';

/** CORS for the listed origins only; preflights end here. */
export function cors(allowedOrigins: string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.header('origin');
    if (origin && allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Expose-Headers',
        'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-Id, Idempotent-Replayed, ETag',
      );
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    } else if (req.method === 'OPTIONS' && req.header('access-control-request-method')) {
      res.status(403).end();
      return;
    }
    next();
  };
}

/**
 * Resolves who an anonymous client is (domain/client-address.ts) and makes it `req.ip`, which
 * the rate limiter keys anonymous requests by (signed-in users have their own buckets). A
 * request whose client cannot be told (it bypassed Front Door or part of the proxy chain) is
 * refused rather than put in a bucket shared with everyone behind the same proxy.
 */
export function resolveClient(policy: ClientAddressPolicy) {
  const header = (req: Request, name: string) => req.header(name) ?? undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = clientAddress(
      {
        socketAddress: req.socket.remoteAddress,
        forwardedFor: req.headers['x-forwarded-for'] === undefined ? undefined : [req.headers['x-forwarded-for']].flat().join(','),
        azureClientIp: header(req, 'x-azure-clientip'),
        azureFdid: header(req, 'x-azure-fdid'),
      },
      policy,
    );
    if (result.kind === 'refused') {
      res
        .status(403)
        .type('application/problem+json')
        .json(problem(403, 'CLIENT_NOT_IDENTIFIED', 'The request did not arrive through the expected proxies.', { traceId: currentContext()?.traceId }));
      return;
    }
    // Express derives req.ip from `trust proxy`, which cannot express the Front Door rule.
    Object.defineProperty(req, 'ip', { value: result.key, configurable: true, enumerable: true });
    next();
  };
}

/**
 * Refuses apps older than the minimum supported version with 426 and where to update
 * (domain/app-version.ts); a request without `X-App-Version` is not judged.
 */
export function requireAppVersion(settings: { minimum: string; appStoreUrl: string; playStoreUrl: string }) {
  const minimum = settings.minimum ? parseVersion(settings.minimum) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const verdict = judgeAppVersion(req.header(APP_VERSION_HEADER), req.header(APP_PLATFORM_HEADER), minimum);
    if (verdict.kind === 'ok') return next();
    const traceId = currentContext()?.traceId;
    if (verdict.kind === 'invalid') {
      res
        .status(400)
        .type('application/problem+json')
        .json(
          problem(400, 'VALIDATION_FAILED', 'The request is not valid.', {
            errors: [{ field: 'header.X-App-Version', message: 'must be major.minor.patch, e.g. 2.4.0' }],
            traceId,
          }),
        );
      return;
    }
    const stores = { ios: settings.appStoreUrl, android: settings.playStoreUrl };
    const updateUrl = verdict.platform ? stores[verdict.platform] : undefined;
    const where = verdict.platform === 'ios' ? 'App Store' : verdict.platform === 'android' ? 'Google Play' : 'App Store or Google Play';
    res
      .status(426)
      .type('application/problem+json')
      .json(
        problem(
          426,
          'APP_UPDATE_REQUIRED',
          `This version of the app is no longer supported; update HealthSync from the ${where} (version ${verdict.minimum} or later).`,
          {
            minimumVersion: verdict.minimum,
            ...(updateUrl ? { updateUrl } : { updateUrls: stores }),
            traceId,
          },
        ),
      );
  };
}
