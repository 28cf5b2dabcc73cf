import express, { type Request, type Response, Router } from 'express';
import type { BatchStore } from '../adapters/batch-store.js';
import type { BehaviourSwitch } from '../adapters/behaviour.js';
import type { Realism } from '../config.js';
import type { RequestLog } from '../adapters/request-log.js';
import type { Stats } from '../adapters/stats.js';
import type { Logger } from '../logger.js';
import { behaviourBody, realismBody, requestsQuery } from './control-schemas.js';

/** Test-only routes, mounted only when CLAUDE_STANDIN_CONTROL=true. */
export interface ControlRouterDeps {
  behaviour: BehaviourSwitch;
  requestLog: RequestLog;
  stats: Stats;
  batches: BatchStore;
  realism: Realism;
  logger: Logger;
}

export function createControlRouter(deps: ControlRouterDeps): Router {
  const router = Router();
  const initialRealism = { ...deps.realism };
  router.use('/_control', express.json());

  router.post('/_control/behaviour', (req: Request, res: Response) => {
    const parsed = behaviourBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      return;
    }
    const behaviour = deps.behaviour.set(parsed.data);
    deps.logger.info('control: behaviour set', { ...behaviour });
    res.json({ behaviour });
  });

  router.get('/_control/behaviour', (_req: Request, res: Response) => {
    res.json({ behaviour: deps.behaviour.current() });
  });

  router.post('/_control/reset', (_req: Request, res: Response) => {
    deps.behaviour.reset();
    deps.requestLog.clear();
    deps.stats.reset();
    deps.batches.reset();
    Object.assign(deps.realism, initialRealism);
    res.json({ behaviour: deps.behaviour.current() });
  });

  router.get('/_control/requests', (req: Request, res: Response) => {
    const parsed = requestsQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: 'limit must be an integer from 1 to 200' });
      return;
    }
    res.json({ requests: deps.requestLog.list(parsed.data.limit) });
  });

  router.get('/_control/stats', (_req: Request, res: Response) => {
    res.json(deps.stats.snapshot());
  });

  /** The Message Batches side: requests answered, tokens, and what still waits in the queue. */
  router.get('/_control/batches', (_req: Request, res: Response) => {
    res.json({ ...deps.batches.usage(), queued: deps.batches.queued() });
  });

  /** The realism settings in force (profile and figures). */
  router.get('/_control/realism', (_req: Request, res: Response) => {
    res.json(deps.realism);
  });

  /** Changes the batch processing figures for batches created from now on (until reset). */
  router.post('/_control/realism', (req: Request, res: Response) => {
    const parsed = realismBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      return;
    }
    Object.assign(deps.realism, parsed.data);
    deps.logger.info('control: realism changed', { ...parsed.data });
    res.json(deps.realism);
  });

  return router;
}
