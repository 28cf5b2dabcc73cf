import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The health service's answer to `GET /internal/health/users/:userId/latest-judged` (its
 * contract), read leniently: fields we do not use may change without breaking us, and an
 * unknown grade is simply not shown to the model.
 */
export const latestJudgedSchema = z.object({
  userId: z.string(),
  profile: z
    .object({
      sex: z.enum(['M', 'F']).nullable().optional(),
      birthDate: z.string().nullable().optional(),
      occupation: z.string().nullable().optional(),
    })
    .nullable(),
  checkup: z
    .object({
      checkupId: z.string().optional(),
      examYear: z.number().int().optional(),
      examDate: z.string().nullable().optional(),
      items: z.array(
        z.object({
          item: z.string(),
          name: z.string(),
          value: z.union([z.number(), z.string()]).nullable(),
          unit: z.string().nullable().optional(),
          grade: z.string(),
          appliedRange: z.record(z.string(), z.unknown()).nullable().optional(),
          note: z.string().optional(),
        }),
      ),
      summary: z
        .object({ outsideCriteria: z.array(z.object({ item: z.string(), note: z.string() })).optional() })
        .nullable()
        .optional(),
    })
    .nullable(),
});

export type LatestJudged = z.infer<typeof latestJudgedSchema>;

export type JudgedGrade = 'NORMAL_A' | 'NORMAL_B' | 'SUSPECTED_DISEASE';
/**
 * OUTSIDE_CRITERIA: a measured value where the notice gives no grade (haemoglobin above the 정상A range,
 * γ-GTP below it). It is not normal: a reading must mention it and suggest seeing a doctor.
 */
export type RecordGrade = JudgedGrade | 'OUTSIDE_CRITERIA';

export const GRADE_LABELS: Readonly<Record<RecordGrade, string>> = {
  NORMAL_A: '정상A',
  NORMAL_B: '정상B(경계)',
  SUSPECTED_DISEASE: '질환의심',
  OUTSIDE_CRITERIA: '판정 기준 외',
};

/** Occupations of the user service, in the words the model and the user read. */
export const OCCUPATION_LABELS: Readonly<Record<string, string>> = {
  OFFICE_WORKER: '사무직',
  IT_PROFESSIONAL: 'IT 개발직',
  MANUAL_WORKER: '현장·생산직',
  DRIVER: '운전직',
  HEALTHCARE_WORKER: '의료직(교대 근무)',
  EDUCATOR: '교사·강사',
  SERVICE_WORKER: '서비스·판매직',
  SELF_EMPLOYED: '자영업',
  STUDENT: '학생',
  HOMEMAKER: '주부',
  RETIRED: '은퇴',
  OTHER: '기타 직군',
};

/** One judged item as the model sees it. */
export interface RecordItem {
  code: string;
  name: string;
  value: number | string | null;
  unit: string;
  grade: RecordGrade;
  gradeLabel: string;
  /** The 정상A range that applied, for flagged items only (the model may quote its numbers). */
  normalRange?: string;
  /** For OUTSIDE_CRITERIA: the plain note, e.g. 기준보다 높음, 의사와 상의. */
  note?: string;
}

/**
 * The facts the model is given about a user: no name, phone or birth date, only what a
 * reading needs. Items are the graded ones and the values outside the graded range (not tested,
 * not applicable and not gradable for want of a profile fact are left out).
 */
export interface HealthRecord {
  examDate: string | null;
  profile: { sex: '남성' | '여성' | null; age: number | null; occupation: string | null };
  /** The occupation code (OFFICE_WORKER …) for rule-based fallbacks; not sent to the model. */
  occupationCode: string | null;
  items: RecordItem[];
}

function isJudged(grade: string): grade is JudgedGrade {
  return grade === 'NORMAL_A' || grade === 'NORMAL_B' || grade === 'SUSPECTED_DISEASE';
}

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day; null when unreadable. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!birth || !day) return null;
  const [by, bm, bd] = birth.slice(1).map(Number) as [number, number, number];
  const [ty, tm, td] = day.slice(1).map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age >= 0 && age < 150 ? age : null;
}

function normalRangeText(range: Record<string, unknown> | null | undefined): string | undefined {
  const text = range?.normalA;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** The model's view of a user's latest judged checkup and profile. */
export function buildRecord(latest: LatestJudged, today: string): HealthRecord {
  const profile = latest.profile;
  const occupationCode = profile?.occupation ?? null;
  const items: RecordItem[] = [];
  const outside = new Map((latest.checkup?.summary?.outsideCriteria ?? []).map((o) => [o.item, o.note]));
  for (const item of latest.checkup?.items ?? []) {
    const outsideNote = item.grade === 'NOT_CLASSIFIED' ? outside.get(item.item) : undefined;
    if (outsideNote !== undefined && item.value !== null) {
      const range = normalRangeText(item.appliedRange);
      items.push({
        code: item.item,
        name: item.name,
        value: item.value,
        unit: item.unit ?? '',
        grade: 'OUTSIDE_CRITERIA',
        gradeLabel: GRADE_LABELS.OUTSIDE_CRITERIA,
        ...(range ? { normalRange: range } : {}),
        note: outsideNote,
      });
      continue;
    }
    if (!isJudged(item.grade) || item.value === null) continue;
    const flagged = item.grade !== 'NORMAL_A';
    const range = flagged ? normalRangeText(item.appliedRange) : undefined;
    items.push({
      code: item.item,
      name: item.name,
      value: item.value,
      unit: item.unit ?? '',
      grade: item.grade,
      gradeLabel: GRADE_LABELS[item.grade],
      ...(range ? { normalRange: range } : {}),
    });
  }
  return {
    examDate: latest.checkup?.examDate ?? (latest.checkup?.examYear !== undefined ? String(latest.checkup.examYear) : null),
    profile: {
      sex: profile?.sex === 'M' ? '남성' : profile?.sex === 'F' ? '여성' : null,
      age: ageOn(profile?.birthDate, today),
      occupation: occupationCode ? (OCCUPATION_LABELS[occupationCode] ?? occupationCode) : null,
    },
    occupationCode,
    items,
  };
}

/** What the model is shown of a record (the occupation code stays with us). */
export function recordForModel(record: HealthRecord): Omit<HealthRecord, 'occupationCode'> {
  const { occupationCode: _code, ...shown } = record;
  return shown;
}

/** Values outside the graded range, in record order: every reading mentions them. */
export function outsideCriteriaItems(record: HealthRecord): RecordItem[] {
  return record.items.filter((i) => i.grade === 'OUTSIDE_CRITERIA');
}

/** Items needing attention, most serious first: 질환의심, then 정상B, each in record order. */
export function flaggedItems(record: HealthRecord): RecordItem[] {
  return [...record.items.filter((i) => i.grade === 'SUSPECTED_DISEASE'), ...record.items.filter((i) => i.grade === 'NORMAL_B')];
}

/** JSON with object keys sorted, so equal facts always hash the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key part for an answer: a hash of everything that shaped the request. */
export function factsHash(parts: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(parts)).digest('hex').slice(0, 32);
}
