import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRouteTable, matchRoute, serviceForPath } from '../../src/domain/routing.js';

describe('which service owns a path', () => {
  test('when a path starts with a known prefix, then its service answers', () => {
    assert.equal(serviceForPath('/api/auth/google'), 'user');
    assert.equal(serviceForPath('/api/users/me'), 'user');
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
      kind: 'found', template: '/api/health/checkups/{id}', requiresUser: true, streams: false,
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

  test('when a path has a trailing slash, then it still matches', () => {
    assert.equal(matchRoute(table, 'POST', '/api/auth/google/').kind, 'found');
  });
});
