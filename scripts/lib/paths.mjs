import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, '.data');
export const logsDir = path.join(dataDir, 'logs');
export const toolsDir = path.join(root, '.tools');
/** Where the Dapr builds put daprd, scheduler and sentry. */
export const daprBinDir = path.join(toolsDir, '.dapr', 'bin');
/**
 * DAPR_RUNTIME_PATH: the CLI looks for daprd in <this>/.dapr/bin. There it finds
 * scripts/daprd-for-app, which gives each sidecar its own app's tokens and runs the real daprd.
 */
export const daprRuntimePath = path.join(dataDir, 'dapr-runtime');
/** One env file per app with its DAPR_API_TOKEN and APP_API_TOKEN (scripts/with-app-tokens). */
export const appTokensDir = path.join(dataDir, 'tokens');
export const daprCli = path.join(toolsDir, 'bin', 'dapr');
export const secretsFile = path.join(dataDir, 'secrets.json');
