import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from 'node:http';
import { z } from 'zod';
import {
  createLogger,
  createMetrics,
  createServiceApp,
  documentIssues,
  finishServiceApp,
  createRouter,
  openApiPaths,
  route,
  USER_ID_HEADER,
} from '../../src/index.js';

const saved: unknown[] = [];
const routes = [
  route({
    method: 'put',
    path: '/api/things/:id',
    operationId: 'putThing',
    summary: 'Store a thing',
    tags: ['things'],
    access: 'user',
    params: z.object({ id: z.string().uuid() }),
    body: z.object({ name: z.string().min(1).max(10), size: z.number().int().positive() }),
    responses: { 200: { description: 'stored', schema: z.object({ id: z.string() }) } },
    async handler({ params, body, userId }) {
      saved.push({ ...body, userId });
      return { id: params.id };
    },
  }),
  route({
    method: 'get',
    path: '/internal/things',
    operationId: 'internalThings',
    summary: 'internal',
    tags: ['things'],
    access: 'internal',
    responses: { 200: { description: 'ok' } },
    async handler() {
      return { ok: true };
    },
  }),
];

describe('schema-described routes', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const logger = createLogger('test', 'error');
    const app = createServiceApp({ service: 'test', logger, metrics: createMetrics('test'), readiness: {} });
    app.use(createRouter(routes));
    finishServiceApp(app, logger);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => server.close());

  const id = '3f2b8f0e-8a4e-4a53-9f4c-1f1f1f1f1f1f';

  test('when the input is valid and the gateway named the user, then the handler gets typed input and the user id', async () => {
    const response = await fetch(`${base}/api/things/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', [USER_ID_HEADER]: 'user-1' },
      body: JSON.stringify({ name: 'a', size: 2 }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id });
    assert.deepEqual(saved.at(-1), { name: 'a', size: 2, userId: 'user-1' });
  });

  test('when fields are invalid, then 400 problem+json names each field and the handler does not run', async () => {
    const before = saved.length;
    const response = await fetch(`${base}/api/things/not-a-uuid`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', [USER_ID_HEADER]: 'user-1' },
      body: JSON.stringify({ name: '', size: -1, extra: true }),
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['body.name', 'body.size', 'path.id']);
    assert.equal(saved.length, before);
  });

  test('when a string or a key holds the NUL character (PostgreSQL cannot store it), then 400 names where and the handler does not run', async () => {
    const before = saved.length;
    for (const [body, field] of [
      ['{"name":"a\\u0000b","size":2}', 'body.name'],
      ['{"name":"a","size":2,"x\\u0000":1}', 'body.x'],
    ] as const) {
      const response = await fetch(`${base}/api/things/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [USER_ID_HEADER]: 'user-1' },
        body,
      });
      assert.equal(response.status, 400);
      const problem = (await response.json()) as { code: string; errors: { field: string; message: string }[] };
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        problem.errors.map((e) => e.field),
        [field],
      );
      assert.match(problem.errors[0]!.message, /NUL/);
    }
    assert.equal(saved.length, before);
  });

  test('when the body is not JSON, then 400 MALFORMED_JSON', async () => {
    const response = await fetch(`${base}/api/things/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', [USER_ID_HEADER]: 'user-1' },
      body: '{"name":',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'MALFORMED_JSON');
  });

  test('when a user route is called without the gateway’s user header, then 401', async () => {
    const response = await fetch(`${base}/api/things/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { code: string }).code, 'UNAUTHENTICATED');
  });

  test('when the OpenAPI fragment is generated, then user routes carry the sign-in and bearer schemes and every status they can answer, internal ones are absent', () => {
    const paths = openApiPaths(routes) as Record<
      string,
      Record<
        string,
        {
          security: unknown[];
          responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }>;
          parameters: { name: string; in: string }[];
          requestBody?: unknown;
        }
      >
    >;
    assert.deepEqual(Object.keys(paths), ['/api/things/{id}']);
    const operation = paths['/api/things/{id}']!.put!;
    assert.deepEqual(operation.security, [{ googleSignIn: ['openid', 'email', 'profile'] }, { bearerAuth: [] }]);
    assert.deepEqual(Object.keys(operation.responses).sort(), ['200', '400', '401', '413', '426', '429', '502', '503', '504']);
    assert.deepEqual(Object.keys(operation.responses['400']!.content!['application/problem+json']!.examples!).sort(), [
      'MALFORMED_JSON',
      'NON_CANONICAL_PATH',
      'VALIDATION_FAILED',
    ]);
    assert.deepEqual(
      operation.parameters.map((p) => [p.name, p.in]),
      [['id', 'path']],
    );
    assert.ok(operation.requestBody);
  });
});

describe('the document check', () => {
  const base = {
    method: 'get' as const,
    path: '/api/things/:id',
    operationId: 'getThing',
    summary: 'A thing',
    summaryKo: '물건',
    tags: ['things'],
    access: 'user' as const,
    params: z.object({ id: z.uuid() }),
    async handler() {
      return { id: 'x' };
    },
  };
  const thing = z.object({ id: z.uuid() });
  const id = '3f2b8f0e-8a4e-4a53-9f4c-1f1f1f1f1f1f';

  test('when a route has examples that match, a Korean summary and codes for its errors, then it has no issues', () => {
    const complete = route({
      ...base,
      example: { params: { id } },
      responses: { 200: { description: 'ok', schema: thing, example: { id } }, 404: { description: 'missing', codes: { THING_NOT_FOUND: 'No such thing.' } } },
    });
    assert.deepEqual(documentIssues([complete]), []);
  });

  test('when a route lacks its examples, its Korean summary or the codes of an error, then each is named', () => {
    const lacking = route({ ...base, summaryKo: undefined, responses: { 200: { description: 'ok', schema: thing }, 404: { description: 'missing' } } });
    assert.deepEqual(documentIssues([lacking]), [
      'GET /api/things/:id: no Korean summary (summaryKo)',
      'GET /api/things/:id: no request example for params',
      'GET /api/things/:id: 200 has no example',
      'GET /api/things/:id: 404 lists no error codes',
    ]);
  });

  test('when an example contradicts its schema, then the check says so', () => {
    const wrong = route({ ...base, example: { params: { id: 'not-a-uuid' } }, responses: { 200: { description: 'ok', schema: thing, example: { id: 42 } } } });
    const issues = documentIssues([wrong]);
    assert.equal(issues.length, 2);
    assert.match(issues[0]!, /params example is rejected/);
    assert.match(issues[1]!, /200 example does not match its schema/);
  });
});
