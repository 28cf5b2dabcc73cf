// `npm run bench:batch`: one morning's daily encouragement for BENCH_USERS (100,000) users on
// this machine, with the Claude stand-in at realistic settings (docs/reference/anthropic-api.md):
// the texts are generated through the Message Batches API, whose processing time the stand-in
// models (5 min per batch, then 40 requests/s over all batches), fast-forwarded BENCH_TIME_SCALE
// (60) times. It prints figures; it asserts nothing.
//
// The users go straight into the batch service's own view of goal activity (the tables its
// goal-event subscriptions fill): a set of 1–5 missions chosen 10–29 days ago, the last seven
// days' check-offs (each user has a habit strength, so some are on track and most are behind),
// 2 % opted out and 3 % inside their own quiet hours. A second batch replica is started and
// triggered first, so it plans and generates; unless BENCH_KILL=false it is killed (SIGKILL)
// while some of its message batches are submitted and others are not, then restarted. The main
// replica runs on as well. The run is timed until every user is decided.
//
//   users/second      users decided per second of our own share of the run, and of the wall time
//   wall time         trigger → every seeded user decided
//   provider time     the stand-in's processing of the run's message batches (their created_at →
//                     ended_at, merged), in wall time and at real time (× the time scale)
//   our share         wall time minus provider time: planning, building and submitting requests,
//                     polling, fetching results, writing and delivering messages, and the restart
//   model requests    batch requests and Messages API requests the stand-in answered, tokens
//   cost              the same tokens at Anthropic's published prices: per-message vs batches
//   ready by          00:00 KST (the generation run) + our share + provider time at real time,
//                     against the 09:00 delivery time
//   duplicates        users with more than one message from the run (PostgreSQL), and message
//                     batches the provider got more than once
import pg from 'pg';
import { log, runMain } from './lib/log.mjs';
import { apps, ports } from './lib/ports.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { readSecrets } from './lib/setup-steps.mjs';
import { startSystem } from './lib/system.mjs';
import { setup } from './setup.mjs';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 3600) * 1000;
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);
const KILL = process.env.BENCH_KILL !== 'false';
const MARK = 'bench-';
const claude = `http://127.0.0.1:${ports.claude}`;
const batchApp = `http://127.0.0.1:${apps.batch[0]}`;

// Claude Haiku 4.5, USD per million tokens (docs/reference/anthropic-api.md).
const PRICE = { standard: { input: 1, output: 5 }, batch: { input: 0.5, output: 2.5 } };
const DELIVERY_MINUTE_KST = 9 * 60;
// Polling: 60 s in production; the time scale shrinks the provider's minutes, so the bench polls
// more often for the same share of a batch's processing time.
const RESUME_INTERVAL_SECONDS = 5;

const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const seoulClock = (offsetMinutes) => new Date(Date.now() + 9 * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(11, 16);
const minuteOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clockOf = (minutes) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(Math.floor(minutes % 60)).padStart(2, '0')}`;

const MISSIONS = [
  { missionId: 'walk-after-lunch', title: '점심 후 15분 걷기', category: 'exercise', difficulty: 'easy', minutes: 15 },
  { missionId: 'water-8-cups', title: '물 8잔 마시기', category: 'diet', difficulty: 'easy', minutes: 5 },
  { missionId: 'sleep-by-midnight', title: '자정 전에 잠들기', category: 'sleep', difficulty: 'medium', minutes: 30 },
  { missionId: 'stretch-10', title: '10분 스트레칭', category: 'stress', difficulty: 'easy', minutes: 10 },
  { missionId: 'stairs', title: '엘리베이터 대신 계단', category: 'lifestyle', difficulty: 'medium', minutes: 10 },
];

/** Bench users are the ones whose set id starts with the mark. */
const BENCH_USERS = `select user_id from batch_service.activity_sets where goal_set_id like '${MARK}%'`;

/** The bench's accounts in the user service (which the batch asks who holds the AI consent): no one signs in with this issuer. */
const BENCH_ISSUER = 'https://bench.healthsync.test';

async function removeBenchUsers(db) {
  await db.query(`delete from user_service.consent_events where user_id in (select id from user_service.users where issuer = '${BENCH_ISSUER}')`);
  await db.query(`delete from user_service.users where issuer = '${BENCH_ISSUER}'`);
  await db.query(`delete from batch_service.generation_chunks where id in (select chunk_id from batch_service.deliveries where user_id in (${BENCH_USERS}))`);
  for (const table of ['notifications', 'deliveries', 'preferences', 'activity_days', 'activity_users']) {
    await db.query(`delete from batch_service.${table} where user_id in (${BENCH_USERS})`);
  }
  await db.query(
    `delete from intelligence_service.token_usage where user_id in (select user_id::text from batch_service.activity_sets where goal_set_id like '${MARK}%')`,
  );
  await db.query(`delete from batch_service.activity_sets where goal_set_id like '${MARK}%'`);
}

async function seed(db, today) {
  await db.query('begin');
  await db.query(
    `insert into batch_service.activity_sets (goal_set_id, user_id, started_on, missions, mission_count)
     select '${MARK}' || g, gen_random_uuid(), $2::date - (10 + g % 20), m.missions, 1 + g % 5
     from generate_series(1, $1) as g
     cross join lateral (select jsonb_agg(e) as missions from (select e from jsonb_array_elements($3::jsonb) e limit 1 + g % 5) x) m`,
    [USERS, today, JSON.stringify(MISSIONS)],
  );
  // Habit strength 0.0–0.9 by user: each day is done completely with that chance, else not at all.
  await db.query(
    `insert into batch_service.activity_days (user_id, day, scheduled, completed, as_of)
     select s.user_id, $1::date - d, s.mission_count,
            case when random() < (substr(s.goal_set_id, ${MARK.length + 1})::int % 10) / 10.0 then s.mission_count else 0 end, now()
     from batch_service.activity_sets s cross join generate_series(1, 7) as d
     where s.goal_set_id like '${MARK}%'`,
    [today],
  );
  await db.query(
    `insert into batch_service.activity_users (user_id, active_goal_set_id, active_mission_count, last_activity_on, changed_at)
     select s.user_id, s.goal_set_id, s.mission_count,
            (select max(day) from batch_service.activity_days d where d.user_id = s.user_id and d.completed > 0), clock_timestamp()
     from batch_service.activity_sets s where s.goal_set_id like '${MARK}%'`,
  );
  await db.query(
    `insert into batch_service.preferences (user_id, opted_out, quiet_start_minute, quiet_end_minute)
     select user_id, true, 1320, 480 from batch_service.activity_sets
     where goal_set_id like '${MARK}%' and substr(goal_set_id, ${MARK.length + 1})::int % 50 = 0`,
  );
  await db.query(
    `insert into batch_service.preferences (user_id, opted_out, quiet_start_minute, quiet_end_minute)
     select user_id, false, $1, $2 from batch_service.activity_sets
     where goal_set_id like '${MARK}%' and substr(goal_set_id, ${MARK.length + 1})::int % 33 = 1
       and substr(goal_set_id, ${MARK.length + 1})::int % 50 <> 0`,
    [minuteOf(seoulClock(-60)), minuteOf(seoulClock(60))],
  );
  // Every bench user has an account that holds AI_OVERSEAS_TRANSFER: the morning's texts are asked
  // of the model only for users who consented (the batch asks the user service per chunk).
  await db.query(
    `insert into user_service.users (id, issuer, subject, status)
     select user_id, '${BENCH_ISSUER}', user_id::text, 'ACTIVE' from batch_service.activity_sets where goal_set_id like '${MARK}%'`,
  );
  await db.query(
    `insert into user_service.consent_events (user_id, purpose, action, version, channel, recorded_at)
     select id, 'AI_OVERSEAS_TRANSFER', 'GRANT', '2026-12-01', 'APP', now() from user_service.users where issuer = '${BENCH_ISSUER}'`,
  );
  await db.query('commit');
}

async function progress(db, today) {
  const result = await db.query(
    `select count(*) filter (where state in ('SENT', 'SKIPPED', 'FAILED'))::int as decided,
            count(*) filter (where state = 'SENT')::int as sent,
            count(*) filter (where state = 'SENT' and reason = 'DEFERRED')::int as deferred,
            count(*) filter (where state = 'SKIPPED')::int as skipped,
            count(*) filter (where state = 'FAILED')::int as failed,
            count(*) filter (where state in ('GENERATING', 'PREPARED'))::int as waiting,
            count(*) filter (where text_source = 'AI')::int as ai,
            count(*) filter (where text_source = 'FALLBACK')::int as fallback
     from batch_service.deliveries where run_date = $1 and user_id in (${BENCH_USERS})`,
    [today],
  );
  return result.rows[0];
}

async function chunksOfRun(db, today) {
  const result = await db.query(
    `select c.id, c.state, c.created_by, c.provider_batch_id, c.counts from batch_service.generation_chunks c
     where c.run_date = $1 and exists (select 1 from batch_service.deliveries d where d.chunk_id = c.id and d.user_id in (${BENCH_USERS}))`,
    [today],
  );
  return result.rows;
}

async function standinBatches(apiKey) {
  const response = await fetch(`${claude}/v1/messages/batches?limit=1000`, { headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' } });
  if (!response.ok) throw new Error(`listing the stand-in's batches: ${response.status}`);
  return (await response.json()).data;
}

/** Total length of the union of [start, end] intervals (ms). */
function unionMs(intervals) {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let current;
  for (const [a, b] of sorted) {
    if (!current || a > current[1]) {
      if (current) total += current[1] - current[0];
      current = [a, b];
    } else current[1] = Math.max(current[1], b);
  }
  return current ? total + current[1] - current[0] : 0;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

const usd = (n) => `$${n.toFixed(2)}`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;

await runMain(async () => {
  await setup();
  const releaseLock = await acquireSystemLock();
  let db;
  let replica;
  try {
    await startSystem({
      claudeEnv: { CLAUDE_STANDIN_PROFILE: 'realistic', CLAUDE_STANDIN_TIME_SCALE: String(TIME_SCALE) },
      extraEnv: { BATCH_RESUME_INTERVAL_SECONDS: String(RESUME_INTERVAL_SECONDS) },
    });
    const secrets = readSecrets();
    db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    const today = seoulToday();
    const realism = await (await fetch(`${claude}/_control/realism`)).json();

    await removeBenchUsers(db);
    // A second replica of the batch service (its own sidecar), started before the users exist.
    const { startBatchReplica } = await import('../tests/dist/support/notifications.js');
    const replicaEnv = { BATCH_RESUME_INTERVAL_SECONDS: String(RESUME_INTERVAL_SECONDS) };
    replica = await startBatchReplica(replicaEnv, { app: 3017, sidecar: 3517, grpc: 31117, metrics: 9117 });

    log.step(`seeding ${USERS.toLocaleString()} users with goal activity into the batch view`);
    const seedStarted = Date.now();
    await seed(db, today);
    log.step(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    await fetch(`${claude}/_control/reset`, { method: 'POST' });
    const statsBefore = await (await fetch(`${claude}/_control/stats`)).json();
    log.step('triggering the run on the second replica (as its cron binding does) and waiting until every user is decided');
    const startedInDb = (await db.query('select clock_timestamp() as t')).rows[0].t;
    const status = await replica.trigger();
    if (status !== 200) throw new Error(`the trigger answered ${status}`);

    let killedAt;
    let killInfo;
    let now = await progress(db, today);
    let lastLog = Date.now();
    const started = Date.now();
    while (now.decided < USERS) {
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`not finished after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(now)}`);
      if (KILL && !killedAt) {
        const chunks = await chunksOfRun(db, today);
        if (chunks.some((c) => c.state === 'SUBMITTED') && chunks.some((c) => c.state === 'FILLING')) {
          await replica.kill();
          killedAt = Date.now();
          killInfo = {
            chunks: chunks.length,
            submitted: chunks.filter((c) => c.state === 'SUBMITTED').length,
            formedByReplica: chunks.filter((c) => c.created_by.includes(':3017/')).length,
          };
          log.step(`killed the generating replica (SIGKILL) with ${killInfo.submitted} of ${killInfo.chunks} message batches submitted; restarting it`);
          await replica.restart();
          await replica.trigger();
          log.step(`replica restarted ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
        }
        await new Promise((r) => setTimeout(r, 20));
      } else await new Promise((r) => setTimeout(r, 1000));
      now = await progress(db, today);
      if (Date.now() - lastLog > 10_000) {
        log.step(`${now.decided.toLocaleString()} of ${USERS.toLocaleString()} decided (${now.waiting.toLocaleString()} waiting for a text or delivery)`);
        lastLog = Date.now();
      }
    }
    // The last decision's commit time, not when this loop noticed it.
    const lastDecided = (
      await db.query(`select max(decided_at) as t from batch_service.deliveries where run_date = $1 and user_id in (${BENCH_USERS})`, [today])
    ).rows[0].t;
    const wallMs = lastDecided.getTime() - startedInDb.getTime();

    const chunks = await chunksOfRun(db, today);
    const providerIds = new Set(chunks.map((c) => c.provider_batch_id));
    const atStandin = (await standinBatches(secrets['claude-api-key'])).filter((b) => Date.parse(b.created_at) >= startedInDb.getTime());
    const ours = atStandin.filter((b) => providerIds.has(b.id));
    const providerMs = unionMs(ours.map((b) => [Date.parse(b.created_at), Date.parse(b.ended_at ?? b.created_at)]));
    const ourShareMs = wallMs - providerMs;
    const submitted = await db.query(
      `select count(*)::int as n from intelligence_service.message_batches where submitted_at >= $1 and provider_batch_id is not null`,
      [startedInDb],
    );
    const batchUsage = await (await fetch(`${claude}/_control/batches`)).json();
    const stats = await (await fetch(`${claude}/_control/stats`)).json();
    const duplicates = (
      await db.query(
        `select count(*)::int as n from (
           select user_id from batch_service.notifications where run_date = $1 and user_id in (${BENCH_USERS})
           group by user_id having count(*) > 1) d`,
        [today],
      )
    ).rows[0].n;
    const messages = (await db.query(`select count(*)::int as n from batch_service.notifications where run_date = $1 and user_id in (${BENCH_USERS})`, [today]))
      .rows[0].n;

    const input = batchUsage.inputTokens;
    const output = batchUsage.outputTokens;
    const costBatch = (input * PRICE.batch.input + output * PRICE.batch.output) / 1e6;
    const costPerMessage = (input * PRICE.standard.input + output * PRICE.standard.output) / 1e6;
    const perRequestMs = realism.ttftMs + ((batchUsage.succeeded ? output / batchUsage.succeeded : 0) / (realism.outputTokensPerSecond || 1)) * 1000;
    const perMessageHours = (batchUsage.requests * perRequestMs) / 8 / 3_600_000;
    const providerRealMs = providerMs * TIME_SCALE;
    const readyMinute = (ourShareMs + providerRealMs) / 60_000;

    console.log(`\nHealthSync morning encouragement through message batches, ${USERS.toLocaleString()} users, node ${process.version}, run date ${today}`);
    console.log(
      `Claude stand-in: ${realism.profile} (batch: ${realism.batchBaseSeconds} s per batch + ${realism.batchRequestsPerSecond} requests/s, errored ${realism.batchErrorRate}, expired ${realism.batchExpireRate}), time scale ${TIME_SCALE}×\n`,
    );
    console.log(
      table([
        ['measure', 'value'],
        ['users decided per second of our share', (USERS / (ourShareMs / 1000)).toFixed(0)],
        ['users decided per second of wall time', (USERS / (wallMs / 1000)).toFixed(0)],
        ['wall time (trigger → every user decided)', seconds(wallMs)],
        ['provider processing (wall, fast-forwarded)', seconds(providerMs)],
        [`provider processing at real time (× ${TIME_SCALE})`, minutes(providerRealMs)],
        ['our share (wall − provider processing)', `${seconds(ourShareMs)} (target ≤ 300 s)`],
        ['message batches (generation chunks)', `${chunks.length}, provider batches ${ours.length}`],
        ['batch requests answered / succeeded', `${batchUsage.requests} / ${batchUsage.succeeded}`],
        ['Messages API requests (per-message path)', String(stats.total - (statsBefore.total ?? 0))],
        ['tokens (batch): input / output', `${input.toLocaleString()} / ${output.toLocaleString()}`],
        ['cost of the morning: batches (50 % price)', usd(costBatch)],
        ['cost of the morning: per-message path', usd(costPerMessage)],
        ['per-message path at this latency, 8 in flight', `${perMessageHours.toFixed(1)} h (≈ ${(perRequestMs / 1000).toFixed(2)} s per message)`],
        [
          'ready by (generation at 00:00 KST)',
          `${clockOf(readyMinute)} KST, delivery 09:00: ${readyMinute <= DELIVERY_MINUTE_KST ? 'every message ready in time' : 'LATE'}`,
        ],
        ['duplicates (users with more than one message)', String(duplicates)],
        ['provider batches submitted twice', String(Math.max(0, atStandin.length - submitted.rows[0].n))],
        [
          'kill',
          killInfo
            ? `replica killed with ${killInfo.submitted}/${killInfo.chunks} batches submitted (${killInfo.formedByReplica} formed by it), restarted`
            : 'none',
        ],
      ]),
    );
    console.log('\nOutcome of the seeded users:');
    console.log(
      table([
        ['decided', 'sent', 'of which deferred', 'skipped', 'failed', 'messages in inboxes', 'texts AI', 'texts FALLBACK'],
        [now.decided, now.sent, now.deferred, now.skipped, now.failed, messages, now.ai, now.fallback],
      ]),
    );

    log.step('removing the bench users');
    await removeBenchUsers(db);
  } finally {
    await replica?.stop().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await stopAll();
    releaseLock();
  }
});
