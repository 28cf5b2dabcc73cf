import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFromTraceparent } from '../../src/context.js';

test('when a valid traceparent arrives, then the trace continues with a new span of ours', () => {
  const context = contextFromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'req-1');
  assert.equal(context.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.match(context.traceparent, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
  assert.notEqual(context.traceparent.split('-')[2], '00f067aa0ba902b7');
  assert.equal(context.requestId, 'req-1');
});

test('when the traceparent is missing, malformed or all zeros, then a new trace starts', () => {
  for (const header of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
    const context = contextFromTraceparent(header);
    assert.match(context.traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(context.traceId, '00000000000000000000000000000000');
    assert.match(context.requestId, /^[0-9a-f]{16}$/);
  }
});
