import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byUser, callerApp, decodeAuditCursor, describeAccess, encodeAuditCursor } from '../../src/domain/access-audit.js';

describe('the access audit', () => {
  test('when the user reads their own checkup, then the record names them as the reader, for their own viewing', () => {
    const at = new Date('2026-12-02T03:00:00Z');
    assert.deepEqual(byUser('u-1', 'CHECKUP', 'c-1', at), {
      userId: 'u-1',
      accessorKind: 'USER',
      accessor: 'u-1',
      resource: 'CHECKUP',
      resourceId: 'c-1',
      purpose: 'USER_VIEW',
      accessedAt: at,
    });
  });

  test('when a service reads, then its sidecar’s app id names it; a missing or malformed one is recorded as unidentified', () => {
    assert.equal(callerApp('intelligence'), 'intelligence');
    for (const bad of [undefined, '', 'Intelligence', 'x'.repeat(64), 'a b', ['intelligence', 'goal']]) {
      assert.equal(callerApp(bad), 'unidentified-service', String(bad));
    }
  });

  test('when an entry is shown, then it says who read what and why, in Korean', () => {
    assert.equal(
      describeAccess({ accessorKind: 'SERVICE', accessor: 'intelligence', resource: 'LATEST_JUDGED', purpose: 'AI_READING' }),
      'HealthSync AI 서비스가 AI 건강검진 해석을 위해 최근 건강검진 결과와 판정을(를) 열람했습니다.',
    );
    assert.equal(
      describeAccess({ accessorKind: 'USER', accessor: 'u-1', resource: 'TRENDS', purpose: 'USER_VIEW' }),
      '본인이 검진 항목별 추이을(를) 열람했습니다.',
    );
    assert.match(describeAccess({ accessorKind: 'OPERATOR', accessor: 'op-7', resource: 'CHECKUP', purpose: 'USER_VIEW' }), /^운영자\(op-7\)가 /);
  });

  test('when a page cursor comes back, then it stands for the same entry; anything else is not a cursor', () => {
    assert.equal(decodeAuditCursor(encodeAuditCursor('12345')), 12345n);
    for (const bad of [
      '',
      'abc',
      Buffer.from('a:-1').toString('base64url'),
      Buffer.from('c:12').toString('base64url'),
      Buffer.from(`a:${'9'.repeat(19)}`).toString('base64url'),
    ]) {
      assert.equal(decodeAuditCursor(bad), undefined, bad);
    }
  });
});
