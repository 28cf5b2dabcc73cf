import { randomUUID } from 'node:crypto';
import type { Db, DbClient } from '@healthsync/shared';
import type { MissionDraft, RecommendationDraft } from '../domain/missions.js';
import type { FallbackReason, Source } from '../domain/outcome.js';

type Queryable = Db | DbClient;

export interface StoredMission extends MissionDraft {
  id: string;
}

export interface RecommendationSet {
  id: string;
  reason: string;
  source: Source;
  fallbackReason: FallbackReason | null;
  promptVersion: string;
  createdAt: Date;
  missions: StoredMission[];
}

interface SetRow {
  id: string;
  reason: string;
  source: Source;
  fallbackReason: FallbackReason | null;
  promptVersion: string;
  createdAt: Date;
}

interface MissionRow extends StoredMission {
  setId: string;
}

const SET_COLUMNS = `id, reason, source, fallback_reason as "fallbackReason", prompt_version as "promptVersion", created_at as "createdAt"`;
const MISSION_COLUMNS = `id, set_id as "setId", title, description, category, difficulty, minutes, benefit,
  occupation_fit as "occupationFit", target_items as "targetItems"`;

async function withMissions(db: Queryable, row: SetRow | undefined): Promise<RecommendationSet | undefined> {
  if (!row) return undefined;
  const missions = await db.query<MissionRow>(`select ${MISSION_COLUMNS} from recommended_missions where set_id = $1 order by position`, [row.id]);
  return { ...row, missions: missions.rows.map(({ setId: _set, ...mission }) => mission) };
}

/** SQL for recommendation sets; the newest set of a user is their current one. */
const recommendations = {
  async insert(
    client: DbClient,
    set: { userId: string; draft: RecommendationDraft; source: Source; fallbackReason: FallbackReason | null; promptVersion: string; factsHash: string },
  ): Promise<RecommendationSet> {
    const id = randomUUID();
    const inserted = await client.query<SetRow>(
      `insert into recommendation_sets (id, user_id, reason, source, fallback_reason, prompt_version, facts_hash)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${SET_COLUMNS}`,
      [id, set.userId, set.draft.reason, set.source, set.fallbackReason, set.promptVersion, set.factsHash],
    );
    const missions: StoredMission[] = [];
    for (const [position, mission] of set.draft.missions.entries()) {
      const missionId = randomUUID();
      await client.query(
        `insert into recommended_missions (id, set_id, user_id, position, title, description, category, difficulty, minutes,
           benefit, occupation_fit, target_items) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          missionId,
          id,
          set.userId,
          position,
          mission.title,
          mission.description,
          mission.category,
          mission.difficulty,
          mission.minutes,
          mission.benefit,
          mission.occupationFit,
          mission.targetItems,
        ],
      );
      missions.push({ id: missionId, ...mission });
    }
    return { ...inserted.rows[0]!, missions };
  },

  async find(db: Queryable, userId: string, setId: string): Promise<RecommendationSet | undefined> {
    const result = await db.query<SetRow>(`select ${SET_COLUMNS} from recommendation_sets where id = $1 and user_id = $2`, [setId, userId]);
    return withMissions(db, result.rows[0]);
  },

  async current(db: Queryable, userId: string): Promise<RecommendationSet | undefined> {
    const result = await db.query<SetRow>(`select ${SET_COLUMNS} from recommendation_sets where user_id = $1 order by created_at desc, id desc limit 1`, [
      userId,
    ]);
    return withMissions(db, result.rows[0]);
  },

  async eraseUser(db: Queryable, userId: string): Promise<void> {
    await db.query('delete from recommended_missions where user_id = $1', [userId]);
    await db.query('delete from recommendation_sets where user_id = $1', [userId]);
  },
};

/** The SQL for recommendation sets, handed to the handlers (which never import it), so a test can pass its own. */
export function createRecommendationsRepository() {
  return { recommendations };
}

export type RecommendationsRepository = ReturnType<typeof createRecommendationsRepository>;
