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

test('when a client marks its trace as sampled at the edge, then the edge decides sampling itself', () => {
  const sampled = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  for (let i = 0; i < 50; i += 1) {
    const context = contextFromTraceparent(sampled, undefined, () => false);
    assert.match(context.traceparent, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
  }
  assert.match(contextFromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', undefined, () => true).traceparent, /-01$/);
  // Behind the gateway the caller is one of ours: its flag is kept.
  assert.match(contextFromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00').traceparent, /-00$/);
});

test('when the request id is too long or carries characters outside [A-Za-z0-9._:-], then it is replaced by one of ours', () => {
  for (const bad of ['', 'x'.repeat(65), 'a b', 'id\r\nset-cookie: x', '<script>', 'ü', 'a/b']) {
    const context = contextFromTraceparent(undefined, bad);
    assert.notEqual(context.requestId, bad);
    assert.match(context.requestId, /^[0-9a-f]{16}$/);
  }
  for (const good of ['req-1', '9b2f3c1e-6a7d-4c1b-9f57-2f1c7a1e0b3d', 'x'.repeat(64), 'trace:a.b_c']) {
    assert.equal(contextFromTraceparent(undefined, good).requestId, good);
  }
});
