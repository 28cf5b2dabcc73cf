/**
 * Which service answers a public path, whether a path/method pair exists, and the exact
 * upstream path to forward. Pure: the route table is built from the services' OpenAPI
 * fragments, and the upstream path is built from the matched template and the validated
 * parameters only — never from the raw request.
 */
/** The gateway's own routes (the home screen), answered here rather than forwarded. */
export const GATEWAY_APP = 'gateway';

export const SERVICE_BY_PREFIX: Readonly<Record<string, string>> = {
  home: GATEWAY_APP,
  auth: 'user',
  users: 'user',
  health: 'health',
  goals: 'goal',
  intelligence: 'intelligence',
  notifications: 'batch',
};

/**
 * Paths under a prefix that another service answers, with what is below them. The user's data
 * export lives with the health service, which holds the files and the erasure machinery it needs,
 * while the app sees it as part of the account (docs/decisions/021-download-my-data.md).
 */
export const SERVICE_BY_PATH: Readonly<Record<string, string>> = {
  '/api/users/me/exports': 'health',
};

export const UPSTREAM_APPS = [...new Set([...Object.values(SERVICE_BY_PREFIX), ...Object.values(SERVICE_BY_PATH)])].filter((app) => app !== GATEWAY_APP);

/** The app id for `/api/<prefix>/…`, or undefined when no service owns the prefix. */
export function serviceForPath(path: string): string | undefined {
  for (const [owned, app] of Object.entries(SERVICE_BY_PATH)) {
    if (path === owned || path.startsWith(`${owned}/`)) return app;
  }
  const match = /^\/api\/([^/]+)(?:\/|$)/.exec(path);
  return match ? SERVICE_BY_PREFIX[match[1]!] : undefined;
}

/** The subset of JSON Schema the services use for path parameters. */
export interface ParamSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
}

interface Operation {
  requiresUser: boolean;
  streams: boolean;
  params: Map<string, ParamSchema>;
}

export interface RouteEntry {
  pattern: RegExp;
  template: string;
  /** Parameter names in the order they appear in the template. */
  names: string[];
  /** Lower-case method → the operation. */
  methods: Map<string, Operation>;
}

interface OpenApiOperation {
  security?: unknown[];
  parameters?: { name?: string; in?: string; schema?: ParamSchema }[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

const PARAM = /\{([^}]+)\}/g;

function templateToPattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

/**
 * One service's routes. A template outside the service's own prefixes is ignored, so a
 * fragment can never claim another service's paths.
 */
export function buildRouteTable(paths: OpenApiPaths, service?: string): RouteEntry[] {
  return Object.entries(paths)
    .filter(([template]) => service === undefined || serviceForPath(template) === service)
    .map(([template, operations]) => ({
      template,
      pattern: templateToPattern(template),
      names: [...template.matchAll(PARAM)].map((m) => m[1]!),
      methods: new Map(
        Object.entries(operations).map(([method, operation]) => [
          method,
          {
            requiresUser: (operation.security ?? []).length > 0,
            streams: Object.values(operation.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream')),
            params: new Map((operation.parameters ?? []).filter((p) => p.in === 'path' && p.name).map((p) => [p.name!, p.schema ?? {}] as const)),
          },
        ]),
      ),
    }));
}

export type RouteMatch =
  | { kind: 'found'; template: string; requiresUser: boolean; streams: boolean; params: Record<string, string>; invalid: { field: string; message: string }[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(table: RouteEntry[], method: string, path: string): RouteMatch {
  // Static templates win over parameterised ones (`/checkups/latest` before `/checkups/{id}`).
  let entry: RouteEntry | undefined;
  let groups: string[] = [];
  for (const candidate of table) {
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    if (!entry || candidate.names.length < entry.names.length) {
      entry = candidate;
      groups = m.slice(1);
    }
  }
  if (!entry) return { kind: 'not-found' };
  const operation = entry.methods.get(method.toLowerCase()) ?? (method === 'HEAD' ? entry.methods.get('get') : undefined);
  if (!operation) return { kind: 'method-not-allowed', allow: [...entry.methods.keys()].map((m) => m.toUpperCase()) };
  const params = Object.fromEntries(entry.names.map((name, index) => [name, groups[index]!]));
  const invalid = entry.names.flatMap((name) => {
    const message = paramIssue(operation.params.get(name), params[name]!);
    return message ? [{ field: `path.${name}`, message }] : [];
  });
  return { kind: 'found', template: entry.template, requiresUser: operation.requiresUser, streams: operation.streams, params, invalid };
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};
const patterns = new Map<string, RegExp | null>();
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let regex: RegExp | null;
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      // A pattern JavaScript cannot compile constrains nothing here; the service still validates.
      regex = null;
    }
    patterns.set(pattern, regex);
  }
  return patterns.get(pattern)!;
}

/** Why a path parameter does not satisfy its documented schema, or undefined when it does. */
export function paramIssue(schema: ParamSchema | undefined, value: string): string | undefined {
  if (!schema) return undefined;
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.join(', ')}`;
  if (schema.minLength !== undefined && value.length < schema.minLength) return `must be at least ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return `must be at most ${schema.maxLength} characters`;
  const format = schema.format ? FORMATS[schema.format] : undefined;
  if (format && !format.test(value)) return `must be a ${schema.format}`;
  const pattern = schema.pattern ? compiled(schema.pattern) : null;
  if (pattern && !pattern.test(value)) return `must match ${schema.pattern}`;
  return undefined;
}

/**
 * The path to forward: the matched template with each parameter percent-encoded. The
 * caller has already refused non-canonical requests and invalid parameters; encoding here
 * keeps the template's shape even if that ever changed.
 */
export function upstreamPath(template: string, params: Record<string, string>, query: string): string {
  const path = template.replace(PARAM, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
  return query ? `${path}?${query}` : path;
}
