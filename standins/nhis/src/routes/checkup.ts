import express, { type Request, type Response, Router } from 'express';
import type { OutageSwitch } from '../adapters/outage.js';
import type { TokenStore } from '../adapters/token-store.js';
import { codes } from '../domain/codes.js';
import { encodeAggregatorBody } from '../domain/encoding.js';
import type { Envelope } from '../handlers/checkup.js';
import type { Logger } from '../logger.js';
import { requireBearer } from './oauth.js';

/** 건강보험공단 > 건강검진결과, the product path the reference gives (docs/reference/nhis.md §4.2). */
export const CHECKUP_PATH = '/v1/kr/public/pp/nhis-health-checkup/result';

export interface CheckupRouteDeps {
  handler: { handle(rawBody: string): Envelope };
  tokens: TokenStore;
  outage: OutageSwitch;
  clock: { now(): number };
  logger: Logger;
}

/** Answers are URL-encoded JSON with HTTP 200, business errors included, as CODEF does. */
function sendEncoded(res: Response, status: number, body: Envelope) {
  res.status(status).type('application/json;charset=UTF-8').send(encodeAggregatorBody(body));
}

export function createCheckupRouter(deps: CheckupRouteDeps): Router {
  const router = Router();
  router.post(
    CHECKUP_PATH,
    (req: Request, res: Response, next) => {
      // The aggregator itself being down comes before any token check.
      const outage = deps.outage.current();
      if (outage.down && outage.mode === 'unavailable') {
        deps.logger.warn('simulated aggregator outage: answering 503');
        sendEncoded(res, 503, { result: { ...codes.aggregatorUnavailable, transactionId: '' }, data: {} });
        return;
      }
      next();
    },
    requireBearer(deps),
    // Bodies are URL-encoded JSON sent as application/json (or JSON); read them as text whatever the type.
    express.text({ type: () => true, limit: '1mb' }),
    (req: Request, res: Response) => {
      const outage = deps.outage.current();
      if (outage.down && outage.mode === 'hang') {
        // Never answered; the client's timeout ends it, or stop() closes the connection.
        deps.logger.warn('simulated NHIS outage: holding the request open');
        return;
      }
      const body = typeof req.body === 'string' ? req.body : '';
      sendEncoded(res, 200, deps.handler.handle(body));
    },
  );
  return router;
}
