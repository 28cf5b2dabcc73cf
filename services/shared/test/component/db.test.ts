import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createDb } from '../../src/db.js';
import { testDatabase } from '../../src/testing/component.js';

test('when the server drops a checked-out connection between two queries, then the process lives on and the pool serves again', async () => {
  // The goal service's own role: its outbox relay is the one that held a transaction open.
  const { url, schema } = testDatabase('goal', 'goal_service');
  const db = createDb(url, schema);
  const client = await db.connect();
  try {
    const { pid } = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
    // What a PostgreSQL crash or restart does to a connection held open, e.g. by the outbox relay publishing inside its transaction.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await other.end();
    }
    // The server's goodbye reaches the client while no query runs (unhandled, its 'error' event would end the process).
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(client.query('select 1'));
  } finally {
    client.release();
  }
  assert.equal((await db.query<{ one: number }>('select 1 as one')).rows[0]!.one, 1);
  await db.end();
});
