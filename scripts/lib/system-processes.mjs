// Which process of the local system is which, how to tell it serves, and how to crash and
// restart each one (the fault suite) or measure it (the soak suite). Built on the generic
// scripts/lib/process-control.mjs; the system itself is started by scripts/lib/system.mjs.
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { backingServices, componentSet } from './component-sets.mjs';
import { root } from './paths.mjs';
import { apps, ports, rabbitMqPorts, webUrl } from './ports.mjs';
import { answers, findProcesses, killHard, relaunch, snapshot, usage, waitFor } from './process-control.mjs';
import { isPortOpen } from './processes.mjs';
import { rabbitMqServerScript, readSecrets } from './setup-steps.mjs';

const base = (file) => path.basename(file ?? '');
const local = (port, pathname = '/') => `http://127.0.0.1:${port}${pathname}`;

/** The value of `--flag value` or `--flag=value` in an argument vector. */
function flag(argv, name) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** PING after AUTH: true when Redis answers PONG. */
function redisAnswers(password) {
  return new Promise((resolve) => {
    const socket = net.connect(ports.redis, '127.0.0.1');
    let data = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      if (data.includes('+PONG')) done(true);
      else if (data.startsWith('-')) done(false);
    });
    const command = (...args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
    socket.write(command('AUTH', password) + command('PING'));
  });
}

async function postgresAnswers(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Every process of the running system: name, kind, how to find it in /proc, whether a crash
 * takes its whole process group (PostgreSQL: the postmaster and its backends), the signal that
 * stops it gracefully, and the check that it serves again.
 */
export function systemProcesses() {
  const secrets = readSecrets();
  const list = [];
  // Which backing services the running component set needs (HEALTHSYNC_COMPONENTS): Redis, or RabbitMQ.
  const needs = backingServices(componentSet());
  for (const [app, [appPort, daprPort]] of Object.entries(apps)) {
    const appReady = () => answers(local(appPort, '/readyz'));
    const serviceDir = path.join(root, 'services', app);
    list.push({
      name: `${app} service`,
      kind: 'service',
      // The Node services run dist/src/main.js; usage-analytics is `python -m usage_analytics` from its virtual environment.
      match: (p) =>
        p.cwd === serviceDir &&
        ((base(p.argv[0]) === 'node' && p.argv.some((a) => a.endsWith('dist/src/main.js'))) ||
          (base(p.argv[0]).startsWith('python') && p.argv[1] === '-m' && p.argv[2] === app.replaceAll('-', '_'))),
      healthy: appReady,
    });
    list.push({
      name: `${app} daprd`,
      kind: 'sidecar',
      match: (p) => base(p.argv[0]) === 'daprd' && flag(p.argv, '--app-id') === app,
      // The sidecar serves, and its app is ready again (an app is ready once its sidecar is).
      healthy: async () => (await answers(local(daprPort, '/v1.0/healthz'), { statuses: [204] })) && (await appReady()),
    });
  }
  list.push(
    {
      name: 'postgresql',
      kind: 'infrastructure',
      match: (p) => base(p.argv[0]) === 'postgres' && flag(p.argv, '-p') === String(ports.postgres),
      group: true,
      stopSignal: 'SIGINT',
      healthy: () => postgresAnswers(secrets['postgres-admin-url']),
    },
    ...(needs.redis
      ? [
          {
            name: 'redis',
            kind: 'infrastructure',
            // Redis rewrites its command line to `redis-server 127.0.0.1:16379`.
            match: (p) => p.argv.join(' ').includes('redis-server') && p.argv.join(' ').includes(`:${ports.redis}`),
            healthy: () => redisAnswers(secrets['redis-password']),
          },
        ]
      : []),
    ...(needs.rabbitmq
      ? [
          {
            name: 'rabbitmq',
            kind: 'infrastructure',
            // Debian's rabbitmq-server script waits on the Erlang VM it started in its own process
            // group: the group dies together, as a machine losing the broker would; epmd lives on.
            match: (p) => p.argv.includes(rabbitMqServerScript),
            group: true,
            healthy: () => isPortOpen(rabbitMqPorts.amqp),
          },
        ]
      : []),
    {
      name: 'azurite',
      kind: 'infrastructure',
      match: (p) =>
        p.argv.some((a) => a.endsWith(path.join('azurite', 'dist', 'src', 'blob', 'main.js'))) && flag(p.argv, '--blobPort') === String(ports.azuriteBlob),
      // Any HTTP answer from the Blob endpoint (an unsigned request is refused) means it serves.
      healthy: () => answers(local(ports.azuriteBlob, '/devstoreaccount1?comp=list'), { statuses: [200, 400, 403] }),
      // Azurite keeps blob metadata in memory and writes it to disk every 5 s (LokiJS autosave in
      // node_modules/azurite/dist/src/blob/persistence/LokiBlobMetadataStore.js), so a SIGKILL
      // forgets the blobs of the last seconds; Azure Storage answers 201 only once a write is durable.
      volatile: {
        what: 'checkup document',
        windowMs: 6_000,
        why: 'stored in Azurite within its 5 s metadata autosave before the SIGKILL; Azure Storage acknowledges only durable writes',
      },
    },
    {
      name: 'scheduler',
      kind: 'infrastructure',
      match: (p) => base(p.argv[0]) === 'scheduler' && flag(p.argv, '--port') === String(ports.scheduler),
      healthy: async () => (await answers(local(ports.schedulerHealthz, '/healthz'), { statuses: [200, 204] })) && isPortOpen(ports.scheduler),
    },
    {
      name: 'sentry',
      kind: 'infrastructure',
      match: (p) => base(p.argv[0]) === 'sentry' && flag(p.argv, '--port') === String(ports.sentry),
      healthy: () => answers(local(ports.sentryHealthz, '/healthz'), { statuses: [200, 204] }),
    },
  );
  for (const [standIn, port] of [
    ['google-oidc', ports.oidc],
    ['nhis', ports.nhis],
    ['claude', ports.claude],
  ]) {
    list.push({
      name: `${standIn} stand-in`,
      kind: 'stand-in',
      match: (p) => p.argv.some((a) => a.endsWith(path.join('standins', standIn, 'dist', 'src', 'main.js'))),
      healthy: () => isPortOpen(port),
    });
  }
  list.push({
    // Static files of the web client (clients/web/serve.mjs): no write goes through it, so a kill
    // must cost the API nothing; it serves again once restarted.
    name: 'web client',
    kind: 'web',
    match: (p) => base(p.argv[0]) === 'node' && p.argv.some((a) => a.endsWith(path.join('clients', 'web', 'serve.mjs'))),
    healthy: () => answers(`${webUrl}/config.json`),
  });
  list.push(
    { name: 'dapr CLI', kind: 'tooling', match: (p) => base(p.argv[0]) === 'dapr' && p.argv[1] === 'run' },
    { name: 'trace viewer', kind: 'tooling', match: (p) => base(p.argv[0]) === 'java' && p.argv.some((a) => a.includes('zipkin')) },
  );
  return list;
}

/** The process of a described system process (its postmaster, for PostgreSQL); throws when not exactly one runs. */
function locate(processInfo) {
  const found = findProcesses(processInfo.match);
  if (found.length !== 1) throw new Error(`expected one ${processInfo.name} process, found ${found.length}`);
  return found[0];
}

/**
 * What the fault suite may crash: every service, every daprd, PostgreSQL, Redis, Azurite, the
 * scheduler and each stand-in. `crash()` kills it with SIGKILL and resolves to a `restart()`
 * that starts it again exactly as it was and resolves, once it serves, to the milliseconds that took.
 */
export function faultTargets() {
  return systemProcesses()
    .filter((p) => p.kind !== 'tooling' && p.name !== 'sentry')
    .map((processInfo) => ({
      name: processInfo.name,
      kind: processInfo.kind,
      healthy: processInfo.healthy,
      ...(processInfo.volatile ? { volatile: processInfo.volatile } : {}),
      async crash() {
        const victim = locate(processInfo);
        const spec = snapshot(victim.pid);
        const { killedAt, pids } = await killHard(victim.pid, { group: processInfo.group === true });
        return {
          killedAt,
          killedPids: pids,
          async restart() {
            const restartedAt = Date.now();
            const entry = relaunch(spec, { name: processInfo.name.replaceAll(' ', '-'), stopSignal: processInfo.stopSignal ?? 'SIGTERM' });
            await waitFor(
              `${processInfo.name} to serve again`,
              async () => {
                if (entry.exited) throw new Error(`${processInfo.name} exited (${entry.exitCode}) after its restart; see ${entry.logFile}`);
                return processInfo.healthy();
              },
              { timeoutMs: 90_000 },
            );
            return { restartedAt, healthyAt: Date.now(), pid: entry.pid };
          },
        };
      },
    }));
}

/**
 * Resident memory (RSS, and PSS: shared pages divided among their sharers) and open file
 * descriptors of every system process. PostgreSQL is the postmaster and its backends together,
 * as connections come and go; for it PSS is the meaningful sum (each backend maps the same
 * shared buffers). `pid` is the main process's, so a restart shows.
 */
export function measureProcesses() {
  const figures = [];
  for (const processInfo of systemProcesses()) {
    const found = findProcesses(processInfo.match);
    if (found.length === 0) continue;
    const pids = processInfo.group ? findProcesses((p) => p.pgid === found[0].pgid).map((p) => p.pid) : found.map((p) => p.pid);
    let rssKb = 0;
    let pssKb = 0;
    let fds = 0;
    for (const pid of pids) {
      const u = usage(pid);
      if (!u) continue;
      rssKb += u.rssKb;
      pssKb += u.pssKb;
      fds += u.fds;
    }
    figures.push({ name: processInfo.name, kind: processInfo.kind, pid: found[0].pid, processes: pids.length, rssKb, pssKb, fds });
  }
  return figures;
}

/** Names of the system processes (services, sidecars, infrastructure, stand-ins) not running now. */
export function processesDown() {
  return systemProcesses()
    .filter((p) => p.kind !== 'tooling')
    .filter((p) => findProcesses(p.match).length === 0)
    .map((p) => p.name);
}
