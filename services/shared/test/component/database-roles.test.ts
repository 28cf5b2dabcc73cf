import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { testDatabases, type TestDatabase } from '../../src/testing/index.js';

/**
 * What each service's own PostgreSQL role may do, tried on the real database the migrations set
 * up (the component tests' own): every statement a service could run against every table of
 * every schema, as every service's role. Each probe touches no row, so the tables are unchanged.
 */
type Probe = 'read' | 'insert' | 'update' | 'delete' | 'create table';

interface Table {
  schema: string;
  name: string;
  /** A column a statement may set (not generated, not an identity generated always). */
  column: string;
}

const INSUFFICIENT_PRIVILEGE = '42501';
/**
 * Audit tables a service may only add to and read (scripts/lib/databases.mjs `appendOnly`): its
 * role may INSERT and SELECT, never UPDATE or DELETE.
 */
const APPEND_ONLY: Record<string, string[]> = { health_service: ['access_audit'] };
const id = (name: string) => `"${name.replaceAll('"', '""')}"`;

function statement(probe: Probe, table: Table): string {
  const t = `${id(table.schema)}.${id(table.name)}`;
  switch (probe) {
    case 'read':
      return `select * from ${t} limit 0`;
    case 'insert':
      return `insert into ${t} (${id(table.column)}) select ${id(table.column)} from ${t} where false`;
    case 'update':
      return `update ${t} set ${id(table.column)} = ${id(table.column)} where false`;
    case 'delete':
      return `delete from ${t} where false`;
    case 'create table':
      return `create table ${id(table.schema)}.role_probe (id integer)`;
  }
}

/** Runs the statement in a transaction that is rolled back; the error code when PostgreSQL refused it. */
async function attempt(client: pg.Client, sql: string): Promise<string | undefined> {
  await client.query('begin');
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  } finally {
    await client.query('rollback');
  }
}

let databases: [string, TestDatabase][];
const clients = new Map<string, pg.Client>();
const tables: Table[] = [];

before(async () => {
  databases = Object.entries(testDatabases());
  for (const [service, database] of databases) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    clients.set(service, client);
  }
  // The catalog is readable by every role, whatever it may do with the tables.
  const catalog = clients.values().next().value as pg.Client;
  const { rows } = await catalog.query<Table>(
    `select n.nspname as schema, c.relname as name,
            (select a.attname from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attidentity <> 'a' and a.attgenerated = ''
              order by a.attnum limit 1) as column
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p')
      order by 1, 2`,
    [databases.map(([, d]) => d.schema)],
  );
  tables.push(...rows);
});

after(async () => {
  for (const client of clients.values()) await client.end();
});

describe('one PostgreSQL role per service schema', () => {
  test('when the services connect, then each one is a role of its own', async () => {
    assert.ok(databases.length >= 5, `the services with a schema: ${databases.map(([s]) => s).join(', ')}`);
    const roles = new Map<string, string>();
    for (const [service, client] of clients) {
      const { rows } = await client.query<{ role: string; superuser: boolean }>(
        'select current_user as role, rolsuper as superuser from pg_roles where rolname = current_user',
      );
      assert.equal(rows[0]!.superuser, false, `${service} connects as a superuser`);
      assert.ok(!roles.has(rows[0]!.role), `${service} and ${roles.get(rows[0]!.role)} share the role ${rows[0]!.role}`);
      roles.set(rows[0]!.role, service);
    }
  });

  test('when a service’s role runs a schema’s functions, then only its own schema’s are open to it (the audit purge is health’s alone)', async () => {
    const { rows } = await clients
      .values()
      .next()
      .value!.query<{ schema: string; name: string }>(
        `select n.nspname as schema, p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = any($1)`,
        [databases.map(([, d]) => d.schema)],
      );
    assert.ok(
      rows.some((r) => r.schema === 'health_service' && r.name === 'purge_expired_access_audit'),
      'the audit purge exists',
    );
    const wrong: string[] = [];
    for (const [service, { schema: own }] of databases) {
      for (const fn of rows) {
        const refused = await attempt(clients.get(service)!, `select ${id(fn.schema)}.${id(fn.name)}()`);
        if (fn.schema === own && refused) wrong.push(`${service} cannot run ${fn.schema}.${fn.name} (${refused})`);
        if (fn.schema !== own && refused !== INSUFFICIENT_PRIVILEGE)
          wrong.push(`${service} ${refused ? `got ${refused} on` : 'may run'} ${fn.schema}.${fn.name}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test("when a service's role reads or writes another service's schema, then PostgreSQL refuses; in its own schema it may read and write rows but not create tables", async () => {
    for (const [, { schema }] of databases) {
      assert.ok(tables.filter((t) => t.schema === schema && t.name !== 'schema_migrations').length > 0, `${schema} has tables to try`);
    }
    const wrong: string[] = [];
    for (const [service, { schema: own }] of databases) {
      const client = clients.get(service)!;
      for (const table of tables) {
        const mine = table.schema === own;
        for (const probe of ['read', 'insert', 'update', 'delete'] as const) {
          // The migration record is the migrations' own: the service may only read it. An audit table: read and insert.
          const appendOnly = APPEND_ONLY[table.schema]?.includes(table.name) ?? false;
          const allowed = mine && (table.name === 'schema_migrations' ? probe === 'read' : appendOnly ? probe === 'read' || probe === 'insert' : true);
          const refused = await attempt(client, statement(probe, table));
          if (allowed && refused) wrong.push(`${service} cannot ${probe} ${table.schema}.${table.name} (${refused})`);
          if (!allowed && refused !== INSUFFICIENT_PRIVILEGE) {
            wrong.push(`${service} ${refused ? `got ${refused}, not permission denied,` : 'may'} ${probe} ${table.schema}.${table.name}`);
          }
        }
      }
      for (const [, { schema }] of databases) {
        const refused = await attempt(client, statement('create table', { schema, name: '', column: '' }));
        if (refused !== INSUFFICIENT_PRIVILEGE) wrong.push(`${service} ${refused ? `got ${refused} on` : 'may'} create a table in ${schema}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
