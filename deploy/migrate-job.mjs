// Entry point of the chart's migration Job (charts/healthsync/templates/migrations-job.yaml),
// packaged in the `migrations` image (Dockerfile). It runs scripts/migrate.mjs — the same
// migrations `npm run migrate` applies locally — which also creates or updates each service's
// own PostgreSQL role with the password of that service's connection string and grants it its
// schema only.
//
// Connection strings: POSTGRES_ADMIN_URL and POSTGRES_URL_<SERVICE> from the environment (a
// local cluster's Secrets), or, with KEY_VAULT_URI set, the Key Vault secrets
// `postgres-admin-url` and `postgres-url-<service>`, read with the Job's workload identity: the
// AKS webhook mounts a federated token and sets AZURE_CLIENT_ID, AZURE_TENANT_ID,
// AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST, which are exchanged for a Key Vault
// access token (no SDK needed).
import fs from 'node:fs';
import { migrate } from '../scripts/migrate.mjs';
import { DATABASES, databaseSecretName, databaseUrlVariable } from '../scripts/lib/databases.mjs';

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

async function main() {
  const services = Object.keys(DATABASES);
  let adminUrl = process.env.POSTGRES_ADMIN_URL;
  const serviceUrls = Object.fromEntries(services.map((service) => [service, process.env[databaseUrlVariable(service)]]));
  const vaultUri = process.env.KEY_VAULT_URI;
  if (vaultUri) {
    const token = await keyVaultToken();
    adminUrl ??= await keyVaultSecret(vaultUri, token, 'postgres-admin-url');
    for (const service of services) serviceUrls[service] ??= await keyVaultSecret(vaultUri, token, databaseSecretName(service));
  }
  const missing = [...(adminUrl ? [] : ['POSTGRES_ADMIN_URL']), ...services.filter((s) => !serviceUrls[s]).map(databaseUrlVariable)];
  if (missing.length > 0) throw new Error(`Set ${missing.join(', ')}, or KEY_VAULT_URI with a workload identity.`);
  await migrate(adminUrl, serviceUrls);
  console.log('migrations applied');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    // The message only: connection strings never reach the log.
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
}
