import type { CensoredValue } from './checkup.js';
import { CRITERIA, type Band, type BandGrade, type Bound, type CriterionId, type Sex } from './criteria.js';

/**
 * Judging a censored result (">90", "≥60", "<5") by its bound: the values the comparator allows form an
 * interval, and the grade is the one band (or one grade) that interval falls in. An interval spanning a
 * boundary cannot be graded. Docs: docs/reference/nhis-checkup.md §3.
 */

/** Shown when a printed bound leaves the grade open, e.g. an eGFR of "<90" (could be 정상A or 질환의심). */
export const CENSORED_SPANS_NOTE = '인쇄된 값이 판정 경계에 걸쳐 있어 등급을 정할 수 없음';

interface Interval {
  readonly lower: Bound | null;
  readonly upper: Bound | null;
}

export function intervalOf(value: CensoredValue): Interval {
  const bound = (inclusive: boolean): Bound => ({ value: value.bound, inclusive });
  switch (value.comparator) {
    case '>':
      return { lower: bound(false), upper: null };
    case '≥':
      return { lower: bound(true), upper: null };
    case '<':
      return { lower: null, upper: bound(false) };
    case '≤':
      return { lower: null, upper: bound(true) };
  }
}

/** The tighter of two lower bounds (null is −∞); on equal values the exclusive one is tighter. */
function tighterLower(a: Bound | null, b: Bound | null): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.inclusive ? b : a;
}

function tighterUpper(a: Bound | null, b: Bound | null): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.inclusive ? b : a;
}

export function overlaps(interval: Interval, band: Band): boolean {
  const lower = tighterLower(interval.lower, band.lower);
  const upper = tighterUpper(interval.upper, band.upper);
  if (lower === null || upper === null) return true;
  return lower.value < upper.value || (lower.value === upper.value && lower.inclusive && upper.inclusive);
}

export interface CensoredJudgement {
  readonly grade: BandGrade;
  readonly note?: string;
}

/** The grade of a censored value against one row of the table, for the person's sex. */
export function judgeCensored(id: CriterionId, sex: Sex, value: CensoredValue): CensoredJudgement {
  const interval = intervalOf(value);
  const hit = CRITERIA[id].bands[sex].filter((b) => overlaps(interval, b));
  const grades = new Set(hit.map((b) => b.grade));
  const [only] = hit;
  if (hit.length === 1 && only !== undefined) return only.note === undefined ? { grade: only.grade } : { grade: only.grade, note: only.note };
  const [grade] = grades;
  if (grades.size === 1 && grade !== undefined) return { grade };
  return { grade: 'NOT_CLASSIFIED', note: CENSORED_SPANS_NOTE };
}
