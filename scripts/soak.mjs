// `npm run soak`: SOAK_MINUTES (default 30) of moderate mixed load through the gateway; samples
// every process's resident memory and open files, PostgreSQL's connections and Redis's memory,
// and prints each one's start, end, slope and verdict (flat or growing), then reads every write
// back. Figures: .data/reliability/soak.json. Exits non-zero when a write was lost or
// duplicated or a process died; a growing verdict is reported, not failed.
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
  const { runSoakSuite } = await import('./lib/reliability.mjs');
  releaseLock = await acquireSystemLock();
  let report;
  try {
    await startSystem({ testMode: true });
    report = await runSoakSuite();
  } finally {
    log.step('stopping the system');
    await stopAll();
    releaseLock();
  }
  if (report.lost + report.duplicated + report.unexpected > 0 || report.restarted.length > 0) process.exit(1);
});
