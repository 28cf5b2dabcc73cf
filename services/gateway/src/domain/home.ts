/**
 * The home screen in one round trip: which service answers each part, and what a part shows
 * when its service answered, had nothing, refused or could not be reached. Pure.
 */
export type HomePart = 'profile' | 'latestCheckup' | 'todayMissions' | 'inbox';

export interface PartSource {
  /** Dapr app id of the service that owns the part. */
  app: string;
  /** Path and query of the service's own public route that answers it. */
  path(options: { inboxLimit: number }): string;
  /** operationId of that route: the part's `data` is documented as its answer. */
  answerOf: string;
  /** The service's answer meaning "nothing yet" rather than a failure. */
  none?: { status: number; code: string };
}

export const HOME_PARTS: Readonly<Record<HomePart, PartSource>> = {
  profile: { app: 'user', path: () => '/api/users/me', answerOf: 'getMyAccount' },
  latestCheckup: { app: 'health', path: () => '/api/health/checkups/latest', answerOf: 'getLatestCheckup', none: { status: 404, code: 'NO_CHECKUPS' } },
  todayMissions: { app: 'goal', path: () => '/api/goals/today', answerOf: 'getTodayMissions' },
  inbox: { app: 'batch', path: ({ inboxLimit }) => `/api/notifications?limit=${inboxLimit}`, answerOf: 'listNotifications' },
};

export const HOME_PART_NAMES = Object.keys(HOME_PARTS) as HomePart[];

/** What became of one invocation. */
export type Outcome =
  | { kind: 'answered'; body: unknown }
  /** The service or the sidecar answered a non-2xx status with this body. */
  | { kind: 'refused'; status: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable' };

export type PartView = { status: 'OK'; data: unknown } | { status: 'NONE' } | { status: 'UNAVAILABLE'; code: string; detail: string };

const CODE = /^[A-Z][A-Z0-9_]*$/;

/** The problem+json `code` a service answered with, when the body is one of its problems. */
function serviceCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; status?: unknown; title?: unknown };
    return typeof parsed.code === 'string' && CODE.test(parsed.code) && typeof parsed.status === 'number' && typeof parsed.title === 'string'
      ? parsed.code
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A part as the client sees it. A service's own problem keeps its `code` (e.g. ACCOUNT_NOT_FOUND);
 * a failure inside Dapr (target down, access denied) or a body that is not one of our problems
 * becomes UPSTREAM_UNAVAILABLE, and no answer in time UPSTREAM_TIMEOUT. Nothing of the
 * upstream body other than the code reaches the client.
 */
export function partView(part: HomePart, outcome: Outcome): PartView {
  const source = HOME_PARTS[part];
  switch (outcome.kind) {
    case 'answered':
      return { status: 'OK', data: outcome.body };
    case 'timeout':
      return { status: 'UNAVAILABLE', code: 'UPSTREAM_TIMEOUT', detail: `The ${source.app} service did not answer in time.` };
    case 'unreachable':
      return { status: 'UNAVAILABLE', code: 'UPSTREAM_UNAVAILABLE', detail: `The ${source.app} service is unavailable.` };
    case 'refused': {
      const code = serviceCode(outcome.body);
      if (source.none && outcome.status === source.none.status && code === source.none.code) return { status: 'NONE' };
      if (code) return { status: 'UNAVAILABLE', code, detail: `The ${source.app} service answered ${outcome.status} ${code}.` };
      return { status: 'UNAVAILABLE', code: 'UPSTREAM_UNAVAILABLE', detail: `The ${source.app} service is unavailable.` };
    }
  }
}
