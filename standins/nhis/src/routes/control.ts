import express, { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { OutageSwitch } from '../adapters/outage.js';
import type { PeopleRegistry } from '../adapters/people-registry.js';
import type { SessionStore } from '../adapters/session-store.js';
import { normalizeIdentity } from '../domain/checkup-record.js';
import { maskName, maskPhone } from '../domain/masking.js';
import { decide, isExpired, providers } from '../domain/two-way.js';
import type { Logger } from '../logger.js';
import { renderApprovalsPage } from './approvals-page.js';
import { clockSchema, decisionSchema, outageSchema, personFromRegistration, registerPersonSchema } from './control-schemas.js';

/** Test-only routes, mounted only with NHIS_STANDIN_CONTROL=true. Errors are RFC 9457 problem+json. */
export interface ControlDeps {
  sessions: SessionStore;
  people: PeopleRegistry;
  outage: OutageSwitch;
  /** The stand-in's clock; tests move it with POST /_control/clock. */
  clock: { now(): number; offsetMs: number };
  logger: Logger;
}

function problem(res: Response, status: number, title: string, detail?: string) {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }));
}

function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  problem(res, 400, 'Invalid request body', detail);
  return undefined;
}

export function createControlRouter(deps: ControlDeps): Router {
  const router = Router();
  router.use('/_control', express.json({ limit: '1mb' }), express.urlencoded({ extended: false }));

  router.get('/_control/approvals', (req, res) => {
    const now = deps.clock.now();
    const pending = deps.sessions
      .all()
      .filter((s) => s.state === 'pending' && !isExpired(s, now))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((s) => ({
        jti: s.info.jti,
        name: maskName(s.identity.name),
        phone: maskPhone(s.identity.phone),
        provider: providers[s.provider] ?? s.provider,
        secondsLeft: Math.max(0, Math.ceil((s.expiresAt - now) / 1000)),
      }));
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ pending });
      return;
    }
    res.type('html').send(renderApprovalsPage(pending));
  });

  router.post('/_control/approvals/:jti', (req, res) => {
    const body = parseBody(decisionSchema, req, res);
    if (!body) return;
    const session = deps.sessions.get(req.params.jti);
    if (!session) {
      problem(res, 404, 'No such two-way session');
      return;
    }
    const { outcome, session: next } = decide(session, body.decision, deps.clock.now());
    if (outcome === 'expired') {
      problem(res, 409, 'The approval window has passed');
      return;
    }
    if (outcome === 'not-pending') {
      problem(res, 409, 'The session is not waiting for approval', `state: ${session.state}`);
      return;
    }
    deps.sessions.put(next);
    deps.logger.info(`simple auth ${body.decision === 'approve' ? 'approved' : 'denied'} on the phone`, {
      name: maskName(session.identity.name),
      phone: maskPhone(session.identity.phone),
    });
    // A button on the HTML page posts a form: send the browser back to the list.
    if (req.is('application/x-www-form-urlencoded')) {
      res.redirect(303, '/_control/approvals');
      return;
    }
    res.json({ state: next.state });
  });

  router.post('/_control/people', (req, res) => {
    const body = parseBody(registerPersonSchema, req, res);
    if (!body) return;
    const identity = normalizeIdentity({ name: body.name, birthDate: body.birthDate, phone: body.phone });
    deps.people.register(identity, personFromRegistration(body));
    deps.logger.info('person registered', { name: maskName(identity.name), checkups: body.checkups.length });
    res.status(201).json({ registered: true, checkups: body.checkups.length });
  });

  router.post('/_control/outage', (req, res) => {
    const body = parseBody(outageSchema, req, res);
    if (!body) return;
    deps.outage.set(body.down, body.mode);
    deps.logger.warn('outage switched', { ...deps.outage.current() });
    res.json(deps.outage.current());
  });

  /** Moves the stand-in's time: `{ advanceSeconds }` adds to the offset, `{ offsetSeconds }` sets it (0: real time). */
  router.post('/_control/clock', (req, res) => {
    const body = parseBody(clockSchema, req, res);
    if (!body) return;
    deps.clock.offsetMs = body.offsetSeconds !== undefined ? body.offsetSeconds * 1000 : deps.clock.offsetMs + (body.advanceSeconds ?? 0) * 1000;
    deps.logger.warn('clock moved', { offsetSeconds: deps.clock.offsetMs / 1000 });
    res.json({ offsetSeconds: deps.clock.offsetMs / 1000, now: new Date(deps.clock.now()).toISOString() });
  });

  router.post('/_control/reset', (_req, res) => {
    deps.sessions.clear();
    deps.people.clear();
    deps.outage.set(false);
    deps.logger.info('state reset');
    res.status(204).end();
  });

  return router;
}
