import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentIssues, openApiComponents, openApiPaths } from '@healthsync/shared';
import { z } from 'zod';
import { partView } from '../../src/domain/home.js';
import { mergeOpenApi } from '../../src/domain/openapi-document.js';
import { gatewayRoutes } from '../../src/routes/home.js';

const problem = (status: number, code: string) => JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail: 'for people' });

describe('home screen parts', () => {
  test('an answer is served as it came', () => {
    assert.deepEqual(partView('profile', { kind: 'answered', body: { id: 'a' } }), { status: 'OK', data: { id: 'a' } });
  });

  test('no checkup yet is NONE, not a failure', () => {
    assert.deepEqual(partView('latestCheckup', { kind: 'refused', status: 404, body: problem(404, 'NO_CHECKUPS') }), { status: 'NONE' });
  });

  test('NONE only for the part that declares it: another 404 keeps the service’s code', () => {
    const view = partView('profile', { kind: 'refused', status: 404, body: problem(404, 'ACCOUNT_NOT_FOUND') });
    assert.equal(view.status, 'UNAVAILABLE');
    assert.equal(view.status === 'UNAVAILABLE' && view.code, 'ACCOUNT_NOT_FOUND');
  });

  test('a failure inside Dapr (not one of our problems) is UPSTREAM_UNAVAILABLE and says nothing of its body', () => {
    const view = partView('inbox', {
      kind: 'refused',
      status: 500,
      body: JSON.stringify({ errorCode: 'ERR_DIRECT_INVOKE', message: 'dial tcp 127.0.0.1:3005' }),
    });
    assert.deepEqual(view, { status: 'UNAVAILABLE', code: 'UPSTREAM_UNAVAILABLE', detail: 'The batch service is unavailable.' });
  });

  test('a body that only looks like a code is not trusted', () => {
    const view = partView('todayMissions', { kind: 'refused', status: 502, body: JSON.stringify({ code: 'lower case' }) });
    assert.equal(view.status === 'UNAVAILABLE' && view.code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(partView('todayMissions', { kind: 'refused', status: 502, body: '<html>' }).status, 'UNAVAILABLE');
  });

  test('no answer in time and no connection have codes of their own', () => {
    const timeout = partView('profile', { kind: 'timeout' });
    assert.equal(timeout.status === 'UNAVAILABLE' ? timeout.code : '', 'UPSTREAM_TIMEOUT');
    const down = partView('latestCheckup', { kind: 'unreachable' });
    assert.equal(down.status === 'UNAVAILABLE' ? down.code : '', 'UPSTREAM_UNAVAILABLE');
  });
});

describe('the home route in the API document', () => {
  const routes = gatewayRoutes({ load: async () => assert.fail('not called') });

  test('passes the document check (Korean summary, examples that match)', () => {
    assert.deepEqual(documentIssues(routes), []);
  });

  test('each part’s data is documented as the answer of the service’s own route', () => {
    const accountSchema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
    const userFragment = {
      service: 'user',
      paths: {
        '/api/users/me': { get: { operationId: 'getMyAccount', responses: { '200': { content: { 'application/json': { schema: accountSchema } } } } } },
      },
      components: {},
    };
    const gatewayFragment = { service: 'gateway', paths: openApiPaths(routes), components: openApiComponents() };
    const document = mergeOpenApi([userFragment, gatewayFragment], '0.1.0') as { paths: Record<string, Record<string, unknown>> };
    const home = document.paths['/api/home']!.get as {
      responses: Record<string, { content: Record<string, { schema: { properties: Record<string, { properties: { data: unknown } }> } }> }>;
    };
    const parts = home.responses['200']!.content['application/json']!.schema.properties;
    assert.deepEqual(parts.profile!.properties.data, { ...accountSchema, description: 'With OK: the answer of `getMyAccount`' });
    // A service whose fragment is missing leaves the part's data undescribed rather than wrong.
    assert.deepEqual(parts.inbox!.properties.data, { description: 'With OK: the answer of `listNotifications`' });
    assert.ok(!JSON.stringify(document).includes('x-healthsync-answer-of'));
    // The fragment itself is not changed by merging.
    assert.ok(JSON.stringify(gatewayFragment.paths).includes('x-healthsync-answer-of'));
  });

  test('the query is validated by its schema: 1–20 inbox messages, 5 by default', () => {
    const query = routes[0]!.query as z.ZodType<{ inboxLimit: number }>;
    assert.equal(query.parse({}).inboxLimit, 5);
    assert.equal(query.parse({ inboxLimit: '20' }).inboxLimit, 20);
    for (const bad of ['0', '21', 'x', '2.5']) assert.equal(query.safeParse({ inboxLimit: bad }).success, false, bad);
  });
});
