// `npm run bench:mix`: signed-in virtual users replaying what the app does in a day, through
// the gateway with every sidecar, against the Claude stand-in at realistic settings (time to
// first token and output speed of the configured model, its rate limits and occasional 529s;
// docs/reference/anthropic-api.md). It prints figures and saves them; it asserts nothing.
//
// Each virtual user is a real account: signed in through the Google stand-in, onboarded, its
// NHIS checkup linked and imported, three missions chosen, a chat opened. Then, in a loop with
// a think time between steps (uniform 0.5–1.5 × BENCH_MIX_THINK_MS):
//
//   home        GET /api/home (profile, latest judged checkup, today's missions, inbox)
//   check-off   PUT (or DELETE, to undo yesterday's run) /api/goals/missions/{id}/completions/{today}
//   trends      GET /api/health/trends?items=bmi,sbp,fasting_glucose
//   chat        POST /api/intelligence/chats/{id}/messages, the answer read as server-sent events
//               to its end (`chat first token`: until the first token event)
//
// The load comes in stages of more users (BENCH_MIX_USERS, e.g. 20,60,120), each for
// BENCH_MIX_SECONDS. Per stage: per-operation throughput, p50/p90/p99 and errors, and the CPU
// and resident memory of every process. The figures go to .data/bench/mix-<time>.json and a
// plot of the latency distributions to the .png beside it (matplotlib, in .tools/python).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log, runMain } from './lib/log.mjs';
import { dataDir, root } from './lib/paths.mjs';
import { gatewayUrl, ports } from './lib/ports.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { pythonVenv } from './lib/setup-steps.mjs';
import { measureProcesses } from './bench/processes.mjs';
import { setup } from './setup.mjs';

const STAGES = (process.env.BENCH_MIX_USERS ?? '20,60,120').split(',').map(Number);
const STAGE_SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 40);
const THINK_MS = Number(process.env.BENCH_MIX_THINK_MS ?? 1000);
const SETUP_CONCURRENCY = Number(process.env.BENCH_MIX_SETUP_CONCURRENCY ?? 6);
const nhis = `http://127.0.0.1:${ports.nhis}`;
const OPERATIONS = ['home', 'check-off', 'trends', 'chat first token', 'chat'];

const CHECKUP = {
  year: '2025',
  examDate: '20250314',
  organization_name: '새봄내과의원',
  height_cm: '162.0',
  weight_kg: '61.0',
  bmi: '23.2',
  waist_cm: '79.0',
  sbp: '134',
  dbp: '86',
  fasting_glucose: '104',
  hemoglobin: '12.9',
  urine_protein: '음성',
  creatinine: '0.8',
  egfr: '96',
  ast: '24',
  alt: '22',
  ggt: '28',
  chest_xray: '정상',
};
const QUESTIONS = [
  '공복혈당 104면 당뇨 전단계인가요?',
  '혈압 134/86이면 약을 먹어야 하나요?',
  '허리둘레를 줄이려면 어떤 운동이 좋아요?',
  '간 수치는 괜찮은 편인가요?',
];

const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(path, { token, method = 'GET', json, headers = {} } = {}) {
  return fetch(`${gatewayUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

async function expectOk(response, what) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function control(path, body) {
  const response = await fetch(`${nhis}/_control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return expectOk(response, `NHIS stand-in ${path}`);
}

/** One virtual user, made the way the app makes one: sign-in, onboarding, NHIS link, missions, a chat. */
async function makeUser(index, runTag, phoneBase) {
  const { obtainIdToken } = await import('@healthsync/standin-google-oidc');
  const nonce = `mix-${randomUUID()}`;
  const idToken = await obtainIdToken({
    issuer: `http://127.0.0.1:${ports.oidc}`,
    clientId: 'healthsync-mobile',
    redirectUri: 'com.healthsync.app:/oauth2redirect',
    loginHint: `mix-${runTag}-${index}@healthsync.test`,
    nonce,
  });
  const session = await expectOk(await call('/api/auth/google', { method: 'POST', json: { idToken, nonce } }), 'sign-in');
  const token = session.accessToken;
  const sex = index % 2 === 0 ? 'F' : 'M';
  const birthDate = `${1960 + (index % 40)}-0${1 + (index % 9)}-1${index % 10}`;
  const name = index % 2 === 0 ? '김민지' : '이준호';
  await expectOk(await call('/api/users/me', { token, method: 'PUT', json: { name, birthDate, sex, occupation: 'OFFICE_WORKER' } }), 'onboarding');
  // The consents the app asks for at onboarding (PIPA): health information, and its transfer to the AI provider.
  const { consents } = await expectOk(await call('/api/users/me/consents', { token }), 'consents');
  for (const { purpose, notice } of consents) {
    await expectOk(
      await call('/api/users/me/consents', { token, method: 'POST', json: { purpose, action: 'GRANT', version: notice.version, channel: 'APP' } }),
      `consent ${purpose}`,
    );
  }
  // The stand-in shows pending approvals with the number masked but for its last four digits.
  const phone = `010-${String(1000 + Math.floor(Math.random() * 9000))}-${String((phoneBase + index) % 10_000).padStart(4, '0')}`;
  await control('/people', { name, birthDate: birthDate.replaceAll('-', ''), phone, sex, checkups: [CHECKUP] });
  let link;
  for (let attempt = 0; ; attempt += 1) {
    const response = await call('/api/health/nhis/links', { token, method: 'POST', json: { name, birthDate, phone, provider: 'KAKAO' } });
    // Until the health service has the profile from the user service's event: 409 PROFILE_INCOMPLETE.
    if (response.status === 409 && attempt < 80) {
      await response.body?.cancel();
      await sleep(250);
      continue;
    }
    link = await expectOk(response, 'starting the NHIS link');
    break;
  }
  const digits = phone.replace(/\D/g, '');
  const masked = `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  const { pending } = await control('/approvals');
  const approval = pending.find((p) => p.phone === masked);
  if (!approval) throw new Error(`no NHIS approval pending for ${masked}`);
  await control(`/approvals/${encodeURIComponent(approval.jti)}`, { decision: 'approve' });
  await expectOk(await call(`/api/health/nhis/links/${link.id}/complete`, { token, method: 'POST' }), 'completing the NHIS link');
  const catalogue = await expectOk(await call('/api/goals/catalogue', { token }), 'catalogue');
  const missionIds = catalogue.missions.slice(index % 5, (index % 5) + 3).map((m) => m.id);
  await expectOk(await call('/api/goals/missions', { token, method: 'PUT', json: { missionIds } }), 'choosing missions');
  const chat = await expectOk(await call('/api/intelligence/chats', { token, method: 'POST' }), 'opening a chat');
  return { index, token, missionIds, chatId: chat.id, done: new Set() };
}

/** Reads a server-sent-events answer to its end; resolves with the time of the first token. */
async function readChat(response, started) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let firstToken;
  let done = false;
  let failed;
  for (;;) {
    const { done: ended, value } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: (.*)$/m.exec(event)?.[1];
      if (name === 'token' && firstToken === undefined) firstToken = performance.now() - started;
      if (name === 'done') done = true;
      if (name === 'error') failed = /^data: (.*)$/m.exec(event)?.[1] ?? 'error event';
    }
  }
  return { firstToken, done, failed };
}

/** The four steps of the day, in order, for one user; each records what it took. */
function dayOf(user, record) {
  const timed = async (op, work) => {
    const started = performance.now();
    try {
      const status = await work(started);
      record(op, performance.now() - started, status >= 200 && status < 300 ? undefined : `HTTP ${status}`);
    } catch (error) {
      record(op, performance.now() - started, String(error?.message ?? error).slice(0, 120));
    }
  };
  return [
    () =>
      timed('home', async () => {
        const response = await call('/api/home', { token: user.token });
        const body = await response.json();
        const unavailable = Object.entries(body).filter(([, part]) => part?.status === 'UNAVAILABLE');
        if (response.ok && unavailable.length > 0) throw new Error(`home part unavailable: ${unavailable.map(([k, p]) => `${k} ${p.code}`).join(', ')}`);
        return response.status;
      }),
    () =>
      timed('check-off', async () => {
        const missionId = user.missionIds[user.index % user.missionIds.length];
        const undo = user.done.has(missionId);
        const response = await call(`/api/goals/missions/${encodeURIComponent(missionId)}/completions/${seoulToday()}`, {
          token: user.token,
          method: undo ? 'DELETE' : 'PUT',
        });
        await response.body?.cancel();
        if (response.ok) undo ? user.done.delete(missionId) : user.done.add(missionId);
        return response.status;
      }),
    () =>
      timed('trends', async () => {
        const response = await call('/api/health/trends?items=bmi,sbp,fasting_glucose', { token: user.token });
        await response.arrayBuffer();
        return response.status;
      }),
    () =>
      timed('chat', async (started) => {
        const response = await call(`/api/intelligence/chats/${user.chatId}/messages`, {
          token: user.token,
          method: 'POST',
          json: { message: QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] },
          headers: { accept: 'text/event-stream' },
        });
        if (!response.ok) {
          await response.body?.cancel();
          return response.status;
        }
        const { firstToken, done, failed } = await readChat(response, started);
        if (firstToken !== undefined) record('chat first token', firstToken, undefined);
        if (failed) throw new Error(`stream error: ${failed.slice(0, 80)}`);
        if (!done) throw new Error('the stream ended without its done event');
        return response.status;
      }),
  ];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}
const f = (n, d = 1) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(d) : '-');

await runMain(async () => {
  await setup();
  const { startSystem } = await import('./lib/system.mjs');
  const releaseLock = await acquireSystemLock();
  try {
    // Test identities (any <name>@healthsync.test signs in), the Claude stand-in at realistic
    // settings, traces sampled as in production.
    await startSystem({ testMode: true, claudeEnv: { CLAUDE_STANDIN_PROFILE: 'realistic' }, appEnv: { gateway: { TRACE_SAMPLE_RATE: '0.01' } } });
    const runTag = Date.now().toString(36);
    const phoneBase = Math.floor(Math.random() * 10_000);
    const total = Math.max(...STAGES);
    log.step(`setting up ${total} users (sign-in, onboarding, NHIS link, missions, a chat), ${SETUP_CONCURRENCY} at a time`);
    const setupStarted = Date.now();
    const users = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SETUP_CONCURRENCY }, async () => {
        while (next < total) {
          const index = next++;
          users[index] = await makeUser(index, runTag, phoneBase);
        }
      }),
    );
    log.step(`users ready in ${((Date.now() - setupStarted) / 1000).toFixed(0)} s`);

    const stages = [];
    for (const count of STAGES) {
      log.step(`stage: ${count} users for ${STAGE_SECONDS} s`);
      const samples = [];
      let active = true;
      const record = (op, ms, error) => samples.push({ op, ms, error });
      const cpuBefore = process.cpuUsage();
      const { usage, seconds } = await measureProcesses(async () => {
        const stop = sleep(STAGE_SECONDS * 1000).then(() => (active = false));
        await Promise.all(
          users.slice(0, count).map(async (user) => {
            // Users do not start in step: each begins somewhere in its first think time.
            await sleep(Math.random() * THINK_MS);
            const steps = dayOf(user, (op, ms, error) => active && record(op, ms, error));
            for (let i = 0; active; i += 1) {
              await steps[i % steps.length]();
              await sleep(THINK_MS * (0.5 + Math.random()));
            }
          }),
        );
        await stop;
      });
      const own = process.cpuUsage(cpuBefore);
      usage['node bench:mix (load generator)'] = { cpuCores: (own.user + own.system) / 1e6 / seconds, rssMB: process.memoryUsage().rss / 1024 / 1024 };
      const operations = {};
      for (const op of OPERATIONS) {
        const mine = samples.filter((s) => s.op === op);
        const sorted = mine.map((s) => s.ms).sort((a, b) => a - b);
        const errors = mine.filter((s) => s.error);
        operations[op] = {
          count: mine.length,
          perSecond: mine.length / STAGE_SECONDS,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          errors: errors.length,
          errorSamples: [...new Set(errors.map((e) => e.error))].slice(0, 3),
          latenciesMs: sorted.map((v) => Math.round(v * 10) / 10),
        };
      }
      stages.push({
        users: count,
        seconds: STAGE_SECONDS,
        requestsPerSecond: samples.filter((s) => s.op !== 'chat first token').length / STAGE_SECONDS,
        operations,
        processes: usage,
      });
    }

    console.log(`\nA day's mix through the gateway and every sidecar; think time 0.5–1.5 × ${THINK_MS} ms; Claude stand-in: realistic\n`);
    for (const stage of stages) {
      console.log(`${stage.users} users, ${stage.seconds} s, ${f(stage.requestsPerSecond)} requests/s:`);
      console.log(
        table([
          ['operation', 'count', 'per s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
          ...OPERATIONS.map((op) => {
            const o = stage.operations[op];
            return [
              op,
              o.count,
              f(o.perSecond, 2),
              f(o.p50),
              f(o.p90),
              f(o.p99),
              `${o.errors}${o.errorSamples.length ? ` (${o.errorSamples.join('; ')})` : ''}`,
            ];
          }),
        ]),
      );
      console.log('');
    }
    const names = [...new Set(stages.flatMap((s) => Object.keys(s.processes)))].sort();
    console.log('CPU (cores used, average over the stage) and resident memory (MB, largest seen), per process:');
    console.log(
      table([
        ['process', ...stages.flatMap((s) => [`CPU @${s.users}`, `RSS @${s.users}`])],
        ...names.map((n) => [n, ...stages.flatMap((s) => [f(s.processes[n]?.cpuCores, 2), f(s.processes[n]?.rssMB, 0)])]),
      ]),
    );
    const errorRate = (s) =>
      Object.values(s.operations).reduce((a, o) => a + o.errors, 0) /
      Math.max(
        1,
        Object.values(s.operations).reduce((a, o) => a + o.count, 0),
      );
    const sustained = [...stages].reverse().find((s) => errorRate(s) < 0.01);
    if (sustained) {
      console.log(
        `\nHome screen p99 at the highest load sustained (errors < 1 %): ${f(sustained.operations.home.p99)} ms with ${sustained.users} users (${f(sustained.requestsPerSecond)} requests/s)`,
      );
    } else console.log('\nNo stage ran with errors under 1 %.');

    const outDir = path.join(dataDir, 'bench');
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const jsonFile = path.join(outDir, `mix-${stamp}.json`);
    const figures = {
      kind: 'healthsync bench:mix',
      at: new Date().toISOString(),
      node: process.version,
      thinkMs: THINK_MS,
      claudeStandIn: 'realistic',
      stages,
      sustained: sustained ? { users: sustained.users, homeP99Ms: sustained.operations.home.p99 } : null,
    };
    fs.writeFileSync(jsonFile, `${JSON.stringify(figures, null, 1)}\n`);
    const pngFile = jsonFile.replace(/\.json$/, '.png');
    const plot = spawnSync(path.join(pythonVenv, 'bin', 'python'), [path.join(root, 'scripts', 'bench', 'plot-latency.py'), jsonFile, pngFile], {
      stdio: 'inherit',
    });
    console.log(`\nfigures: ${path.relative(root, jsonFile)}${plot.status === 0 ? `\nplot:    ${path.relative(root, pngFile)}` : ' (the plot failed)'}`);
  } finally {
    await stopAll();
    releaseLock();
  }
});
