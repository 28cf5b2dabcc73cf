// `npm run setup`: everything `npm start` and `npm test` need, installed or built once.
import { runMain, log } from './lib/log.mjs';
import { ports } from './lib/ports.mjs';
import {
  buildTypeScript,
  buildWebClient,
  checkNode,
  ensureDaprTools,
  ensureNodeModules,
  ensurePythonTools,
  ensureSecrets,
  ensureSystemPackages,
  ensureTraceViewer,
} from './lib/setup-steps.mjs';

export async function setup() {
  checkNode();
  ensureSystemPackages();
  ensureNodeModules();
  await ensureDaprTools();
  ensurePythonTools();
  ensureTraceViewer();
  buildTypeScript();
  buildWebClient();
  ensureSecrets(ports);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain(async () => {
    await setup();
    log.step('set-up complete');
  });
}
