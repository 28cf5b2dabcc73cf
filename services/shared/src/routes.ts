import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { currentContext } from './context.js';
import { UnauthorizedError, ValidationError, type FieldIssue } from './errors.js';

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
  tags: string[];
  access: Access;
  operationId: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<number, ResponseSpec>;
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

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string, issues: FieldIssue[]): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...issuesOf(location, result.error));
  return undefined as T;
}

/**
 * Mounts the routes on a router. A handler's resolved value is sent as JSON with the
 * route's first 2xx status; `undefined` with 204. Handlers that stream write to `res` and
 * resolve once they have ended it.
 */
export function createRouter(routes: RouteSpec[]): Router {
  const router = express.Router();
  for (const spec of routes) {
    const successStatus = Number(Object.keys(spec.responses).find((status) => status.startsWith('2')) ?? 200);
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const { userId, sessionId } = currentContext() ?? {};
      if (spec.access === 'user' && !userId) throw new UnauthorizedError();
      const issues: FieldIssue[] = [];
      const params = parsePart(spec.params, req.params, 'path', issues);
      const query = parsePart(spec.query, req.query, 'query', issues);
      const body = parsePart(spec.body, req.body, 'body', issues);
      if (issues.length > 0) throw new ValidationError(issues);
      const result = await spec.handler({ params, query, body, userId: userId ?? '', sessionId: sessionId ?? '', req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(successStatus).json(result);
    });
  }
  return router;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable error code' },
    detail: { type: 'string' },
    traceId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

/** The OpenAPI `paths` fragment for a service's public and user routes. */
export function openApiPaths(routes: RouteSpec[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    if (spec.access === 'internal') continue;
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } }
          : {}),
      };
    }
    const problemResponse = (description: string) => ({
      description,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    if (spec.params || spec.query || spec.body) responses['400'] ??= problemResponse('The input is not valid');
    if (spec.access === 'user') {
      responses['401'] ??= problemResponse('Missing, expired or invalid access token');
      responses['403'] ??= problemResponse('The token does not allow this action');
    }
    responses['429'] ??= problemResponse('Too many requests from this client');
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.access === 'user' ? { security: [{ bearerAuth: [] }] } : { security: [] }),
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return paths;
}

export const openApiComponents = {
  schemas: { Problem: problemSchema },
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  },
};
