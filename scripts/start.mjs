// `npm start`: set up, start the whole system, print the gateway URL; Ctrl-C stops it all.
// `npm run infra` (--infra-only): everything but the services, for `scripts/dapr run -f .`.
import path from 'node:path';
import { log, runMain } from './lib/log.mjs';
import { root } from './lib/paths.mjs';
import { gatewayUrl, traceViewerUrl, webUrl } from './lib/ports.mjs';
import { acquireSystemLock, anyExited, stopAll } from './lib/processes.mjs';
import { setup } from './setup.mjs';

const infraOnly = process.argv.includes('--infra-only');
let stopping = false;
/** One system per machine (fixed ports): a running test run or bench is waited for. */
let releaseLock = () => {};
/** The dapr CLI's run file of the chosen component set (dapr.yaml, or a copy for another set). */
let runFile = 'dapr.yaml';
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log.step('stopping everything');
  await stopAll();
  releaseLock();
  log.step('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

await runMain(async () => {
  try {
    await setup();
    releaseLock = await acquireSystemLock();
    // Imported only now: it needs the npm dependencies that set-up installs.
    const { startSystem } = await import('./lib/system.mjs');
    ({ runFile } = await startSystem({ apps: !infraOnly }));
  } catch (error) {
    await stopAll();
    releaseLock();
    throw error;
  }
  if (infraOnly) {
    console.log(
      `\nInfrastructure, Dapr control plane and stand-ins are running (traces: ${traceViewerUrl}). In another terminal:\n  scripts/dapr run -f ${path.relative(root, runFile) === 'dapr.yaml' ? '.' : path.relative(root, runFile)}\nPress Ctrl-C here to stop them.\n`,
    );
  } else {
    console.log(
      `\nHealthSync is running: ${gatewayUrl}\n  Web app:  ${webUrl}\n  API docs: ${gatewayUrl}/api/docs\n  OpenAPI:  ${gatewayUrl}/api/openapi.json\n  Traces:   ${traceViewerUrl}\nPress Ctrl-C to stop.\n`,
    );
  }
  const watch = setInterval(() => {
    const dead = anyExited();
    if (dead && !stopping) {
      clearInterval(watch);
      log.warn(`${dead.name} exited (${dead.exitCode}); see ${dead.logFile}`);
      void shutdown(1);
    }
  }, 1000);
});
