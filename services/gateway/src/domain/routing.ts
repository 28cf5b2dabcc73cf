/**
 * Which service answers a public path, and whether a path/method pair exists at all.
 * Pure: the route table is built from the services' OpenAPI fragments.
 */
export const SERVICE_BY_PREFIX: Readonly<Record<string, string>> = {
  auth: 'user',
  users: 'user',
  health: 'health',
  goals: 'goal',
  intelligence: 'intelligence',
  notifications: 'batch',
};

export const UPSTREAM_APPS = [...new Set(Object.values(SERVICE_BY_PREFIX))];

/** The app id for `/api/<prefix>/…`, or undefined when no service owns the prefix. */
export function serviceForPath(path: string): string | undefined {
  const match = /^\/api\/([^/]+)(?:\/|$)/.exec(path);
  return match ? SERVICE_BY_PREFIX[match[1]!] : undefined;
}

export interface RouteEntry {
  pattern: RegExp;
  template: string;
  /** Lower-case method → whether the operation needs a user token. */
  methods: Map<string, { requiresUser: boolean; streams: boolean }>;
}

type OpenApiPaths = Record<string, Record<string, { security?: unknown[]; responses?: Record<string, { content?: Record<string, unknown> }> }>>;

function templateToPattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}/?$`);
}

export function buildRouteTable(paths: OpenApiPaths): RouteEntry[] {
  return Object.entries(paths).map(([template, operations]) => ({
    template,
    pattern: templateToPattern(template),
    methods: new Map(
      Object.entries(operations).map(([method, operation]) => [
        method,
        {
          requiresUser: (operation.security ?? []).length > 0,
          streams: Object.values(operation.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream')),
        },
      ]),
    ),
  }));
}

export type RouteMatch =
  | { kind: 'found'; template: string; requiresUser: boolean; streams: boolean }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(table: RouteEntry[], method: string, path: string): RouteMatch {
  const entry = table.find((candidate) => candidate.pattern.test(path));
  if (!entry) return { kind: 'not-found' };
  const operation = entry.methods.get(method.toLowerCase()) ?? (method === 'HEAD' ? entry.methods.get('get') : undefined);
  if (!operation) return { kind: 'method-not-allowed', allow: [...entry.methods.keys()].map((m) => m.toUpperCase()) };
  return { kind: 'found', template: entry.template, ...operation };
}
