import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRequestTarget } from '../../src/request-target.js';

describe('request-target confinement', () => {
  test('when a path is canonical, then it is accepted with its query re-serialised', () => {
    assert.deepEqual(checkRequestTarget('/api/health/checkups/6f1c2b9e-0d7a-4c55-9f7e-2d8b3f1a9c10'), {
      ok: true,
      path: '/api/health/checkups/6f1c2b9e-0d7a-4c55-9f7e-2d8b3f1a9c10',
      query: '',
    });
    assert.deepEqual(checkRequestTarget('/api/health/trends?item=bmi&from=2024-01-01'), {
      ok: true,
      path: '/api/health/trends',
      query: 'item=bmi&from=2024-01-01',
    });
    assert.deepEqual(checkRequestTarget('/api/openapi.json'), { ok: true, path: '/api/openapi.json', query: '' });
    assert.deepEqual(checkRequestTarget('/'), { ok: true, path: '/', query: '' });
    assert.equal(checkRequestTarget('/api/notifications?q=%ED%95%9C').ok, true, 'encoded UTF-8 in a query value is fine');
  });

  const refused: [string, string][] = [
    ['/api/health/checkups/..\\..\\..\\v1.0\\metadata', 'backslash'],
    ['/api/health/checkups/%5c..%5cv1.0', 'encoded backslash'],
    ['/api/health/checkups/a%2fb', 'encoded slash'],
    ['/api/health/checkups/a%2Fb', 'encoded slash, upper case'],
    ['/api/health/checkups/%2e%2e/x', 'encoded dots'],
    ['/api/health/checkups/%252e%252e/x', 'double-encoded dots'],
    ['/api/health/checkups/%25252f', 'triple encoding'],
    ['/api/health/../users/me', 'dot-dot segment'],
    ['/api/health/./checkups', 'dot segment'],
    ['/api/health/.../checkups', 'dots only'],
    ['/api//health/checkups', 'empty segment'],
    ['/api/health/checkups/', 'trailing slash'],
    ['/api/health/check ups', 'space'],
    ['/api/health/checkups\u0000', 'NUL'],
    ['/api/health/checkups\t', 'tab'],
    ['/api/health/check%00ups', 'encoded NUL'],
    ['/api/health/체크업', 'raw non-ASCII'],
    ['/api/health/checkups;jsessionid=1', 'matrix parameter'],
    ['/api/health/checkups?x=%00', 'encoded NUL in the query'],
    ['/api/health/checkups?x=\\', 'backslash in the query'],
    ['/api/health/checkups?x=%zz', 'malformed escape in the query'],
    ['http://127.0.0.1:3500/v1.0/metadata', 'absolute form'],
    ['*', 'asterisk form'],
    [`/api/${'a'.repeat(3000)}`, 'too long'],
  ];
  for (const [target, what] of refused) {
    test(`when the target has ${what}, then it is refused`, () => {
      const check = checkRequestTarget(target);
      assert.equal(check.ok, false, target);
      assert.ok(!check.ok && check.reason.length > 0);
    });
  }
});
