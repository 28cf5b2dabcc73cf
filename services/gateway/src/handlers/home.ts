import {
  currentContext,
  DaprCallError,
  REQUEST_ID_HEADER,
  SESSION_ID_HEADER,
  UpstreamUnavailableError,
  USER_ID_HEADER,
  type Dapr,
  type Logger,
  type Metrics,
} from '@healthsync/shared';
import { HOME_PART_NAMES, HOME_PARTS, partView, type HomePart, type Outcome, type PartView } from '../domain/home.js';

export type HomeView = Record<HomePart, PartView>;

export interface Home {
  /** Every part, gathered in parallel; a part whose service fails is marked, the rest is served. */
  load(identity: { userId: string; sessionId: string }, options: { inboxLimit: number }): Promise<HomeView>;
}

/** How an invocation ended, from what the sidecar client threw. */
function outcomeOf(error: unknown): Outcome {
  if (error instanceof DaprCallError) return { kind: 'refused', status: error.upstreamStatus, body: error.upstreamBody };
  if (error instanceof UpstreamUnavailableError && error.code === 'UPSTREAM_TIMEOUT') return { kind: 'timeout' };
  return { kind: 'unreachable' };
}

/**
 * The aggregator behind GET /api/home: one service invocation per part through the gateway's
 * sidecar, all at once, each with its own deadline, as the verified user (the id from the
 * token, passed the way the proxy passes it).
 */
export function createHome(deps: { dapr: Pick<Dapr, 'invoke'>; partTimeoutMs: number; logger: Logger; metrics: Metrics }): Home {
  const unavailable = deps.metrics.counter('gateway_home_part_unavailable_total', 'Home-screen parts served as unavailable, by part and code', [
    'part',
    'code',
  ]);
  return {
    async load(identity, options) {
      const context = currentContext();
      const headers: Record<string, string> = {
        [USER_ID_HEADER]: identity.userId,
        [SESSION_ID_HEADER]: identity.sessionId,
        accept: 'application/json',
        ...(context ? { [REQUEST_ID_HEADER]: context.requestId } : {}),
      };
      const views = await Promise.all(
        HOME_PART_NAMES.map(async (part): Promise<[HomePart, PartView]> => {
          const source = HOME_PARTS[part];
          let outcome: Outcome;
          try {
            outcome = { kind: 'answered', body: await deps.dapr.invoke(source.app, source.path(options), { headers, timeoutMs: deps.partTimeoutMs }) };
          } catch (error) {
            outcome = outcomeOf(error);
          }
          const view = partView(part, outcome);
          if (view.status === 'UNAVAILABLE') {
            unavailable.inc({ part, code: view.code });
            deps.logger.warn('home part unavailable', { part, app: source.app, code: view.code, outcome: outcome.kind });
          }
          return [part, view];
        }),
      );
      return Object.fromEntries(views) as HomeView;
    },
  };
}
