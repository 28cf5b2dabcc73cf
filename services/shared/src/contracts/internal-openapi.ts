import { z } from 'zod';
import { OPENAPI_SECURITY, openApiComponents, openApiPaths, type RouteSpec } from '../routes.js';
import type { AppId } from './events.js';
import { DAPR_API_TOKEN_HEADER, identityHeaders } from './identity.js';

/**
 * The OpenAPI 3.1 document of the service-to-service routes (pure; `contracts/scripts/generate.mjs`
 * writes it to `contracts/openapi.internal.json`), from the same route declarations that validate
 * their input. Each path's server is the caller's own sidecar invoking the owning app, which is how
 * a service in any language calls it: `POST http://127.0.0.1:<its DAPR_HTTP_PORT>/v1.0/invoke/<app>/method/<path>`
 * with its own `dapr-api-token`. Which apps may call which routes is each target's Dapr access
 * control (dapr/local/<app>.yaml, dapr/azure/<app>.yaml).
 */
export interface InternalFragment {
  service: AppId | 'gateway';
  routes: RouteSpec[];
}

const invokeServer = (app: string) => ({
  url: `http://127.0.0.1:{daprHttpPort}/v1.0/invoke/${app}/method`,
  description: `The caller’s own Dapr sidecar, invoking the ${app} app`,
  variables: { daprHttpPort: { default: '3500', description: 'The HTTP port of the caller’s sidecar (DAPR_HTTP_PORT)' } },
});

/** The fragment every service serves to the gateway, which merges them into the public document. */
const fragmentSchema = z.object({
  service: z.string(),
  paths: z.record(z.string(), z.unknown()).describe('OpenAPI 3.1 path items of the service’s public and user routes'),
  components: z.object({ schemas: z.record(z.string(), z.unknown()), securitySchemes: z.record(z.string(), z.unknown()) }),
});

export function internalOpenApiDocument(fragments: InternalFragment[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const apps = fragments.map((f) => f.service).sort();
  for (const fragment of [...fragments].sort((a, b) => a.service.localeCompare(b.service))) {
    for (const [path, item] of Object.entries(openApiPaths(fragment.routes, { audience: 'internal' }))) {
      paths[path] = { servers: [invokeServer(fragment.service)], ...item };
    }
  }
  const { $schema: _dialect, ...fragmentJson } = z.toJSONSchema(fragmentSchema, { io: 'output' }) as Record<string, unknown>;
  paths['/internal/openapi'] = {
    servers: [
      {
        url: 'http://127.0.0.1:{daprHttpPort}/v1.0/invoke/{appId}/method',
        description: 'The caller’s own Dapr sidecar, invoking any of the apps',
        variables: {
          daprHttpPort: { default: '3500', description: 'The HTTP port of the caller’s sidecar (DAPR_HTTP_PORT)' },
          appId: { default: apps[0] ?? 'user', enum: apps.filter((a) => a !== 'gateway') },
        },
      },
    ],
    get: {
      operationId: 'internalOpenApiFragment',
      summary: 'The app’s fragment of the public API document (its public and user routes); the gateway merges them',
      tags: ['platform'],
      security: [{ [OPENAPI_SECURITY.daprApiToken]: [] }],
      parameters: [],
      responses: {
        '200': { description: 'The fragment', content: { 'application/json': { schema: fragmentJson } } },
        '403': {
          description: 'The request did not come through Dapr (no valid app token). Codes: `NOT_FROM_SIDECAR`',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
  };

  const { schemas } = openApiComponents();
  const headerParameters = Object.fromEntries(
    Object.entries(identityHeaders).map(([name, header]) => {
      const { $schema: _d, ...schema } = z.toJSONSchema(header.schema, { io: 'input' }) as Record<string, unknown>;
      return [name, { name, in: 'header', required: false, description: header.description, schema }];
    }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'HealthSync internal API',
      version,
      description: [
        'The routes HealthSync services call on each other, generated from the route declarations (`node contracts/scripts/generate.mjs`; ' +
          '`npm test` fails when this document is stale). None is reachable through the gateway.',
        '',
        '**Calling**: through your own Dapr sidecar — `http://127.0.0.1:<DAPR_HTTP_PORT>/v1.0/invoke/<app>/method/<path>` with your app’s ' +
          '`dapr-api-token`. The target’s sidecar checks with mTLS which app is calling against the target’s access control ' +
          '(`dapr/local/<app>.yaml`) and adds the target’s app token; an app that is not allowed gets 403 from the sidecar (a Dapr error, ' +
          'not problem+json). Send `traceparent` to keep the trace.',
        '',
        '**Errors**: RFC 9457 `application/problem+json` with a stable `code` (schema `Problem`, also `contracts/schemas/problem.json`).',
        '',
        '**Identity headers**: on the user routes of the public document, the gateway passes the verified user and session in ' +
          '`x-healthsync-user-id` and `x-healthsync-session-id` (components.parameters); a service takes the user id from nowhere else.',
        '',
        '**Events** are described by the AsyncAPI document (`contracts/asyncapi.json`).',
      ].join('\n'),
    },
    paths,
    components: {
      schemas,
      parameters: headerParameters,
      securitySchemes: {
        [OPENAPI_SECURITY.daprApiToken]: {
          type: 'apiKey',
          in: 'header',
          name: DAPR_API_TOKEN_HEADER,
          description: 'The calling app’s DAPR_API_TOKEN, to its own sidecar (which then authenticates to the target with mTLS).',
        },
      },
    },
  };
}
