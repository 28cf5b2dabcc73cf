import { z } from 'zod';
import type { Db } from './db.js';
import { route, type RouteSpec } from './routes.js';

const serviceInfoSchema = z.object({
  service: z.string(),
  version: z.string(),
  schemaVersion: z.number().int().nullable().describe('Newest migration applied to the service schema'),
  time: z.iso.datetime().describe('Server time, ISO 8601'),
});

/**
 * `GET /api/<prefix>/service-info`: a public round trip through gateway, sidecars, the
 * service and its database, used by smoke tests, the benchmark and operators.
 */
export function serviceInfoRoute(service: string, prefix: string, db: Db | undefined): RouteSpec {
  // Read once: process.env is a call into the runtime on every access.
  const version = process.env.npm_package_version ?? '0.1.0';
  return route({
    method: 'get',
    path: `/api/${prefix}/service-info`,
    operationId: `${service}ServiceInfo`,
    summary: `Version and schema version of the ${service} service`,
    summaryKo: `${service} 서비스 버전 정보`,
    tags: ['platform'],
    access: 'public',
    responses: {
      200: {
        description: 'The service answered',
        schema: serviceInfoSchema,
        example: { service, version: '0.1.0', schemaVersion: 3, time: '2026-12-02T06:58:11.204Z' },
      },
    },
    async handler() {
      let schemaVersion: number | null = null;
      if (db) {
        const result = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
        schemaVersion = result.rows[0]?.version ?? null;
      }
      return { service, version, schemaVersion, time: new Date().toISOString() };
    },
  });
}
