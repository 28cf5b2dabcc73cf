// Entry point of the chart's migration Job (charts/healthsync/templates/migrations-job.yaml),
// packaged in the `migrations` image (Dockerfile). It runs scripts/migrate.mjs — the same
// migrations `npm run migrate` applies locally — after making sure the services' role exists
// with the password from its connection string.
//
// Connection strings: POSTGRES_ADMIN_URL and POSTGRES_APP_URL from the environment (a local
// cluster's Secret), or, with KEY_VAULT_URI set, the Key Vault secrets `postgres-admin-url`
// and `postgres-url`, read with the Job's workload identity: the AKS webhook mounts a
// federated token and sets AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and
// AZURE_AUTHORITY_HOST, which are exchanged for a Key Vault access token (no SDK needed).
import fs from 'node:fs';
import pg from 'pg';
import { migrate } from '../scripts/migrate.mjs';

const KEY_VAULT_API_VERSION = '7.4';

async function keyVaultToken() {
  const { AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE } = process.env;
  if (!AZURE_CLIENT_ID || !AZURE_TENANT_ID || !AZURE_FEDERATED_TOKEN_FILE) {
    throw new Error('KEY_VAULT_URI is set but the workload identity variables are missing (is the pod labelled azure.workload.identity/use?)');
  }
  const authority = (process.env.AZURE_AUTHORITY_HOST ?? 'https://login.microsoftonline.com/').replace(/\/?$/, '/');
  const response = await fetch(`${authority}${AZURE_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: AZURE_CLIENT_ID,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: fs.readFileSync(AZURE_FEDERATED_TOKEN_FILE, 'utf8').trim(),
      scope: 'https://vault.azure.net/.default',
    }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`token exchange failed with status ${response.status}`);
  return (await response.json()).access_token;
}

async function keyVaultSecret(vaultUri, token, name) {
  const url = new URL(`secrets/${name}?api-version=${KEY_VAULT_API_VERSION}`, vaultUri.replace(/\/?$/, '/'));
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`reading secret ${name} from Key Vault failed with status ${response.status}`);
  return (await response.json()).value;
}

/** Creates the services' role if missing and sets its password (idempotent). */
export async function ensureAppRole(adminUrl, appUrl) {
  const { username, password } = new URL(appUrl);
  const role = decodeURIComponent(username);
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`unexpected role name in postgres-url: ${role}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [role])).rowCount > 0;
    const secret = decodeURIComponent(password).replaceAll("'", "''");
    await client.query(`${exists ? 'alter' : 'create'} role ${role} with login password '${secret}'`);
    return role;
  } finally {
    await client.end();
  }
}

async function main() {
  let adminUrl = process.env.POSTGRES_ADMIN_URL;
  let appUrl = process.env.POSTGRES_APP_URL;
  const vaultUri = process.env.KEY_VAULT_URI;
  if (vaultUri && (!adminUrl || !appUrl)) {
    const token = await keyVaultToken();
    adminUrl ??= await keyVaultSecret(vaultUri, token, 'postgres-admin-url');
    appUrl ??= await keyVaultSecret(vaultUri, token, 'postgres-url');
  }
  if (!adminUrl || !appUrl) throw new Error('Set POSTGRES_ADMIN_URL and POSTGRES_APP_URL, or KEY_VAULT_URI with a workload identity.');
  const role = await ensureAppRole(adminUrl, appUrl);
  await migrate(adminUrl, process.env.POSTGRES_APP_ROLE ?? role);
  console.log('migrations applied');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    // The message only: connection strings never reach the log.
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
}
