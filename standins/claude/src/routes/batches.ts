import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { BatchStore } from '../adapters/batch-store.js';
import type { RealismControls } from '../adapters/realism.js';
import { sendApiError } from './api-errors.js';
import { headerProblem } from './messages.js';

/**
 * The Message Batches API: POST /v1/messages/batches (create), GET /v1/messages/batches
 * (list, newest first), GET /v1/messages/batches/{id} (retrieve), POST …/{id}/cancel,
 * DELETE …/{id}, and GET …/{id}/results (JSONL, once processing has ended). Every call counts
 * against the Batches API's own requests-per-minute limit; a create that would take the
 * organisation's unprocessed batch requests past the queue limit is refused with 429.
 */
export interface BatchesRouterDeps {
  apiKey: string;
  batches: BatchStore;
  realism: RealismControls;
}

/** A Message Batch may hold up to 100,000 requests and 256 MB. */
export const MAX_BATCH_REQUESTS = 100_000;

const createBody = z.strictObject({
  requests: z
    .array(
      z.strictObject({
        custom_id: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"),
        params: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1)
    .max(MAX_BATCH_REQUESTS),
});

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  after_id: z.string().min(1).optional(),
  before_id: z.string().min(1).optional(),
});

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `${where ? `${where}.` : ''}${issue.keys[0]}: Extra inputs are not permitted`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}: Field required`;
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Where the results of a batch are: this stand-in, as the client reached it. */
const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;

export function createBatchesRouter(deps: BatchesRouterDeps): Router {
  const router = Router();
  const { batches, realism } = deps;

  router.use('/v1/messages/batches', (req: Request, res: Response, next: NextFunction) => {
    const problem = headerProblem(req, deps.apiKey);
    if (problem) return sendApiError(res, problem.status, problem.type, problem.message);
    const admitted = realism.limits.admitBatchCall();
    if ('status' in admitted) return sendApiError(res, admitted.status, admitted.type, admitted.message, admitted.headers);
    res.set(admitted.headers);
    next();
  });

  router.post('/v1/messages/batches', express.json({ limit: '256mb' }), (req: Request, res: Response) => {
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) return sendApiError(res, 400, 'invalid_request_error', firstProblem(parsed.error));
    const ids = new Set<string>();
    for (const request of parsed.data.requests) {
      if (ids.has(request.custom_id)) {
        return sendApiError(
          res,
          400,
          'invalid_request_error',
          `requests: custom_id values must be unique within a batch; "${request.custom_id}" appears more than once`,
        );
      }
      ids.add(request.custom_id);
    }
    const limit = realism.settings.batchQueueLimit;
    if (limit > 0 && batches.queued() + parsed.data.requests.length > limit) {
      return sendApiError(
        res,
        429,
        'rate_limit_error',
        `This batch would exceed your organization's limit of ${limit.toLocaleString('en-US')} batch requests waiting to be processed. Wait for earlier batches to finish.`,
        { 'retry-after': '60' },
      );
    }
    res.status(200).json(batches.create(parsed.data.requests, baseUrlOf(req)));
  });

  router.get('/v1/messages/batches', (req: Request, res: Response) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) return sendApiError(res, 400, 'invalid_request_error', firstProblem(parsed.error));
    res.json(batches.list({ limit: parsed.data.limit, afterId: parsed.data.after_id, beforeId: parsed.data.before_id }, baseUrlOf(req)));
  });

  const notFound = (res: Response, id: string) => sendApiError(res, 404, 'not_found_error', `message_batch_id: no Message Batch with id ${id}`);

  router.get('/v1/messages/batches/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const batch = batches.get(id, baseUrlOf(req));
    if (!batch) return notFound(res, id);
    res.json(batch);
  });

  router.post('/v1/messages/batches/:id/cancel', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const batch = batches.cancel(id, baseUrlOf(req));
    if (batch === undefined) return notFound(res, id);
    if (batch === 'ended') return sendApiError(res, 400, 'invalid_request_error', `Message Batch ${id} has already ended and cannot be canceled.`);
    res.json(batch);
  });

  router.delete('/v1/messages/batches/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const deleted = batches.delete(id);
    if (deleted === undefined) return notFound(res, id);
    if (deleted === 'in_progress')
      return sendApiError(res, 400, 'invalid_request_error', `Message Batch ${id} is still processing; cancel it before deleting it.`);
    res.json(deleted);
  });

  router.get('/v1/messages/batches/:id/results', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const lines = batches.results(id);
    if (lines === undefined) return notFound(res, id);
    if (lines === 'in_progress')
      return sendApiError(
        res,
        400,
        'invalid_request_error',
        `Message Batch ${id} has not ended yet; its results are available once processing_status is "ended".`,
      );
    res.status(200).set('content-type', 'application/binary');
    // Written in pieces: a 100,000-line file is tens of megabytes.
    const CHUNK = 1_000;
    let i = 0;
    const writeMore = () => {
      while (i < lines.length) {
        const piece = `${lines.slice(i, i + CHUNK).join('\n')}\n`;
        i += CHUNK;
        if (!res.write(piece)) return res.once('drain', writeMore);
      }
      res.end();
    };
    writeMore();
  });

  router.use('/v1/messages/batches', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') return sendApiError(res, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    if (type === 'entity.parse.failed') return sendApiError(res, 400, 'invalid_request_error', 'There was an error parsing the body');
    next(err);
  });

  return router;
}
