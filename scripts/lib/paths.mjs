import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, '.data');
export const logsDir = path.join(dataDir, 'logs');
export const toolsDir = path.join(root, '.tools');
/** DAPR_RUNTIME_PATH: the CLI looks for daprd in <this>/.dapr/bin. */
export const daprRuntimePath = toolsDir;
export const daprBinDir = path.join(toolsDir, '.dapr', 'bin');
export const daprCli = path.join(toolsDir, 'bin', 'dapr');
export const secretsFile = path.join(dataDir, 'secrets.json');
