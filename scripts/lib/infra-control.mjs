// While `npm test` runs the system, the tests may stop one infrastructure process (PostgreSQL,
// Redis, Azurite) and start it again — to delete an account while Redis is down, say. The test
// runner owns those processes (it started them and stops them at the end), so the tests ask it:
// this is a loopback HTTP endpoint with a per-run token, named to the test processes in
// HEALTHSYNC_INFRA_CONTROL / HEALTHSYNC_INFRA_CONTROL_TOKEN (tests/support/infra.ts).
//
//   POST /infra/<name>/stop[?signal=SIGKILL]   ends it (default: its clean stop) and waits until it is gone
//   POST /infra/<name>/start                   starts it as the system did and waits until it serves
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { log } from './log.mjs';
import { endProcess, runningProcess } from './processes.mjs';

const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGKILL']);

/** `starters`: name → starts that process again (scripts/lib/system.mjs: restartableInfra). */
export async function startInfraControl(starters) {
  const token = randomBytes(24).toString('base64url');
  let busy = Promise.resolve();
  const server = http.createServer((req, res) => {
    const answer = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const presented = Buffer.from(req.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return answer(401, { error: 'token required' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/infra\/([a-z-]+)\/(stop|start)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) return answer(404, { error: 'POST /infra/<name>/stop|start' });
    const [, name, action] = match;
    if (!starters[name]) return answer(404, { error: `${name} cannot be stopped and started; known: ${Object.keys(starters).join(', ')}` });
    const signal = url.searchParams.get('signal') ?? undefined;
    if (signal !== undefined && !SIGNALS.has(signal)) return answer(400, { error: `signal must be one of ${[...SIGNALS].join(', ')}` });
    // One change at a time: a stop and a start of the same process never overlap.
    busy = busy.then(async () => {
      const started = Date.now();
      try {
        const entry = runningProcess(name);
        if (action === 'stop') {
          if (entry) await endProcess(entry, signal);
          log.step(`test control: ${name} stopped${signal ? ` (${signal})` : ''}`);
        } else if (!entry) {
          await starters[name]();
          log.step(`test control: ${name} started again`);
        }
        answer(200, { name, action, running: Boolean(runningProcess(name)), seconds: (Date.now() - started) / 1000 });
      } catch (error) {
        answer(500, { error: String(error?.message ?? error) });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    env: { HEALTHSYNC_INFRA_CONTROL: `http://127.0.0.1:${server.address().port}`, HEALTHSYNC_INFRA_CONTROL_TOKEN: token },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
