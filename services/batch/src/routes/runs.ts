import { NotFoundError, route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { DeliveriesRepository } from '../adapters/deliveries-repository.js';
import type { RunsRepository } from '../adapters/runs-repository.js';
import type { UsageReader } from '../adapters/usage-analytics-client.js';
import type { EncouragementRun } from '../handlers/encouragement-run.js';
import { decisionExample, decisionSchema, runListExample, runListSchema, runReportExample, runReportSchema } from './run-schemas.js';

const runDate = z.iso.date().describe('The Seoul day of the run, YYYY-MM-DD');

/**
 * Operator views of the daily runs; internal (the gateway does not route them, and no other
 * app may invoke them): reached on the app's port with the app token, e.g. through a port-forward.
 */
export function createRunRoutes(runs: RunsRepository, deliveries: DeliveriesRepository, run: EncouragementRun, usage: UsageReader): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/batch/runs',
      operationId: 'listBatchRuns',
      summary: 'Recent daily encouragement runs with their reports',
      tags: ['batch'],
      access: 'internal',
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(7) }),
      example: { query: { limit: '7' } },
      responses: { 200: { description: 'Newest first', schema: runListSchema, example: runListExample } },
      async handler({ query }) {
        const latest = await runs.latest(query.limit);
        return { runs: await Promise.all(latest.map(async (r) => ({ ...r, report: await run.report(r.runDate) }))) };
      },
    }),
    route({
      method: 'get',
      path: '/internal/batch/runs/:runDate',
      operationId: 'getBatchRunReport',
      summary: 'One day’s run report: considered, sent, deferred, skipped by reason, failed, pending, duration, and the day’s AI usage',
      tags: ['batch'],
      access: 'internal',
      params: z.object({ runDate }),
      example: { params: { runDate: '2026-12-02' } },
      responses: {
        200: { description: 'The report', schema: runReportSchema, example: runReportExample },
        404: { description: 'No run that day', codes: { RUN_NOT_FOUND: 'No run on 2026-12-02.' } },
      },
      async handler({ params }) {
        const report = await run.report(params.runDate);
        if (!report) throw new NotFoundError('RUN_NOT_FOUND', `No run on ${params.runDate}.`);
        // Requests, tokens and estimated cost per feature that day (usage-analytics), or `available: false`.
        return { ...report, aiUsage: await usage.day(params.runDate) };
      },
    }),
    route({
      method: 'get',
      path: '/internal/batch/runs/:runDate/users/:userId',
      operationId: 'getBatchRunDecision',
      summary: 'Why a user did or did not get that day’s message (support)',
      tags: ['batch'],
      access: 'internal',
      params: z.object({ runDate, userId: z.uuid() }),
      example: { params: { runDate: '2026-12-02', userId: decisionExample.userId } },
      responses: {
        200: { description: 'The decision with the facts it used', schema: decisionSchema, example: decisionExample },
        404: {
          description: 'The run did not consider this user',
          codes: { DECISION_NOT_FOUND: 'The run did not consider this user (no active missions, or not yet).' },
        },
      },
      async handler({ params }) {
        const decision = await deliveries.decisionOf(params.runDate, params.userId);
        if (!decision) throw new NotFoundError('DECISION_NOT_FOUND', 'The run did not consider this user (no active missions, or not yet).');
        return decision;
      },
    }),
  ];
}
