import type { Db } from '@healthsync/shared';

export interface RunRecord {
  runDate: string;
  firstTriggeredAt: string;
  lastTriggeredAt: string;
  triggerCount: number;
}

export function createRunsRepository(db: Db) {
  return {
    /** Records a trigger of the day's run; the first trigger of a day creates the run. */
    async recordTrigger(runDate: string): Promise<RunRecord> {
      const result = await db.query<RunRecord>(
        `insert into runs (run_date) values ($1)
         on conflict (run_date) do update set last_triggered_at = now(), trigger_count = runs.trigger_count + 1
         returning to_char(run_date, 'YYYY-MM-DD') as "runDate", first_triggered_at as "firstTriggeredAt",
                   last_triggered_at as "lastTriggeredAt", trigger_count as "triggerCount"`,
        [runDate],
      );
      return result.rows[0]!;
    },
    async latest(limit: number): Promise<RunRecord[]> {
      const result = await db.query<RunRecord>(
        `select to_char(run_date, 'YYYY-MM-DD') as "runDate", first_triggered_at as "firstTriggeredAt",
                last_triggered_at as "lastTriggeredAt", trigger_count as "triggerCount"
         from runs order by run_date desc limit $1`,
        [limit],
      );
      return result.rows;
    },
  };
}
