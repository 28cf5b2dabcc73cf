import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { currentContext } from './context.js';
import { problemSchema } from './contracts/problem.js';
import { UnauthorizedError, ValidationError, type FieldIssue } from './errors.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { entityTag, notModified, preconditionHolds, PreconditionFailedError, underResourceLock } from './preconditions.js';
import { answerFromStore, IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey, requestFingerprint, type IdempotencyStore } from './idempotency.js';

/**
 * One declaration per endpoint: the same zod schemas validate the input at the edge,
 * type the handler and produce the endpoint's OpenAPI 3.1 description.
 */
export type Access =
  /** Reachable through the gateway without a token (sign-in). */
  | 'public'
  /** Through the gateway with a verified access token; the user id comes only from it. */
  | 'user'
  /** Service-to-service only; Dapr accessControl names the allowed callers. */
  | 'internal';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  /** A realistic answer for a 2xx (checked against `schema` by `documentIssues`). */
  example?: unknown;
  /** Error statuses: each problem+json `code` this status answers with, and an example `detail`. */
  codes?: Record<string, string>;
  /** Response headers worth knowing: name → description. */
  headers?: Record<string, string>;
}

/** A realistic request: path and query parameters as sent, and the body. */
export interface RequestExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The verified user id; present on every 'user' route. */
  userId: string;
  /** The session of the access token; present on every 'user' route. */
  sessionId: string;
  req: Request;
  res: Response;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. `/api/health/checkups/:id`. */
  path: string;
  summary: string;
  /** The summary in Korean, for the reference page (the app speaks Korean to its users). */
  summaryKo?: string;
  /** Longer explanation (Markdown) for the reference page. */
  description?: string;
  tags: string[];
  access: Access;
  operationId: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Default `application/json`; the OAuth token endpoint takes a form. */
  bodyContentType?: 'application/json' | 'application/x-www-form-urlencoded';
  /** A realistic request, checked against the input schemas by `documentIssues`. */
  example?: RequestExample;
  responses: Record<number, ResponseSpec>;
  /**
   * Accepts `Idempotency-Key` (a 'user' route that costs or changes something): a retry with
   * the same key gets the first answer and has no second effect (idempotency.ts).
   */
  idempotent?: boolean;
  /** GET: answers an ETag and honours If-None-Match (304). */
  etag?: boolean;
  /**
   * PUT: honours If-Match against the ETag of `current` (what the matching GET answers) with the
   * resource locked per user; a stale one is a 412 and nothing changes. The answer carries the new ETag.
   */
  ifMatch?: { current(userId: string): Promise<unknown> };
  handler(input: Input<P, Q, B>): Promise<unknown>;
}

/** Keeps the generic parameters of a route while collecting it in an array. */
export function route<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

function issuesOf(location: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Where a value holds the NUL character (U+0000), in a string or a key: PostgreSQL's text and
 * jsonb cannot store it, so it is refused at the edge (400) rather than failing in the database.
 */
function nulPaths(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...path, String(index)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) out.push([...path, key.replaceAll('\u0000', '')]);
      nulPaths(item, [...path, key], out);
    }
  }
  return out;
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string, issues: FieldIssue[]): T {
  if (!schema) return undefined as T;
  const withNul = nulPaths(value);
  if (withNul.length > 0) {
    issues.push(...withNul.map((path) => ({ field: [location, ...path].join('.'), message: 'must not contain the NUL character (U+0000)' })));
    return undefined as T;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...issuesOf(location, result.error));
  return undefined as T;
}

/** In tests: an answer that does not match the schema its route documents (the document would lie). */
export class AnswerSchemaError extends Error {}

/**
 * Mounts the routes on a router. A handler's resolved value is sent as JSON with the
 * route's first 2xx status; `undefined` with 204. Handlers that stream write to `res` and
 * resolve once they have ended it. With `checkAnswers` (component tests), a JSON answer that its
 * route's documented schema refuses fails the request instead of going out.
 */
export function createRouter(
  routes: RouteSpec[],
  options: { checkAnswers?: boolean; idempotency?: { store: IdempotencyStore; clock: Clock }; db?: Db } = {},
): Router {
  const router = express.Router();
  for (const spec of routes) {
    if (spec.idempotent && (spec.access !== 'user' || !options.idempotency)) {
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path} is idempotent but ${spec.access !== 'user' ? 'not a user route' : 'the service has no idempotency store'}`,
      );
    }
    if (spec.ifMatch && (spec.access !== 'user' || !options.db))
      throw new Error(`${spec.method.toUpperCase()} ${spec.path} takes If-Match but has no database to lock in`);
    const successStatus = Number(Object.keys(spec.responses).find((status) => status.startsWith('2')) ?? 200);
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const { userId, sessionId } = currentContext() ?? {};
      if (spec.access === 'user' && !userId) throw new UnauthorizedError();
      const issues: FieldIssue[] = [];
      const params = parsePart(spec.params, req.params, 'path', issues);
      const query = parsePart(spec.query, req.query, 'query', issues);
      const body = parsePart(spec.body, req.body, 'body', issues);
      if (issues.length > 0) throw new ValidationError(issues);
      const key = spec.idempotent ? parseIdempotencyKey(req.headers[IDEMPOTENCY_KEY_HEADER]) : undefined;
      if (key !== undefined && options.idempotency) {
        const fingerprint = requestFingerprint({ method: spec.method, route: spec.path, params: req.params, query: req.query, body: req.body });
        if (await answerFromStore(options.idempotency.store, options.idempotency.clock, { userId: userId!, key, fingerprint, req, res })) return;
      }
      const run = () => spec.handler({ params, query, body, userId: userId ?? '', sessionId: sessionId ?? '', req, res });
      const ifMatch = req.headers['if-match'];
      const result =
        spec.ifMatch && ifMatch !== undefined
          ? await underResourceLock(options.db!, `${spec.path}:${userId}`, async () => {
              if (!preconditionHolds(ifMatch, entityTag(await spec.ifMatch!.current(userId!)))) throw new PreconditionFailedError();
              return run();
            })
          : await run();
      if (res.headersSent) return;
      if ((spec.etag || spec.ifMatch) && result !== undefined) {
        const tag = entityTag(result);
        res.setHeader('ETag', tag);
        if (spec.etag && notModified(req.headers['if-none-match'], tag)) {
          res.status(304).end();
          return;
        }
      }
      if (result === undefined) res.status(204).end();
      else {
        const documented = spec.responses[successStatus];
        if (options.checkAnswers && documented?.schema && (documented.contentType ?? 'application/json') === 'application/json') {
          // Compared as it goes over the wire (dates as ISO strings).
          const answer = documented.schema.safeParse(JSON.parse(JSON.stringify(result)));
          if (!answer.success) {
            throw new AnswerSchemaError(
              `${spec.method.toUpperCase()} ${spec.path} answered what its documented ${successStatus} schema refuses: ${answer.error.issues
                .map((i) => `${i.path.join('.')}: ${i.message}`)
                .join('; ')}`,
            );
          }
        }
        res.status(successStatus).json(result);
      }
    });
  }
  return router;
}

export const OPENAPI_SECURITY = {
  /** HealthSync access token, as `Authorization: Bearer`. */
  bearer: 'bearerAuth',
  /** Google sign-in (authorization code with PKCE), exchanged at /api/auth/token for a HealthSync token. */
  signIn: 'googleSignIn',
  /** Internal routes: the calling app's own Dapr API token, to its own sidecar. */
  daprApiToken: 'daprApiToken',
} as const;
export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

/** The problem+json schema of the API documents (OpenAPI 3.1: JSON Schema 2020-12), from the contract's zod schema. */
function problemJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(problemSchema, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

/** Problem details as a service or the gateway sends them (for examples). */
function problemExample(status: number, code: string, detail: string): Record<string, unknown> {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    412: 'Precondition Failed',
    413: 'Content Too Large',
    422: 'Unprocessable Content',
    426: 'Upgrade Required',
    429: 'Too Many Requests',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return {
    type: `https://healthsync.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(code === 'VALIDATION_FAILED' ? { errors: [{ field: 'body.birthDate', message: 'birthDate must be a date YYYY-MM-DD' }] } : {}),
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  };
}

interface ErrorSpec {
  description: string;
  codes: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * Answers the gateway (and every service's edge) can give on any operation, whatever its
 * handler does: refused request targets and invalid input, missing tokens, the rate limit,
 * oversized bodies and an unreachable or slow service.
 */
export function standardErrors(spec: Pick<RouteSpec, 'access' | 'params' | 'query' | 'body' | 'idempotent' | 'ifMatch'>): Record<number, ErrorSpec> {
  const errors: Record<number, ErrorSpec> = {
    400: {
      description: 'The request is not valid',
      codes: {
        NON_CANONICAL_PATH: 'The request target is refused: a path segment is empty, a dot segment or percent-encoded.',
        ...(spec.params || spec.query || spec.body ? { VALIDATION_FAILED: 'The request is not valid.' } : {}),
        ...(spec.body ? { MALFORMED_JSON: 'The body is not valid JSON.' } : {}),
      },
    },
    429: {
      description: 'Too many requests from this client (per user with a token, per address without); wait Retry-After seconds',
      codes: { RATE_LIMITED: 'Too many requests; try again later.' },
      headers: { 'Retry-After': 'Seconds until the limit resets' },
    },
    426: {
      description: 'The app (X-App-Version) is older than the minimum supported version; `updateUrl` names its store page',
      codes: { APP_UPDATE_REQUIRED: 'This version of the app is no longer supported; update HealthSync from the App Store (version 2.4.0 or later).' },
    },
    502: { description: 'The service behind this route could not be reached', codes: { UPSTREAM_UNAVAILABLE: 'The service is unavailable.' } },
    503: {
      description: 'Temporarily unavailable; Retry-After says when to try again',
      codes: { ROUTES_UNAVAILABLE: 'The service’s routes are not known yet; try again shortly.' },
      headers: { 'Retry-After': 'Seconds to wait before retrying' },
    },
    504: { description: 'The service did not answer in time', codes: { UPSTREAM_TIMEOUT: 'The service did not answer in time.' } },
  };
  if (spec.access === 'user') {
    errors[401] = {
      description: 'Missing, invalid or expired access token, a signed-out session, or a deleted account',
      codes: {
        UNAUTHENTICATED: 'A valid access token is required.',
        INVALID_TOKEN: 'The access token is not valid.',
        TOKEN_EXPIRED: 'The access token has expired; refresh it.',
        SESSION_REVOKED: 'This session has been signed out.',
        ACCOUNT_DELETED: 'This account has been deleted.',
      },
      headers: { 'WWW-Authenticate': '`Bearer`' },
    };
  }
  if (spec.idempotent) {
    errors[400]!.codes.VALIDATION_FAILED = 'The request is not valid.';
    errors[409] = {
      description: 'A request with this Idempotency-Key is still being processed; retry after Retry-After seconds',
      codes: { IDEMPOTENCY_KEY_IN_USE: 'A request with this Idempotency-Key is still being processed; retry shortly.' },
      headers: { 'Retry-After': 'Seconds to wait before retrying' },
    };
    errors[422] = {
      description: 'The Idempotency-Key was already used for a different request',
      codes: { IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request; use a new key.' },
    };
  }
  if (spec.ifMatch) {
    errors[412] = {
      description: 'If-Match no longer matches: the resource changed since it was read; nothing was changed',
      codes: { PRECONDITION_FAILED: 'Someone changed this since you read it (If-Match no longer matches); read it again and retry your change.' },
    };
  }
  if (spec.body) errors[413] = { description: 'The body is larger than the limit', codes: { PAYLOAD_TOO_LARGE: 'The body exceeds 1048576 bytes.' } };
  return errors;
}

/**
 * Answers every internal route can give whatever its handler does, to a caller that reaches it
 * through its own sidecar: a refused request target or invalid input, a request that did not
 * come through Dapr (no app token), an oversized body, and an unexpected failure.
 */
export function internalStandardErrors(spec: Pick<RouteSpec, 'params' | 'query' | 'body'>): Record<number, ErrorSpec> {
  const errors: Record<number, ErrorSpec> = {
    400: {
      description: 'The request is not valid',
      codes: {
        NON_CANONICAL_PATH: 'The request target is refused: a path segment is empty, a dot segment or percent-encoded.',
        ...(spec.params || spec.query || spec.body ? { VALIDATION_FAILED: 'The request is not valid.' } : {}),
        ...(spec.body ? { MALFORMED_JSON: 'The body is not valid JSON.' } : {}),
      },
    },
    403: { description: 'The request did not come through Dapr (no valid app token)', codes: { NOT_FROM_SIDECAR: 'Requests must come through Dapr.' } },
    500: { description: 'An unexpected failure in the service', codes: { INTERNAL: 'Something went wrong on our side.' } },
  };
  if (spec.body) errors[413] = { description: 'The body is larger than the limit', codes: { PAYLOAD_TOO_LARGE: 'request entity too large' } };
  return errors;
}

/** A zod schema whose documented JSON Schema is given explicitly (e.g. a comma-separated list). */
const documentedAs = new WeakMap<z.ZodType, Record<string, unknown>>();
export function documented<T extends z.ZodType>(schema: T, jsonSchema: Record<string, unknown>): T {
  documentedAs.set(schema, jsonSchema);
  return schema;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      const explicit = documentedAs.get(ctx.zodSchema as unknown as z.ZodType);
      if (explicit) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[key];
        Object.assign(ctx.jsonSchema, explicit);
      }
    },
  }) as Record<string, unknown>;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query', examples: Record<string, string> | undefined): unknown[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    ...(property.type === 'array' ? { style: 'form', explode: false } : {}),
    schema: property,
    ...(examples?.[name] !== undefined ? { example: property.type === 'array' ? examples[name]!.split(',') : examples[name] } : {}),
  }));
}

function headersOf(headers: Record<string, string> | undefined): Record<string, unknown> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
}

function errorResponse(status: number, error: ErrorSpec): Record<string, unknown> {
  const codes = Object.keys(error.codes);
  const headers = headersOf(error.headers);
  return {
    description: `${error.description}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}`,
    ...(headers ? { headers } : {}),
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: Object.fromEntries(Object.entries(error.codes).map(([code, detail]) => [code, { value: problemExample(status, code, detail) }])),
      },
    },
  };
}

function successResponse(response: ResponseSpec): Record<string, unknown> {
  const headers = headersOf(response.headers);
  return {
    description: response.description,
    ...(headers ? { headers } : {}),
    ...(response.schema
      ? {
          content: {
            [response.contentType ?? 'application/json']: {
              schema: jsonSchema(response.schema, 'output'),
              ...(response.example !== undefined ? { examples: { example: { value: response.example } } } : {}),
            },
          },
        }
      : {}),
  };
}

/** The operation's responses: its own, with the standard errors merged in (codes united). */
function responsesOf(spec: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const errors: Record<number, ErrorSpec> = spec.access === 'internal' ? internalStandardErrors(spec) : standardErrors(spec);
  for (const [key, response] of Object.entries(spec.responses)) {
    const status = Number(key);
    if (status < 400) {
      const tagged =
        spec.etag || spec.ifMatch
          ? { ...response, headers: { ETag: 'The version of this representation, for If-None-Match and If-Match', ...response.headers } }
          : response;
      responses[key] = successResponse(tagged);
      if (spec.etag) responses['304'] = { description: 'Not modified: the copy named by If-None-Match is current (no body)' };
      continue;
    }
    const standard = errors[status];
    errors[status] = {
      description: response.description,
      codes: { ...response.codes, ...standard?.codes },
      ...(response.headers || standard?.headers ? { headers: { ...standard?.headers, ...response.headers } } : {}),
    };
  }
  for (const status of Object.keys(errors)
    .map(Number)
    .sort((a, b) => a - b))
    responses[String(status)] = errorResponse(status, errors[status]!);
  return responses;
}

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and has no second effect; the same key with a different request is a 422. A new UUID per user action.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-.:]{8,128}$' },
  example: '3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55',
};

const IF_NONE_MATCH_PARAMETER = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of the copy the app holds: 304 Not Modified (no body) while it is current.',
  schema: { type: 'string' },
  example: '"m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"',
};

const IF_MATCH_PARAMETER = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag of the copy the change is based on: if another device changed it since, 412 PRECONDITION_FAILED and nothing changes. Recommended on every write from the app.',
  schema: { type: 'string' },
  example: '"m2Zx0n3cQ2m7b1hQk0bqv9dV8pX"',
};

/**
 * The OpenAPI `paths` fragment for a service's public and user routes (the public document), or
 * for its internal routes (`audience: 'internal'`, the service-to-service document).
 */
export function openApiPaths(routes: RouteSpec[], options: { audience?: 'public' | 'internal' } = {}): Record<string, Record<string, unknown>> {
  const internal = options.audience === 'internal';
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    if ((spec.access === 'internal') !== internal) continue;
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const bodyType = spec.bodyContentType ?? 'application/json';
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summaryKo ? `${spec.summaryKo} · ${spec.summary}` : spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: spec.tags,
      security: internal
        ? [{ [OPENAPI_SECURITY.daprApiToken]: [] }]
        : spec.access === 'user'
          ? [{ [OPENAPI_SECURITY.signIn]: [...SIGN_IN_SCOPES] }, { [OPENAPI_SECURITY.bearer]: [] }]
          : [],
      parameters: [
        ...parametersOf(spec.params, 'path', spec.example?.params),
        ...parametersOf(spec.query, 'query', spec.example?.query),
        ...(spec.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
        ...(spec.etag ? [IF_NONE_MATCH_PARAMETER] : []),
        ...(spec.ifMatch ? [IF_MATCH_PARAMETER] : []),
      ],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: {
                [bodyType]: {
                  schema: jsonSchema(spec.body, 'input'),
                  ...(spec.example?.body !== undefined ? { examples: { example: { value: spec.example.body } } } : {}),
                },
              },
            },
          }
        : {}),
      responses: responsesOf(spec),
    };
  }
  return paths;
}

/**
 * What the document check refuses (run by every service's unit tests): a user-facing route
 * without a Korean summary, a route without a request or answer example, an example the schemas
 * reject, an error status without its codes, or an internal route whose answer has no schema
 * (other services, in any language, code against it).
 */
export function documentIssues(routes: RouteSpec[]): string[] {
  const issues: string[] = [];
  for (const spec of routes) {
    const internal = spec.access === 'internal';
    const at = `${spec.method.toUpperCase()} ${spec.path}`;
    if (!internal && !spec.summaryKo) issues.push(`${at}: no Korean summary (summaryKo)`);
    for (const [part, schema] of [
      ['params', spec.params],
      ['query', spec.query],
      ['body', spec.body],
    ] as const) {
      if (!schema) continue;
      const example = spec.example?.[part];
      if (example === undefined) {
        issues.push(`${at}: no request example for ${part}`);
        continue;
      }
      const parsed = schema.safeParse(example);
      if (!parsed.success)
        issues.push(`${at}: the ${part} example is rejected: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
    const statuses = Object.keys(spec.responses).map(Number);
    if (!statuses.some((s) => s >= 200 && s < 300)) issues.push(`${at}: no success response`);
    for (const status of statuses) {
      const response = spec.responses[status]!;
      if (status < 300) {
        if (!response.schema) {
          if (internal && status !== 204) issues.push(`${at}: ${status} has no schema`);
          continue;
        }
        if (response.example === undefined) {
          issues.push(`${at}: ${status} has no example`);
          continue;
        }
        const parsed = response.schema.safeParse(response.example);
        if (!parsed.success)
          issues.push(
            `${at}: the ${status} example does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          );
      } else if (status >= 400 && Object.keys(response.codes ?? {}).length === 0) {
        issues.push(`${at}: ${status} lists no error codes`);
      }
    }
    const documented = openApiPaths([spec], { audience: internal ? 'internal' : 'public' })[spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[spec.method] as {
      responses: Record<string, unknown>;
    };
    const required = internal ? ['400', '403', '500'] : ['400', '429', '502', '503', '504', ...(spec.access === 'user' ? ['401'] : [])];
    for (const status of required) if (!documented.responses[status]) issues.push(`${at}: ${status} is not documented`);
  }
  return issues;
}

export function openApiComponents(extra: { securitySchemes?: Record<string, unknown> } = {}) {
  return {
    schemas: { Problem: problemJsonSchema() },
    securitySchemes: {
      [OPENAPI_SECURITY.bearer]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A HealthSync access token (from POST /api/auth/google, /api/auth/token or `npm run sign-in`).',
      },
      ...extra.securitySchemes,
    },
  };
}
