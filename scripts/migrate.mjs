// `npm run migrate`: applies each service's versioned SQL migrations
// (services/<service>/migrations/NNN_name.sql) to its own schema, in order, each in a
// transaction, recording version and checksum in <schema>.schema_migrations. An applied
// file that was edited afterwards stops the run: write a new migration instead.
//
// Each service connects as its own role (scripts/lib/databases.mjs). The run creates or
// updates those roles with the passwords of their connection strings, gives each one DML
// rights on its own schema only, and takes away every grant on a schema that its role does
// not hold (another service's role, PUBLIC, a retired shared role): the run leaves the grants
// exactly as described here.
//
// Connection strings: POSTGRES_ADMIN_URL and POSTGRES_URL_<SERVICE> (one per service), or
// locally the generated .data/secrets.json.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DATABASES, databaseSecretName, databaseUrlVariable } from './lib/databases.mjs';
import { fail, log, runMain } from './lib/log.mjs';
import { root, secretsFile } from './lib/paths.mjs';

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

/**
 * Each service's role and password from its connection string. The string must name the
 * service's own role: a connection string of another role is refused rather than granted.
 */
export function serviceCredentials(serviceUrls) {
  const credentials = {};
  for (const [service, { role }] of Object.entries(DATABASES)) {
    const url = serviceUrls[service];
    if (!url) throw new Error(`no connection string for ${service} (${databaseSecretName(service)})`);
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`the connection string of ${service} is not a URL`);
    }
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (user !== role) throw new Error(`the connection string of ${service} names the role ${user || '(none)'}, not ${role}`);
    if (password.length < 16) throw new Error(`the connection string of ${service} has no password of at least 16 characters`);
    credentials[service] = { role, password };
  }
  return credentials;
}

/**
 * A SCRAM-SHA-256 verifier (RFC 7677, as PostgreSQL stores it): the role's password is set
 * from this, so the clear text never reaches the server, its statement log or its statistics.
 */
export function scramVerifier(password, salt = randomBytes(16), iterations = 4096) {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

async function ensureRole(client, role, password) {
  const exists = (await client.query('select 1 from pg_roles where rolname = $1', [role])).rowCount > 0;
  const verifier = client.escapeLiteral(scramVerifier(password));
  const id = client.escapeIdentifier(role);
  // Login only: no superuser, no role or database creation, no replication, no bypass of row security.
  const attributes = 'login nosuperuser nocreatedb nocreaterole noreplication nobypassrls';
  await client.query(`${exists ? 'alter' : 'create'} role ${id} with ${attributes} password ${verifier}`);
}

/**
 * Grants on a schema held by anyone but its service's role and the role that runs the
 * migrations (the owner): schema, tables, sequences and default privileges. Grantee 0 is PUBLIC.
 */
async function foreignGrantees(client, schema, role) {
  const { rows } = await client.query(
    `select distinct case when acl.grantee = 0 then 'public' else pg_get_userbyid(acl.grantee) end as grantee
       from (
         select (aclexplode(nspacl)).grantee from pg_namespace where nspname = $1
         union all
         select (aclexplode(c.relacl)).grantee from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1
         union all
         select (aclexplode(d.defaclacl)).grantee from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace where n.nspname = $1
       ) acl
      where acl.grantee not in (select oid from pg_roles where rolname in ($2, current_user))`,
    [schema, role],
  );
  return rows.map((r) => r.grantee);
}

async function grantOnlyOwnRole(client, schema, role, appendOnly = []) {
  const s = client.escapeIdentifier(schema);
  const r = client.escapeIdentifier(role);
  await client.query(`grant usage on schema ${s} to ${r}`);
  await client.query(`grant select, insert, update, delete on all tables in schema ${s} to ${r}`);
  await client.query(`grant usage, select on all sequences in schema ${s} to ${r}`);
  await client.query(`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r}`);
  await client.query(`alter default privileges in schema ${s} grant usage, select on sequences to ${r}`);
  // The migration record is the migrations' own: the service may read it, not rewrite it.
  await client.query(`revoke insert, update, delete, truncate on ${s}.schema_migrations from ${r}`);
  // Audit records: written once, read, never changed or removed by the service.
  for (const table of appendOnly) {
    await client.query(`revoke update, delete, truncate on ${s}.${client.escapeIdentifier(table)} from ${r}`);
  }
  // A schema's functions (e.g. the audit's retention purge, which runs as the owner) are its role's
  // alone: PostgreSQL lets PUBLIC execute a new function unless told otherwise, so this runs after
  // every migration run.
  await client.query(`revoke execute on all functions in schema ${s} from public`);
  await client.query(`grant execute on all functions in schema ${s} to ${r}`);
  for (const grantee of await foreignGrantees(client, schema, role)) {
    const g = grantee === 'public' ? 'public' : client.escapeIdentifier(grantee);
    await client.query(`revoke all on schema ${s} from ${g}`);
    await client.query(`revoke all on all tables in schema ${s} from ${g}`);
    await client.query(`revoke all on all sequences in schema ${s} from ${g}`);
    await client.query(`alter default privileges in schema ${s} revoke all on tables from ${g}`);
    await client.query(`alter default privileges in schema ${s} revoke all on sequences from ${g}`);
    log.detail(`migrations: ${schema}: revoked the grants of ${grantee}`);
  }
}

/**
 * Applies the migrations and sets up the roles. `serviceUrls`: service name → its connection
 * string (its role and password), for every service in DATABASES.
 */
export async function migrate(adminUrl, serviceUrls) {
  const credentials = serviceCredentials(serviceUrls);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = client.escapeIdentifier((await client.query('select current_database() as name')).rows[0].name);
    for (const [service, { schema, appendOnly }] of Object.entries(DATABASES)) {
      const { role, password } = credentials[service];
      await ensureRole(client, role, password);
      await client.query(`grant connect on database ${database} to ${client.escapeIdentifier(role)}`);
      await client.query(`create schema if not exists ${schema}`);
      await client.query(`create table if not exists ${schema}.schema_migrations (
        version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
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
      // After the migrations, so the tables they created are covered too.
      await grantOnlyOwnRole(client, schema, role, appendOnly);
      log.step(`migrations: ${service} (${schema}, role ${role}) ${count > 0 ? `applied ${count}` : 'up to date'}`);
    }
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain(async () => {
    let adminUrl = process.env.POSTGRES_ADMIN_URL;
    let serviceUrls;
    if (adminUrl) {
      serviceUrls = Object.fromEntries(Object.keys(DATABASES).map((service) => [service, process.env[databaseUrlVariable(service)]]));
      const missing = Object.keys(DATABASES).filter((service) => !serviceUrls[service]);
      if (missing.length > 0) fail(`With POSTGRES_ADMIN_URL, also set ${missing.map(databaseUrlVariable).join(', ')}.`);
    } else {
      if (!fs.existsSync(secretsFile)) fail('Set POSTGRES_ADMIN_URL, or run `npm run setup` for the local database.');
      const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
      adminUrl = secrets['postgres-admin-url'];
      serviceUrls = Object.fromEntries(Object.keys(DATABASES).map((service) => [service, secrets[databaseSecretName(service)]]));
    }
    try {
      await migrate(adminUrl, serviceUrls);
    } catch (error) {
      fail(`migrations failed: ${error.message}`);
    }
  });
}
