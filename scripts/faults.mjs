// `npm run faults`: the fault-injection suite. Starts the system (as `npm test` does), runs a
// mixed write load from several signed-in users while it kills every service, every daprd,
// PostgreSQL, Redis, Azurite, the scheduler and each stand-in with SIGKILL, one at a time, and
// starts it again; prints a table (fault, requests, errors seen, lost, duplicated, recovery
// seconds) and writes the figures to .data/reliability/faults-full.json. Exits non-zero when a
// write was lost or duplicated, a fault did not recover or an outbox did not drain.
// FAULTS=name,name… runs only those (names as in the table).
import { log, runMain } from './lib/log.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { setup } from './setup.mjs';

let releaseLock = () => {};
process.on('SIGINT', async () => {
  await stopAll();
  releaseLock();
  process.exit(130);
});

await runMain(async () => {
  await setup();
  // Imported only now: they need the npm dependencies that set-up installs.
  const { startSystem } = await import('./lib/system.mjs');
  const { runFaultSuite } = await import('./lib/reliability.mjs');
  releaseLock = await acquireSystemLock();
  let ok = false;
  try {
    await startSystem({ testMode: true });
    ok = await runFaultSuite('full');
  } finally {
    log.step('stopping the system');
    await stopAll();
    releaseLock();
  }
  if (!ok) process.exit(1);
});
