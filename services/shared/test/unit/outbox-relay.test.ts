import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { createDb } from '../../src/db.js';
import type { Logger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { startOutboxRelay } from '../../src/outbox.js';
import { createDaprDouble } from '../../src/testing/dapr-double.js';

/** A loopback port nothing listens on: connecting to it is refused, as when PostgreSQL is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('when the database cannot be reached, then the relay keeps the process alive, publishes nothing and says so', async () => {
  const db = createDb(`postgresql://nobody:nothing@127.0.0.1:${await closedPort()}/none`, 'goal_service');
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) } as unknown as Logger;
  const dapr = createDaprDouble();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const relay = startOutboxRelay({ db, dapr, pubsub: 'events', logger, metrics: createMetrics('outbox-test'), intervalMs: 20 });
  try {
    assert.equal(await relay.flush(), 0);
    // Several timer ticks, each failing to connect.
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await relay.stop();
    process.off('unhandledRejection', onUnhandled);
    await db.end();
  }
  assert.deepEqual(unhandled, []);
  assert.equal(dapr.published.length, 0);
  assert.ok(warnings.length >= 2, `one warning per attempt, got ${warnings.length}`);
  assert.ok(warnings.every((w) => w === 'outbox relay cannot reach the database; will retry'));
});
