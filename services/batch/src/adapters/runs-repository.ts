import type { Db } from '@healthsync/shared';

export interface RunRecord {
  runDate: string;
  firstTriggeredAt: string;
  lastTriggeredAt: string;
  triggerCount: number;
  plannedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  passes: number;
  busyMs: number;
  lastPassAt: string | null;
}

const COLUMNS = `to_char(run_date, 'YYYY-MM-DD') as "runDate", first_triggered_at as "firstTriggeredAt",
  last_triggered_at as "lastTriggeredAt", trigger_count as "triggerCount", planned_at as "plannedAt",
  started_at as "startedAt", completed_at as "completedAt", passes, busy_ms::float8 as "busyMs", last_pass_at as "lastPassAt"`;

export type RunsRepository = ReturnType<typeof createRunsRepository>;

export function createRunsRepository(db: Db) {
  return {
    /** Records a trigger of the day's run; the first trigger of a day creates the run. */
    async recordTrigger(runDate: string): Promise<RunRecord> {
      const result = await db.query<RunRecord>(
        `insert into runs (run_date) values ($1)
         on conflict (run_date) do update set last_triggered_at = now(), trigger_count = runs.trigger_count + 1
         returning ${COLUMNS}`,
        [runDate],
      );
      return result.rows[0]!;
    },

    async latest(limit: number): Promise<RunRecord[]> {
      const result = await db.query<RunRecord>(`select ${COLUMNS} from runs order by run_date desc limit $1`, [limit]);
      return result.rows;
    },

    async get(runDate: string): Promise<RunRecord | undefined> {
      const result = await db.query<RunRecord>(`select ${COLUMNS} from runs where run_date = $1`, [runDate]);
      return result.rows[0];
    },

    /**
     * True when the day's users must be (re)planned: never planned yet, or something about a
     * user (goal activity, preferences) changed since the last plan began. The margin covers
     * changes whose transaction began before the plan but committed after it.
     */
    async needsPlan(runDate: string, marginSeconds: number): Promise<boolean> {
      const result = await db.query<{ needed: boolean }>(
        `select r.planned_at is null
             or exists (select 1 from activity_users where changed_at > r.planned_at - make_interval(secs => $2))
             or exists (select 1 from preferences where updated_at > r.planned_at - make_interval(secs => $2)) as needed
         from runs r where r.run_date = $1`,
        [runDate, marginSeconds],
      );
      return result.rows[0]?.needed ?? false;
    },

    /** The database's clock, which every claim and change time is compared with. */
    async now(): Promise<Date> {
      const result = await db.query<{ now: Date }>('select clock_timestamp() as now');
      return result.rows[0]!.now;
    },

    async markPlanned(runDate: string, planStartedAt: Date): Promise<void> {
      await db.query('update runs set planned_at = greatest(planned_at, $2) where run_date = $1', [runDate, planStartedAt]);
    },

    async passStarted(runDate: string): Promise<void> {
      await db.query('update runs set started_at = coalesce(started_at, now()), passes = passes + 1, last_pass_at = now() where run_date = $1', [runDate]);
    },

    /** After a pass with work: its time is added; the run is completed while its queue is empty. */
    async passFinished(runDate: string, queueEmpty: boolean, durationMs: number): Promise<void> {
      await db.query(
        `update runs set last_pass_at = now(), busy_ms = busy_ms + $3, completed_at = case when $2 then now() end
         where run_date = $1`,
        [runDate, queueEmpty, Math.round(durationMs)],
      );
    },
  };
}
