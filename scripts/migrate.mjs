// `npm run migrate`: applies each service's versioned SQL migrations
// (services/<service>/migrations/NNN_name.sql) to its own schema, in order, each in a
// transaction, recording version and checksum in <schema>.schema_migrations. An applied
// file that was edited afterwards stops the run: write a new migration instead.
//
// Connection: POSTGRES_ADMIN_URL, or locally the generated .data/secrets.json. The role
// the services use (POSTGRES_APP_ROLE, default healthsync_app) gets DML rights only.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fail, log, runMain } from './lib/log.mjs';
import { root, secretsFile } from './lib/paths.mjs';

const SCHEMAS = {
  user: 'user_service',
  health: 'health_service',
  goal: 'goal_service',
  intelligence: 'intelligence_service',
  batch: 'batch_service',
  // The Python service (services/usage-analytics): its migrations are plain SQL files too.
  'usage-analytics': 'usage_analytics_service',
};

function migrationsOf(service) {
  const dir = path.join(root, 'services', service, 'migrations');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(file.slice(0, 3)), name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(adminUrl, appRole = process.env.POSTGRES_APP_ROLE ?? 'healthsync_app') {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const [service, schema] of Object.entries(SCHEMAS)) {
      await client.query(`create schema if not exists ${schema}`);
      await client.query(`create table if not exists ${schema}.schema_migrations (
        version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
      await client.query(`grant usage on schema ${schema} to ${appRole}`);
      await client.query(`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${appRole}`);
      await client.query(`alter default privileges in schema ${schema} grant usage, select on sequences to ${appRole}`);
      await client.query(`grant select on ${schema}.schema_migrations to ${appRole}`);
      const applied = new Map((await client.query(`select version, name, checksum from ${schema}.schema_migrations`)).rows.map((r) => [r.version, r]));
      let count = 0;
      for (const migration of migrationsOf(service)) {
        const done = applied.get(migration.version);
        if (done) {
          if (done.checksum !== migration.checksum) {
            fail(`${service}/migrations/${migration.name} was changed after it was applied. Add a new migration instead.`);
          }
          continue;
        }
        await client.query('begin');
        try {
          await client.query(`set local search_path to ${schema}, public`);
          await client.query(migration.sql);
          await client.query(`insert into ${schema}.schema_migrations (version, name, checksum) values ($1, $2, $3)`, [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          fail(`${service}/migrations/${migration.name} failed: ${error.message}`);
        }
        count += 1;
      }
      log.step(`migrations: ${service} (${schema}) ${count > 0 ? `applied ${count}` : 'up to date'}`);
    }
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain(async () => {
    let url = process.env.POSTGRES_ADMIN_URL;
    if (!url) {
      if (!fs.existsSync(secretsFile)) fail('Set POSTGRES_ADMIN_URL, or run `npm run setup` for the local database.');
      url = JSON.parse(fs.readFileSync(secretsFile, 'utf8'))['postgres-admin-url'];
    }
    await migrate(url);
  });
}
