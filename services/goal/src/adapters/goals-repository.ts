import { eraseIdempotencyKeys, type Db, type DbClient } from '@healthsync/shared';
import type { IsoDate } from '../domain/dates.js';
import type { CatalogueMission, Category, Mission } from '../domain/missions.js';
import type { ResetReason } from '../domain/reset.js';
import type { CelebrationRecord, CompletionRecord, GoalSetRecord, GoalSetStatus, UserGoals } from '../domain/views.js';
import type { PastCelebration } from '../domain/milestones.js';

/**
 * SQL for the goal service. Functions take a pool or a transaction's client; days go in and
 * come out as 'YYYY-MM-DD' text (pg would otherwise turn a `date` into a Date at local
 * midnight, which depends on the server's time zone).
 */
type Queryable = Db | DbClient;

const CATALOGUE_COLUMNS = 'id, title, description, category, difficulty, minutes, benefit';

const catalogue = {
  async list(db: Queryable, category?: Category): Promise<CatalogueMission[]> {
    const result = await db.query<CatalogueMission>(
      `select ${CATALOGUE_COLUMNS} from mission_catalogue
       where retired_at is null and ($1::text is null or category = $1) order by position`,
      [category ?? null],
    );
    return result.rows;
  },

  async findByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, CatalogueMission>> {
    const result = await db.query<CatalogueMission>(`select ${CATALOGUE_COLUMNS} from mission_catalogue where retired_at is null and id = any($1::text[])`, [
      ids,
    ]);
    return new Map(result.rows.map((row) => [row.id, row]));
  },
};

const userProgress = {
  /**
   * Locks the user's row for the rest of the transaction (creating it on first use), so two
   * writes of one user — a double tap, two devices — run one after the other.
   */
  async lock(client: DbClient, userId: string): Promise<number> {
    await client.query('insert into user_progress (user_id) values ($1) on conflict (user_id) do nothing', [userId]);
    const result = await client.query<{ version: string }>('select version from user_progress where user_id = $1 for update', [userId]);
    return Number(result.rows[0]!.version);
  },

  async bump(client: DbClient, userId: string): Promise<number> {
    const result = await client.query<{ version: string }>(
      'update user_progress set version = version + 1, updated_at = now() where user_id = $1 returning version',
      [userId],
    );
    return Number(result.rows[0]!.version);
  },

  async version(db: Queryable, userId: string): Promise<number> {
    const result = await db.query<{ version: string }>('select version from user_progress where user_id = $1', [userId]);
    return Number(result.rows[0]?.version ?? 0);
  },
};

interface SetRow {
  id: string;
  userId: string;
  status: GoalSetStatus;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  endReason: ResetReason | null;
}

interface MissionRow extends Mission {
  goalSetId: string;
}

const SET_COLUMNS = `id, user_id as "userId", status, to_char(started_on, 'YYYY-MM-DD') as "startedOn",
  to_char(ended_on, 'YYYY-MM-DD') as "endedOn", end_reason as "endReason"`;

const MISSION_COLUMNS = `goal_set_id as "goalSetId", mission_id as "missionId", title, description, category, difficulty,
  minutes, benefit, source, recommendation_set_id as "recommendationSetId"`;

/** Sets (oldest first, each with its missions in chosen order) of several users at once. */
async function setsOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, GoalSetRecord[]>> {
  const sets = await db.query<SetRow>(`select ${SET_COLUMNS} from goal_sets where user_id = any($1::uuid[]) order by started_at, id`, [userIds]);
  const missions = await db.query<MissionRow>(`select ${MISSION_COLUMNS} from goal_set_missions where goal_set_id = any($1::uuid[]) order by position`, [
    sets.rows.map((s) => s.id),
  ]);
  const missionsBySet = new Map<string, Mission[]>();
  for (const { goalSetId, ...mission } of missions.rows) missionsBySet.set(goalSetId, [...(missionsBySet.get(goalSetId) ?? []), mission]);
  const byUser = new Map<string, GoalSetRecord[]>(userIds.map((id) => [id, []]));
  for (const { userId, ...set } of sets.rows) byUser.get(userId)?.push({ ...set, missions: missionsBySet.get(set.id) ?? [] });
  return byUser;
}

async function completionsOf(db: Queryable, userIds: readonly string[], since: IsoDate | null): Promise<Map<string, CompletionRecord[]>> {
  const result = await db.query<CompletionRecord & { userId: string }>(
    `select user_id as "userId", mission_id as "missionId", to_char(completed_on, 'YYYY-MM-DD') as "date"
     from completions where user_id = any($1::uuid[]) and ($2::date is null or completed_on >= $2::date)
     order by completed_on`,
    [userIds, since],
  );
  const byUser = new Map<string, CompletionRecord[]>(userIds.map((id) => [id, []]));
  for (const { userId, ...completion } of result.rows) byUser.get(userId)?.push(completion);
  return byUser;
}

const goals = {
  /** Everything about one user's goals: every set and every check-off. */
  async load(db: Queryable, userId: string): Promise<UserGoals> {
    const [sets, completions] = await Promise.all([setsOf(db, [userId]), completionsOf(db, [userId], null)]);
    return { sets: sets.get(userId) ?? [], completions: completions.get(userId) ?? [] };
  },

  /** Several users' goals with check-offs since a day (for the batch's facts). */
  async loadMany(db: Queryable, userIds: readonly string[], since: IsoDate): Promise<Map<string, UserGoals>> {
    const [sets, completions] = await Promise.all([setsOf(db, userIds), completionsOf(db, userIds, since)]);
    return new Map(userIds.map((id) => [id, { sets: sets.get(id) ?? [], completions: completions.get(id) ?? [] }]));
  },

  /** The last day each user checked anything off, over their whole history. */
  async lastCompletedOn(db: Queryable, userIds: readonly string[]): Promise<Map<string, IsoDate>> {
    const result = await db.query<{ userId: string; day: IsoDate }>(
      `select user_id as "userId", to_char(max(completed_on), 'YYYY-MM-DD') as day
       from completions where user_id = any($1::uuid[]) group by user_id`,
      [userIds],
    );
    return new Map(result.rows.map((r) => [r.userId, r.day]));
  },

  async insertSet(client: DbClient, set: { id: string; userId: string; startedOn: IsoDate; missions: readonly Mission[] }): Promise<void> {
    await client.query(`insert into goal_sets (id, user_id, status, started_on) values ($1, $2, 'ACTIVE', $3::date)`, [set.id, set.userId, set.startedOn]);
    for (const [position, m] of set.missions.entries()) {
      await client.query(
        `insert into goal_set_missions (goal_set_id, mission_id, position, source, recommendation_set_id, title, description,
           category, difficulty, minutes, benefit)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [set.id, m.missionId, position, m.source, m.recommendationSetId, m.title, m.description, m.category, m.difficulty, m.minutes, m.benefit],
      );
    }
  },

  async endSet(
    client: DbClient,
    setId: string,
    end: { status: 'REPLACED' | 'RESET'; endedOn: IsoDate; reason: ResetReason | null; note: string | null },
  ): Promise<void> {
    await client.query(
      `update goal_sets set status = $2, ended_on = $3::date, ended_at = now(), end_reason = $4, end_note = $5
       where id = $1 and status = 'ACTIVE'`,
      [setId, end.status, end.endedOn, end.reason, end.note],
    );
  },

  /** Users with an active set, by id after the cursor. */
  async activeUsersPage(db: Queryable, after: string | null, limit: number): Promise<string[]> {
    const result = await db.query<{ userId: string }>(
      `select user_id as "userId" from goal_sets where status = 'ACTIVE' and ($1::uuid is null or user_id > $1::uuid)
       order by user_id limit $2`,
      [after, limit],
    );
    return result.rows.map((r) => r.userId);
  },
};

const completions = {
  /** True when the check-off is new. */
  async add(client: DbClient, userId: string, missionId: string, day: IsoDate): Promise<boolean> {
    const result = await client.query('insert into completions (user_id, mission_id, completed_on) values ($1, $2, $3::date) on conflict do nothing', [
      userId,
      missionId,
      day,
    ]);
    return (result.rowCount ?? 0) > 0;
  },

  /** True when there was a check-off to remove. */
  async remove(client: DbClient, userId: string, missionId: string, day: IsoDate): Promise<boolean> {
    const result = await client.query('delete from completions where user_id = $1 and mission_id = $2 and completed_on = $3::date', [userId, missionId, day]);
    return (result.rowCount ?? 0) > 0;
  },
};

interface CelebrationRow extends CelebrationRecord {
  streakEndedOn: IsoDate;
}

const CELEBRATION_COLUMNS = `id, mission_id as "missionId", milestone, text, source, to_char(created_on, 'YYYY-MM-DD') as "createdOn",
  created_at as "createdAt", to_char(streak_ended_on, 'YYYY-MM-DD') as "streakEndedOn"`;

function toRecord({ streakEndedOn: _ignored, ...row }: CelebrationRow): CelebrationRecord {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

const celebrations = {
  async pastOf(client: DbClient, userId: string, missionId: string): Promise<PastCelebration[]> {
    const result = await client.query<CelebrationRow>(`select ${CELEBRATION_COLUMNS} from celebrations where user_id = $1 and mission_id = $2`, [
      userId,
      missionId,
    ]);
    return result.rows.map((r) => ({ milestone: r.milestone, streakEndedOn: r.streakEndedOn }));
  },

  /** Records a celebration with its fallback text; returns it, or undefined when this run already had it. */
  async insert(
    client: DbClient,
    c: {
      id: string;
      userId: string;
      missionId: string;
      milestone: number;
      streakStartedOn: IsoDate;
      streakEndedOn: IsoDate;
      createdOn: IsoDate;
      text: string;
      /** When the sweeper announces it with the stored text if nothing announced it before. */
      announceAfter: Date;
    },
  ): Promise<CelebrationRecord | undefined> {
    const result = await client.query<CelebrationRow>(
      `insert into celebrations (id, user_id, mission_id, milestone, streak_started_on, streak_ended_on, created_on, text, source, announce_after)
       values ($1, $2, $3, $4, $5::date, $6::date, $7::date, $8, 'FALLBACK', $9)
       on conflict (user_id, mission_id, milestone, streak_started_on) do nothing
       returning ${CELEBRATION_COLUMNS}`,
      [c.id, c.userId, c.missionId, c.milestone, c.streakStartedOn, c.streakEndedOn, c.createdOn, c.text, c.announceAfter],
    );
    return result.rows[0] ? toRecord(result.rows[0]) : undefined;
  },

  /**
   * Marks a celebration announced, with its final text when given (else the stored one), in the
   * caller's transaction; undefined when it was announced already (its text then stays as announced).
   */
  async announce(
    client: DbClient,
    id: string,
    final: { text: string; source: 'AI' | 'FALLBACK' } | null,
    at: Date,
  ): Promise<(CelebrationRecord & { userId: string }) | undefined> {
    const result = await client.query<CelebrationRow & { userId: string }>(
      `update celebrations set text = coalesce($2, text), source = coalesce($3, source), announced_at = $4
       where id = $1 and announced_at is null
       returning ${CELEBRATION_COLUMNS}, user_id as "userId"`,
      [id, final?.text ?? null, final?.source ?? null, at],
    );
    const row = result.rows[0];
    return row ? { ...toRecord(row), userId: row.userId } : undefined;
  },

  /** Celebrations nobody announced by `now` (the check-off's replica died before the AI answered), oldest first. */
  async unannounced(db: Queryable, now: Date, limit: number): Promise<{ id: string; userId: string }[]> {
    const result = await db.query<{ id: string; userId: string }>(
      `select id, user_id as "userId" from celebrations where announced_at is null and announce_after <= $1 order by announce_after limit $2`,
      [now, limit],
    );
    return result.rows;
  },

  /** One celebration as stored. */
  async byId(db: Queryable, id: string): Promise<CelebrationRecord | undefined> {
    const result = await db.query<CelebrationRow>(`select ${CELEBRATION_COLUMNS} from celebrations where id = $1`, [id]);
    return result.rows[0] ? toRecord(result.rows[0]) : undefined;
  },

  /** Newest first. */
  async of(db: Queryable, userId: string): Promise<CelebrationRecord[]> {
    const result = await db.query<CelebrationRow>(`select ${CELEBRATION_COLUMNS} from celebrations where user_id = $1 order by created_at desc`, [userId]);
    return result.rows.map(toRecord);
  },
};

const users = {
  /** Erases everything stored about a user (their events in the outbox go with the erasure step). */
  async erase(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from completions where user_id = $1', [userId]);
    await client.query('delete from celebrations where user_id = $1', [userId]);
    await client.query('delete from goal_sets where user_id = $1', [userId]); // missions cascade
    await client.query('delete from user_progress where user_id = $1', [userId]);
    await eraseIdempotencyKeys(client, userId);
  },
};

/** The goal service's SQL, handed to the handlers (which never import it), so a test can pass its own. */
export function createGoalsRepository() {
  return { catalogue, userProgress, goals, completions, celebrations, users };
}

export type GoalsRepository = ReturnType<typeof createGoalsRepository>;
