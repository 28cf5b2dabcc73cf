import type { Db, DbClient } from '@healthsync/shared';
import type { IsoDate } from '@healthsync/shared';
import type { UserView, ViewMission } from '../domain/progress-view.js';
import { MISSED_DAYS_LOOKBACK } from '../domain/progress-view.js';

/**
 * The batch's view of who is active, written from the goal service's events and read by the
 * daily run. Every write for a user runs under a per-user advisory lock, so an event and the
 * user's erasure never interleave.
 */
export interface GoalSetFact {
  userId: string;
  goalSetId: string;
  previousGoalSetId: string | null;
  startedOn: IsoDate;
  missions: ViewMission[];
}

export interface DayTotalsFact {
  userId: string;
  day: IsoDate;
  scheduled: number;
  completed: number;
  occurredAt: string;
}

export interface SetEndedFact {
  userId: string;
  goalSetId: string;
  endedOn: IsoDate;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export type ActivityRepository = ReturnType<typeof createActivityRepository>;

export function createActivityRepository(db: Db) {
  /** Takes the user's lock for the transaction; false when the user was erased. */
  async function lockLiveUser(client: DbClient, userId: string): Promise<boolean> {
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [userId]);
    const erased = await client.query('select 1 from erased_users where user_id = $1', [userId]);
    return erased.rowCount === 0;
  }

  /** Recomputes the user's row: the set in force, its size, the last active day; marks the change. */
  async function refreshUser(client: DbClient, userId: string): Promise<void> {
    await client.query(
      `insert into activity_users (user_id, active_goal_set_id, active_mission_count, last_activity_on, changed_at)
       select $1, s.goal_set_id, coalesce(s.mission_count, 0),
              (select max(day) from activity_days where user_id = $1 and completed > 0), clock_timestamp()
       from (select 1) as one
       left join lateral (
         select goal_set_id, mission_count from activity_sets
         where user_id = $1 and started_on is not null and ended_on is null
         order by started_on desc, goal_set_id desc limit 1
       ) s on true
       on conflict (user_id) do update set active_goal_set_id = excluded.active_goal_set_id,
         active_mission_count = excluded.active_mission_count, last_activity_on = excluded.last_activity_on,
         changed_at = excluded.changed_at`,
      [userId],
    );
  }

  return {
    lockLiveUser,
    refreshUser,

    /** GoalSet: the set starts; the set it replaced ends that day. */
    async applyGoalSet(client: DbClient, fact: GoalSetFact): Promise<void> {
      await client.query(
        `insert into activity_sets (goal_set_id, user_id, started_on, missions, mission_count) values ($1, $2, $3, $4, $5)
         on conflict (goal_set_id) do update set started_on = excluded.started_on, missions = excluded.missions,
           mission_count = excluded.mission_count
         where activity_sets.user_id = excluded.user_id`,
        [fact.goalSetId, fact.userId, fact.startedOn, JSON.stringify(fact.missions), fact.missions.length],
      );
      if (fact.previousGoalSetId) {
        await client.query(
          `insert into activity_sets (goal_set_id, user_id, ended_on) values ($1, $2, $3)
           on conflict (goal_set_id) do update set ended_on = coalesce(activity_sets.ended_on, excluded.ended_on)
           where activity_sets.user_id = excluded.user_id`,
          [fact.previousGoalSetId, fact.userId, fact.startedOn],
        );
      }
      await refreshUser(client, fact.userId);
    },

    /** MissionCompleted / MissionUndone: the day's totals after the change, unless a newer event already said more. */
    async applyDayTotals(client: DbClient, fact: DayTotalsFact): Promise<void> {
      await client.query(
        `insert into activity_days (user_id, day, scheduled, completed, as_of) values ($1, $2, $3, $4, $5)
         on conflict (user_id, day) do update set scheduled = excluded.scheduled, completed = excluded.completed, as_of = excluded.as_of
         where activity_days.as_of <= excluded.as_of`,
        [fact.userId, fact.day, fact.scheduled, fact.completed, fact.occurredAt],
      );
      await refreshUser(client, fact.userId);
    },

    /** MissionsReset: the set ends (its start may still be unknown). */
    async applySetEnded(client: DbClient, fact: SetEndedFact): Promise<void> {
      await client.query(
        `insert into activity_sets (goal_set_id, user_id, ended_on) values ($1, $2, $3)
         on conflict (goal_set_id) do update set ended_on = excluded.ended_on
         where activity_sets.user_id = excluded.user_id`,
        [fact.goalSetId, fact.userId, fact.endedOn],
      );
      await refreshUser(client, fact.userId);
    },

    /** Erases everything the view holds about the user and remembers the erasure. */
    async erase(client: DbClient, userId: string): Promise<void> {
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [userId]);
      await client.query('delete from activity_days where user_id = $1', [userId]);
      await client.query('delete from activity_sets where user_id = $1', [userId]);
      await client.query('delete from activity_users where user_id = $1', [userId]);
    },

    /**
     * The next page (by user id) of users with active missions that the day's run has not
     * decided yet — or skipped before something about them changed.
     */
    async candidates(runDate: string, afterUserId: string | undefined, limit: number, marginSeconds: number): Promise<string[]> {
      const result = await db.query<{ user_id: string }>(
        `select u.user_id from activity_users u
         left join deliveries d on d.run_date = $1 and d.user_id = u.user_id
         left join preferences p on p.user_id = u.user_id
         where u.active_goal_set_id is not null and u.user_id > $2
           and (d.user_id is null
                or (d.state = 'SKIPPED' and greatest(u.changed_at, p.updated_at) > d.decided_at - make_interval(secs => $4)))
         order by u.user_id limit $3`,
        [runDate, afterUserId ?? ZERO_UUID, limit, marginSeconds],
      );
      return result.rows.map((r) => r.user_id);
    },

    /** What the view holds about these users, as far back as the facts need. */
    async viewsOf(userIds: string[], today: IsoDate): Promise<UserView[]> {
      const lookback = MISSED_DAYS_LOOKBACK + 8;
      const [sets, days, users] = await Promise.all([
        db.query<{ user_id: string; goal_set_id: string; started_on: string | null; ended_on: string | null; mission_count: number; missions: ViewMission[] }>(
          `select user_id, goal_set_id, to_char(started_on, 'YYYY-MM-DD') as started_on, to_char(ended_on, 'YYYY-MM-DD') as ended_on,
                  mission_count, missions
           from activity_sets where user_id = any($1::uuid[]) and (ended_on is null or ended_on > $2::date - $3::int)`,
          [userIds, today, lookback],
        ),
        db.query<{ user_id: string; day: string; scheduled: number; completed: number }>(
          `select user_id, to_char(day, 'YYYY-MM-DD') as day, scheduled, completed
           from activity_days where user_id = any($1::uuid[]) and day > $2::date - $3::int and day <= $2::date`,
          [userIds, today, lookback],
        ),
        db.query<{ user_id: string; last_activity_on: string | null }>(
          `select user_id, to_char(last_activity_on, 'YYYY-MM-DD') as last_activity_on from activity_users where user_id = any($1::uuid[])`,
          [userIds],
        ),
      ]);
      const views = new Map<string, UserView>(userIds.map((id) => [id, { userId: id, sets: [], days: [], lastActivityOn: null }]));
      for (const s of sets.rows) {
        views
          .get(s.user_id)
          ?.sets.push({ goalSetId: s.goal_set_id, startedOn: s.started_on, endedOn: s.ended_on, missionCount: s.mission_count, missions: s.missions });
      }
      for (const d of days.rows) views.get(d.user_id)?.days.push({ day: d.day, scheduled: d.scheduled, completed: d.completed });
      for (const u of users.rows) {
        const view = views.get(u.user_id);
        if (view) view.lastActivityOn = u.last_activity_on;
      }
      return [...views.values()];
    },
  };
}
