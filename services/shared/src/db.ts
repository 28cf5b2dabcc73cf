import pg from 'pg';

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;

/** A pool whose sessions see only the service's own schema (plus public for extensions). */
export function createDb(connectionString: string, schema: string, max = 10): Db {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max,
    options: `-c search_path=${schema},public`,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
    application_name: `healthsync-${schema}`,
  });
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  // Nor one of a checked-out client whose connection breaks between two queries (the outbox relay
  // holds its transaction open while it publishes): its next query fails, and the pool discards it
  // on release. The pool's own listener covers only idle clients.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function withTransaction<T>(db: Db, work: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function isDbReachable(db: Db): Promise<boolean> {
  try {
    await db.query('select 1');
    return true;
  } catch {
    return false;
  }
}
