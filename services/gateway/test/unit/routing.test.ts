import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRouteTable, matchRoute, paramIssue, serviceForPath, upstreamPath } from '../../src/domain/routing.js';

describe('which service owns a path', () => {
  test('when a path starts with a known prefix, then its service answers', () => {
    assert.equal(serviceForPath('/api/auth/google'), 'user');
    assert.equal(serviceForPath('/api/users/me'), 'user');
    assert.equal(serviceForPath('/api/users/me/exports'), 'health');
    assert.equal(serviceForPath('/api/users/me/exports/9b2f6c1e-4a7d-4e3b-8f10-5c6d7e8f9a0b/download'), 'health');
    assert.equal(serviceForPath('/api/users/me/exportsx'), 'user');
    assert.equal(serviceForPath('/api/health/checkups/latest'), 'health');
    assert.equal(serviceForPath('/api/goals/today'), 'goal');
    assert.equal(serviceForPath('/api/intelligence/diagnosis'), 'intelligence');
    assert.equal(serviceForPath('/api/notifications'), 'batch');
  });

  test('when the prefix is unknown or only looks similar, then no service owns it', () => {
    assert.equal(serviceForPath('/api/usersx/me'), undefined);
    assert.equal(serviceForPath('/api/'), undefined);
    assert.equal(serviceForPath('/internal/health/x'), undefined);
  });
});

describe('route table from OpenAPI paths', () => {
  const table = buildRouteTable({
    '/api/health/checkups/{id}': { get: { security: [{ bearerAuth: [] }] } },
    '/api/health/checkups/latest': { get: { security: [{ bearerAuth: [] }] } },
    '/api/auth/google': { post: { security: [] } },
    '/api/intelligence/chats/{id}/messages': {
      post: { security: [{ bearerAuth: [] }], responses: { '200': { content: { 'text/event-stream': {} } } } },
    },
  });

  test('when a path matches a template with a parameter, then the operation and its token need are found', () => {
    assert.deepEqual(matchRoute(table, 'GET', '/api/health/checkups/abc-123'), {
      kind: 'found',
      template: '/api/health/checkups/{id}',
      requiresUser: true,
      streams: false,
      params: { id: 'abc-123' },
      invalid: [],
    });
  });

  test('when an operation has no security, then it does not require a user', () => {
    const match = matchRoute(table, 'POST', '/api/auth/google');
    assert.equal(match.kind === 'found' && match.requiresUser, false);
  });

  test('when an operation answers server-sent events, then it is marked as streaming', () => {
    const match = matchRoute(table, 'POST', '/api/intelligence/chats/7/messages');
    assert.equal(match.kind === 'found' && match.streams, true);
  });

  test('when the path exists but the method does not, then 405 lists the allowed ones', () => {
    assert.deepEqual(matchRoute(table, 'DELETE', '/api/auth/google'), { kind: 'method-not-allowed', allow: ['POST'] });
  });

  test('when HEAD is asked of a GET route, then it is allowed', () => {
    assert.equal(matchRoute(table, 'HEAD', '/api/health/checkups/1').kind, 'found');
  });

  test('when a parameter would span segments, then the path is not found', () => {
    assert.equal(matchRoute(table, 'GET', '/api/health/checkups/a/b').kind, 'not-found');
  });

  test('when a static template and a parameterised one both match, then the static one wins', () => {
    const match = matchRoute(table, 'GET', '/api/health/checkups/latest');
    assert.equal(match.kind === 'found' && match.template, '/api/health/checkups/latest');
  });

  test('when a path has a trailing slash, then no route matches it', () => {
    assert.equal(matchRoute(table, 'POST', '/api/auth/google/').kind, 'not-found');
  });
});

describe('path parameters against their documented schema', () => {
  const table = buildRouteTable(
    {
      '/api/goals/missions/{missionId}/completions/{date}': {
        put: {
          security: [{ bearerAuth: [] }],
          parameters: [
            { name: 'missionId', in: 'path', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 } },
            { name: 'date', in: 'path', schema: { type: 'string', format: 'date' } },
          ],
        },
      },
      '/api/health/checkups/{id}': { get: { security: [], parameters: [{ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } }] } },
    },
    'goal',
  );

  test('when a fragment lists a path outside its own service, then the route is ignored', () => {
    assert.equal(matchRoute(table, 'GET', '/api/health/checkups/6f1c2b9e-0d7a-4c55-9f7e-2d8b3f1a9c10').kind, 'not-found');
  });

  test('when every parameter fits, then nothing is invalid and the values are extracted', () => {
    const match = matchRoute(table, 'PUT', '/api/goals/missions/cat-walk/completions/2026-12-01');
    assert.equal(match.kind, 'found');
    assert.deepEqual(match.kind === 'found' && match.params, { missionId: 'cat-walk', date: '2026-12-01' });
    assert.deepEqual(match.kind === 'found' && match.invalid, []);
  });

  test('when a parameter breaks its pattern or format, then it is named as invalid', () => {
    const match = matchRoute(table, 'PUT', '/api/goals/missions/x.y/completions/2026-13-01');
    assert.deepEqual(match.kind === 'found' && match.invalid.map((i) => i.field), ['path.missionId', 'path.date']);
  });

  test('schema subset: enum, lengths, uuid', () => {
    assert.equal(paramIssue({ enum: ['bmi', 'ldl'] }, 'bmi'), undefined);
    assert.match(paramIssue({ enum: ['bmi', 'ldl'] }, 'x') ?? '', /one of/);
    assert.match(paramIssue({ minLength: 2 }, 'x') ?? '', /at least/);
    assert.match(paramIssue({ maxLength: 2 }, 'xyz') ?? '', /at most/);
    assert.match(paramIssue({ format: 'uuid' }, 'abc') ?? '', /uuid/);
    assert.equal(paramIssue(undefined, 'anything'), undefined);
  });
});

describe('the upstream path', () => {
  test('when built, then it is the template with encoded parameters and the checked query', () => {
    assert.equal(
      upstreamPath('/api/goals/missions/{missionId}/completions/{date}', { missionId: 'cat-walk', date: '2026-12-01' }, ''),
      '/api/goals/missions/cat-walk/completions/2026-12-01',
    );
    assert.equal(upstreamPath('/api/health/checkups/{id}', { id: '../../v1.0/metadata' }, 'a=1'), '/api/health/checkups/..%2F..%2Fv1.0%2Fmetadata?a=1');
  });

  test('when a parameter is missing, then building fails instead of forwarding a template', () => {
    assert.throws(() => upstreamPath('/api/health/checkups/{id}', {}, ''));
  });
});
