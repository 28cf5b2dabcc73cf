// `npm run bench:batch`: one daily encouragement run over 100,000 users, on this machine,
// against the Claude stand-in. It prints figures; it asserts nothing.
//
// The users go straight into the batch service's own view of goal activity (the tables its
// goal-event subscriptions fill): a set of 1–5 missions chosen 10–29 days ago, the last seven
// days' check-offs (each user has a habit strength, so some are on track and most are
// behind), 2 % opted out and 3 % inside their own quiet hours. Then one run is triggered the
// way the cron binding's sidecar does it, and timed until every user is decided.
//
//   users/second   users decided (sent, deferred or skipped) per second of the run
//   total time     trigger → every seeded user decided
//   peak AI        the Claude stand-in's peakConcurrent (GET /_control/stats), and the batch's
//                  own peak of requests in flight to the intelligence service
//   duplicates     users with more than one message from the run, counted in PostgreSQL (must be 0)
import pg from 'pg';
import { log, runMain } from './lib/log.mjs';
import { apps, ports } from './lib/ports.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { readSecrets } from './lib/setup-steps.mjs';
import { startSystem } from './lib/system.mjs';
import { setup } from './setup.mjs';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 1800) * 1000;
const MARK = 'bench-';
const claude = `http://127.0.0.1:${ports.claude}`;
const batchApp = `http://127.0.0.1:${apps.batch[0]}`;

const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const seoulClock = (offsetMinutes) => new Date(Date.now() + 9 * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(11, 16);
const minuteOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const MISSIONS = [
  { missionId: 'walk-after-lunch', title: '점심 후 15분 걷기', category: 'exercise', difficulty: 'easy', minutes: 15 },
  { missionId: 'water-8-cups', title: '물 8잔 마시기', category: 'diet', difficulty: 'easy', minutes: 5 },
  { missionId: 'sleep-by-midnight', title: '자정 전에 잠들기', category: 'sleep', difficulty: 'medium', minutes: 30 },
  { missionId: 'stretch-10', title: '10분 스트레칭', category: 'stress', difficulty: 'easy', minutes: 10 },
  { missionId: 'stairs', title: '엘리베이터 대신 계단', category: 'lifestyle', difficulty: 'medium', minutes: 10 },
];

/** Bench users are the ones whose set id starts with the mark. */
const BENCH_USERS = `select user_id from batch_service.activity_sets where goal_set_id like '${MARK}%'`;

async function removeBenchUsers(db) {
  for (const table of ['notifications', 'deliveries', 'preferences', 'activity_days', 'activity_users']) {
    await db.query(`delete from batch_service.${table} where user_id in (${BENCH_USERS})`);
  }
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
  await db.query('commit');
}

async function progress(db, today) {
  const result = await db.query(
    `select count(*) filter (where state in ('SENT', 'SKIPPED', 'FAILED'))::int as decided,
            count(*) filter (where state = 'SENT')::int as sent,
            count(*) filter (where state = 'SENT' and reason = 'DEFERRED')::int as deferred,
            count(*) filter (where state = 'SKIPPED')::int as skipped,
            count(*) filter (where state = 'FAILED')::int as failed,
            count(*) filter (where text_source = 'AI')::int as ai,
            count(*) filter (where text_source = 'FALLBACK')::int as fallback
     from batch_service.deliveries where run_date = $1 and user_id in (${BENCH_USERS})`,
    [today],
  );
  return result.rows[0];
}

async function batchPeak() {
  const text = await (await fetch(`${batchApp}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('encouragement_ai_requests_peak'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

await runMain(async () => {
  await setup();
  const releaseLock = await acquireSystemLock();
  let db;
  try {
    await startSystem();
    const secrets = readSecrets();
    db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    const today = seoulToday();

    await removeBenchUsers(db);
    log.step(`seeding ${USERS.toLocaleString()} users with goal activity into the batch view`);
    const seedStarted = Date.now();
    await seed(db, today);
    log.step(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    await fetch(`${claude}/_control/reset`, { method: 'POST' });
    log.step('triggering the run (as the cron binding does) and waiting until every user is decided');
    const started = Date.now();
    const startedInDb = (await db.query('select clock_timestamp() as t')).rows[0].t;
    const trigger = await fetch(`${batchApp}/daily-encouragement`, { method: 'POST', headers: { 'dapr-api-token': secrets['app-api-token-batch'] } });
    if (trigger.status !== 200) throw new Error(`the trigger answered ${trigger.status}: ${await trigger.text()}`);
    let now = await progress(db, today);
    let lastLog = Date.now();
    while (now.decided < USERS) {
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`not finished after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(now)}`);
      await new Promise((r) => setTimeout(r, 1000));
      now = await progress(db, today);
      if (Date.now() - lastLog > 10_000) {
        log.step(`${now.decided.toLocaleString()} of ${USERS.toLocaleString()} decided`);
        lastLog = Date.now();
      }
    }
    // The last decision's commit time, not when this loop noticed it.
    const lastDecided = (await db.query(`select max(decided_at) as t from batch_service.deliveries where run_date = $1 and user_id in (${BENCH_USERS})`, [today])).rows[0].t;
    const totalMs = lastDecided.getTime() - startedInDb.getTime();

    const stats = await (await fetch(`${claude}/_control/stats`)).json();
    const peak = await batchPeak();
    const duplicates = (
      await db.query(
        `select count(*)::int as n from (
           select user_id from batch_service.notifications where run_date = $1 and user_id in (${BENCH_USERS})
           group by user_id having count(*) > 1) d`,
        [today],
      )
    ).rows[0].n;
    const messages = (await db.query(`select count(*)::int as n from batch_service.notifications where run_date = $1 and user_id in (${BENCH_USERS})`, [today])).rows[0].n;
    const report = await (await fetch(`${batchApp}/internal/batch/runs/${today}`, { headers: { 'dapr-api-token': secrets['app-api-token-batch'] } })).json();

    console.log(`\nHealthSync daily encouragement run, ${USERS.toLocaleString()} users, node ${process.version}, run date ${today}\n`);
    console.log(table([
      ['measure', 'value'],
      ['users/second', (USERS / (totalMs / 1000)).toFixed(0)],
      ['total time', `${(totalMs / 1000).toFixed(1)} s`],
      ['peak concurrency to the AI (Claude stand-in peakConcurrent)', String(stats.peakConcurrent)],
      ['Claude stand-in requests (total)', String(stats.total)],
      ['peak nudge requests in flight from the batch to intelligence', String(peak)],
      ['duplicates (users with more than one message)', String(duplicates)],
    ]));
    console.log('\nOutcome of the seeded users:');
    console.log(table([
      ['decided', 'sent', 'of which deferred', 'skipped', 'failed', 'messages in inboxes', 'texts AI', 'texts FALLBACK'],
      [now.decided, now.sent, now.deferred, now.skipped, now.failed, messages, now.ai, now.fallback],
    ]));
    console.log(`\nRun report (all users of the day): ${JSON.stringify({ considered: report.considered, sent: report.sent, deferred: report.deferred, skipped: report.skipped, failed: report.failed, pending: report.pending, texts: report.texts })}`);
    if (stats.total === 0) console.log('\nNote: the Claude stand-in received no request: every text came from a fallback (see "texts" above).');

    log.step('removing the bench users');
    await removeBenchUsers(db);
  } finally {
    await db?.end().catch(() => undefined);
    await stopAll();
    releaseLock();
  }
});

