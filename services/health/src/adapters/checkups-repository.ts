import type { Db, DbClient } from '@healthsync/shared';
import type { Checkup, ImportRejection, UnitField, Vision } from '../domain/index.js';

/** A stored checkup: the canonical record plus where it came from. */
export interface StoredCheckupRow {
  id: string;
  userId: string;
  linkId: string | null;
  source: string;
  sourceKey: string;
  checkup: Checkup;
  checkupType: string | null;
  organizationName: string | null;
  opinion: string | null;
  units: Partial<Record<UnitField, string>>;
  rejectedValues: ImportRejection[];
  rawBlob: string | null;
  documentBlob: string | null;
  importedAt: Date;
}

/** Canonical field ↔ column; numeric columns come back from pg as strings. */
const NUMERIC_COLUMNS = [
  ['heightCm', 'height_cm'],
  ['weightKg', 'weight_kg'],
  ['bmi', 'bmi'],
  ['waistCm', 'waist_cm'],
  ['sbp', 'sbp'],
  ['dbp', 'dbp'],
  ['fastingGlucose', 'fasting_glucose'],
  ['totalCholesterol', 'total_cholesterol'],
  ['hdlCholesterol', 'hdl_cholesterol'],
  ['ldlCholesterol', 'ldl_cholesterol'],
  ['triglycerides', 'triglycerides'],
  ['hemoglobin', 'hemoglobin'],
  ['urineProtein', 'urine_protein'],
  ['serumCreatinine', 'serum_creatinine'],
  ['egfr', 'egfr'],
  ['ast', 'ast'],
  ['alt', 'alt'],
  ['gammaGtp', 'gamma_gtp'],
  ['boneDensityTScore', 'bone_density_t_score'],
] as const satisfies ReadonlyArray<readonly [keyof Checkup, string]>;

const TEXT_COLUMNS = [
  ['hearingLeft', 'hearing_left'],
  ['hearingRight', 'hearing_right'],
  ['egfrMethod', 'egfr_method'],
  ['chestXray', 'chest_xray'],
  ['boneDensityFinding', 'bone_density_finding'],
  ['smoking', 'smoking'],
  ['reportedJudgement', 'reported_judgement'],
] as const satisfies ReadonlyArray<readonly [keyof Checkup, string]>;

type Row = Record<string, unknown>;

const SELECT = `select c.*, to_char(c.exam_date, 'YYYY-MM-DD') as exam_date_text from checkups c`;

function visionToText(vision: Vision | undefined): string | null {
  if (vision === undefined) return null;
  return vision === 'BLIND' ? 'BLIND' : vision.toFixed(1);
}

function visionFromText(text: unknown): Vision | undefined {
  if (typeof text !== 'string') return undefined;
  return text === 'BLIND' ? 'BLIND' : Number(text);
}

function checkupOf(row: Row): Checkup {
  const checkup: Record<string, unknown> = { examYear: Number(row.exam_year) };
  if (typeof row.exam_date_text === 'string') checkup.examDate = row.exam_date_text;
  for (const [field, column] of NUMERIC_COLUMNS) {
    if (row[column] !== null && row[column] !== undefined) checkup[field] = Number(row[column]);
  }
  for (const [field, column] of TEXT_COLUMNS) {
    if (typeof row[column] === 'string') checkup[field] = row[column];
  }
  const left = visionFromText(row.vision_left);
  const right = visionFromText(row.vision_right);
  if (left !== undefined) checkup.visionLeft = left;
  if (right !== undefined) checkup.visionRight = right;
  if (typeof row.drinks === 'boolean') checkup.drinks = row.drinks;
  if (row.censored !== null && typeof row.censored === 'object' && Object.keys(row.censored).length > 0) checkup.censored = row.censored;
  return checkup as unknown as Checkup;
}

function storedOf(row: Row): StoredCheckupRow {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    linkId: (row.link_id as string | null) ?? null,
    source: row.source as string,
    sourceKey: row.source_key as string,
    checkup: checkupOf(row),
    checkupType: (row.checkup_type as string | null) ?? null,
    organizationName: (row.organization_name as string | null) ?? null,
    opinion: (row.opinion as string | null) ?? null,
    units: (row.units as Partial<Record<UnitField, string>>) ?? {},
    rejectedValues: (row.rejected_values as ImportRejection[]) ?? [],
    rawBlob: (row.raw_blob as string | null) ?? null,
    documentBlob: (row.document_blob as string | null) ?? null,
    importedAt: row.imported_at as Date,
  };
}

export interface NewCheckup {
  id: string;
  userId: string;
  linkId: string;
  sourceKey: string;
  checkup: Checkup;
  checkupType: string | null;
  organizationName: string | null;
  opinion: string | null;
  units: Partial<Record<UnitField, string>>;
  rejectedValues: readonly ImportRejection[];
  rawBlob: string | null;
  documentBlob: string | null;
}

const NEWEST_FIRST = 'order by c.exam_year desc, c.exam_date desc nulls last, c.imported_at desc, c.id';

/** SQL for checkups; functions taking a DbClient run on the caller's transaction. */
const checkups = {
  /** Source keys of this user's checkups that are already stored. */
  async existingKeys(db: Db | DbClient, userId: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const result = await db.query<{ source_key: string }>(
      `select source_key from checkups where user_id = $1 and source = 'NHIS' and source_key = any($2::text[])`,
      [userId, keys],
    );
    return new Set(result.rows.map((r) => r.source_key));
  },

  /** Inserts unless the same checkup is already stored (a concurrent import); true when inserted. */
  async insert(client: DbClient, row: NewCheckup): Promise<boolean> {
    const c = row.checkup;
    const columns: Record<string, unknown> = {
      id: row.id,
      user_id: row.userId,
      source: 'NHIS',
      source_key: row.sourceKey,
      link_id: row.linkId,
      exam_year: c.examYear,
      exam_date: c.examDate ?? null,
      checkup_type: row.checkupType,
      organization_name: row.organizationName,
      opinion: row.opinion,
      vision_left: visionToText(c.visionLeft),
      vision_right: visionToText(c.visionRight),
      drinks: c.drinks ?? null,
      censored: JSON.stringify(c.censored ?? {}),
      units: JSON.stringify(row.units),
      rejected_values: JSON.stringify(row.rejectedValues),
      raw_blob: row.rawBlob,
      document_blob: row.documentBlob,
    };
    for (const [field, column] of NUMERIC_COLUMNS) columns[column] = c[field] ?? null;
    for (const [field, column] of TEXT_COLUMNS) columns[column] = c[field] ?? null;
    const names = Object.keys(columns);
    const result = await client.query(
      `insert into checkups (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')})
       on conflict (user_id, source, source_key) do nothing`,
      Object.values(columns),
    );
    return result.rowCount === 1;
  },

  /** Newest first: by examination year, then date, then import time. */
  /**
   * Up to `limit` checkups newest first, starting right after the checkup `afterId` (from the
   * start without one); `found` is false when `afterId` is not one of the user's checkups. A
   * person has a few dozen checkups at most, so the position is found by numbering them.
   */
  async pageAfter(
    db: Db,
    userId: string,
    limit: number,
    afterId: string | undefined,
  ): Promise<{ rows: StoredCheckupRow[]; total: number; hasMore: boolean; found: boolean }> {
    const numbered = `with numbered as (select c.id, row_number() over (${NEWEST_FIRST}) as n from checkups c where c.user_id = $1)`;
    const [rows, counts] = await Promise.all([
      db.query(
        `${numbered} ${SELECT} join numbered on numbered.id = c.id
           where c.user_id = $1 and numbered.n > coalesce((select n from numbered where id = $2), 0)
           ${NEWEST_FIRST} limit $3`,
        [userId, afterId ?? null, limit + 1],
      ),
      db.query<{ total: string; found: boolean }>('select count(*) as total, coalesce(bool_or(id = $2), false) as found from checkups where user_id = $1', [
        userId,
        afterId ?? null,
      ]),
    ]);
    return {
      rows: rows.rows.slice(0, limit).map(storedOf),
      total: Number(counts.rows[0]?.total ?? 0),
      hasMore: rows.rows.length > limit,
      found: afterId === undefined || counts.rows[0]?.found === true,
    };
  },

  async all(db: Db, userId: string): Promise<StoredCheckupRow[]> {
    const result = await db.query(`${SELECT} where c.user_id = $1 ${NEWEST_FIRST}`, [userId]);
    return result.rows.map(storedOf);
  },

  async latest(db: Db, userId: string): Promise<StoredCheckupRow | undefined> {
    const result = await db.query(`${SELECT} where c.user_id = $1 ${NEWEST_FIRST} limit 1`, [userId]);
    return result.rows[0] ? storedOf(result.rows[0]) : undefined;
  },

  /** Only the owner's: another user's id is simply not found. */
  async find(db: Db, userId: string, id: string): Promise<StoredCheckupRow | undefined> {
    const result = await db.query(`${SELECT} where c.user_id = $1 and c.id = $2`, [userId, id]);
    return result.rows[0] ? storedOf(result.rows[0]) : undefined;
  },

  async deleteAllOf(client: DbClient, userId: string): Promise<number> {
    const result = await client.query('delete from checkups where user_id = $1', [userId]);
    return result.rowCount ?? 0;
  },
};

/** The SQL for stored checkups, handed to the handlers (which never import it), so a test can pass its own. */
export function createCheckupsRepository() {
  return { checkups };
}

export type CheckupsRepository = ReturnType<typeof createCheckupsRepository>;
