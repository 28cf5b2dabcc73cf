/**
 * The NHIS per-item judging criteria (보건복지부고시 제2026-6호 「건강검진 실시기준」 [별표 4의 별첨]) as data.
 *
 * This table is the single source of truth: judging, the human-readable `appliedRange` text and the
 * chart bands (`gradeBands`) are all derived from it, so a boundary is changed in one place only.
 * Every band is a half-open or closed interval exactly as in docs/reference/nhis-checkup.md §1; the
 * bands of one item and sex cover the whole number line without overlap (a unit test checks this).
 */

export type Sex = 'M' | 'F';

/** NOT_CLASSIFIED: the notice gives no grade for this value (e.g. haemoglobin above the A range). */
export type BandGrade = 'NORMAL_A' | 'NORMAL_B' | 'SUSPECTED_DISEASE' | 'NOT_CLASSIFIED';
/**
 * NOT_TESTED: the person was offered the item (or we cannot tell) and there is no result.
 * NOT_APPLICABLE: the person was not offered it that year (by sex, age, year); never counted.
 */
export type Grade = BandGrade | 'NOT_TESTED' | 'NOT_APPLICABLE';
/** The grades a summary counts: an item the person was not offered is left out. */
export type CountedGrade = Exclude<Grade, 'NOT_APPLICABLE'>;

export const COUNTED_GRADES: readonly CountedGrade[] = ['NORMAL_A', 'NORMAL_B', 'SUSPECTED_DISEASE', 'NOT_CLASSIFIED', 'NOT_TESTED'];

export const GRADES: readonly Grade[] = [...COUNTED_GRADES, 'NOT_APPLICABLE'];

/** The plain notes on a value the notice does not grade (docs/reference/nhis-checkup.md §6). */
export const ABOVE_CRITERIA_NOTE = '기준보다 높음, 의사와 상의';
export const BELOW_CRITERIA_NOTE = '기준보다 낮음, 의사와 상의';

export const CRITERIA_SOURCE = '보건복지부고시 제2026-6호 건강검진 실시기준 [별표 4의 별첨] (시행 2026-01-07)';

export type CriterionId =
  | 'BMI'
  | 'WAIST'
  | 'SBP'
  | 'DBP'
  | 'FASTING_GLUCOSE'
  | 'TOTAL_CHOLESTEROL'
  | 'HDL_CHOLESTEROL'
  | 'TRIGLYCERIDES'
  | 'LDL_CHOLESTEROL'
  | 'HEMOGLOBIN'
  | 'AST'
  | 'ALT'
  | 'GAMMA_GTP'
  | 'URINE_PROTEIN'
  | 'SERUM_CREATININE'
  | 'EGFR'
  | 'HEARING_EAR'
  | 'CHEST_XRAY'
  | 'BONE_DENSITY_T_SCORE'
  | 'BONE_DENSITY_FINDING';

export interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** One interval of the number line and its grade; `null` bounds are open-ended. */
export interface Band {
  readonly grade: BandGrade;
  readonly lower: Bound | null;
  readonly upper: Bound | null;
  /** Sub-label shown next to the grade, e.g. 저체중 for the lower 정상B band of BMI. */
  readonly note?: string;
}

/**
 * NUMERIC items are measured values. ORDINAL items are categories coded 1, 2, 3… in order of
 * severity (urine dipstick, hearing, chest X-ray), so one interval engine judges both.
 */
export type Scale = 'NUMERIC' | 'ORDINAL';

export interface Criterion {
  readonly id: CriterionId;
  /** Item name as printed on the result sheet. */
  readonly name: string;
  /** 목표질환 of the row, where the reference names one. */
  readonly target?: string;
  readonly unit: string;
  /** Precision the sheet prints; used to format edges and to round values this module computes. */
  readonly decimals: number;
  readonly scale: Scale;
  /** Labels of the ordinal codes, in code order starting at 1 (ORDINAL only). */
  readonly ordinalLabels?: readonly string[];
  readonly bands: Readonly<Record<Sex, readonly Band[]>>;
}

const inc = (value: number): Bound => ({ value, inclusive: true });
const exc = (value: number): Bound => ({ value, inclusive: false });

function band(grade: BandGrade, lower: Bound | null, upper: Bound | null, note?: string): Band {
  return note === undefined ? { grade, lower, upper } : { grade, lower, upper, note };
}

const A = 'NORMAL_A';
const B = 'NORMAL_B';
const D = 'SUSPECTED_DISEASE';
const NC = 'NOT_CLASSIFIED';

function sameForBoth(bands: readonly Band[]): Readonly<Record<Sex, readonly Band[]>> {
  return { M: bands, F: bands };
}

/** "A below bFrom, B from bFrom, D from dFrom": BP parts, glucose, total cholesterol, TG, LDL. */
function risingThreeBands(bFrom: number, dFrom: number): readonly Band[] {
  return [band(A, null, exc(bFrom)), band(B, inc(bFrom), exc(dFrom)), band(D, inc(dFrom), null)];
}

/**
 * Liver enzymes: the notice prints integer ranges ("41–50"); we use its interval form (40, 50] so that a
 * non-integer value such as 40.5 is 정상B rather than falling between two printed ranges.
 */
function liverBands(lowestA: Bound | null, aMax: number, bMax: number): readonly Band[] {
  const bands = [band(A, lowestA, inc(aMax)), band(B, exc(aMax), inc(bMax)), band(D, exc(bMax), null)];
  return lowestA === null ? bands : [band(NC, null, exc(lowestA.value), BELOW_CRITERIA_NOTE), ...bands];
}

const URINE_PROTEIN_LABELS = ['음성(−)', '약양성(±)', '양성(+1)', '양성(+2)', '양성(+3)', '양성(+4)'] as const;

export const CRITERIA: Readonly<Record<CriterionId, Criterion>> = {
  BMI: {
    id: 'BMI',
    name: '체질량지수',
    target: '비만',
    unit: 'kg/m²',
    decimals: 1,
    scale: 'NUMERIC',
    // Underweight is 정상B in the notice (one third-party app says 질환의심, contradicting it).
    bands: sameForBoth([band(B, null, exc(18.5), '저체중'), band(A, inc(18.5), exc(25)), band(B, inc(25), exc(30)), band(D, inc(30), null)]),
  },
  WAIST: {
    id: 'WAIST',
    name: '허리둘레',
    target: '복부비만',
    unit: 'cm',
    // Waists print with one decimal (81.3), but both bands are open-ended and the sheet prints their
    // boundary as a whole number ("90 미만"); no waist is ever computed or rounded here.
    decimals: 0,
    scale: 'NUMERIC',
    // UNVERIFIED (docs/reference/nhis-checkup.md §1): third parties disagree whether ≥ 90/85 is 질환의심 or 정상B. We follow the
    // 2026 transcription and the knowledge-base seed (A/D, no B band) because the text copy lays the waist
    // row out like creatinine, which is an A/D row. Re-check against the official PDF.
    bands: {
      M: [band(A, null, exc(90)), band(D, inc(90), null)],
      F: [band(A, null, exc(85)), band(D, inc(85), null)],
    },
  },
  SBP: {
    id: 'SBP',
    name: '수축기혈압',
    target: '고혈압',
    unit: 'mmHg',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(risingThreeBands(120, 140)),
  },
  DBP: {
    id: 'DBP',
    name: '이완기혈압',
    target: '고혈압',
    unit: 'mmHg',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(risingThreeBands(80, 90)),
  },
  FASTING_GLUCOSE: {
    id: 'FASTING_GLUCOSE',
    name: '공복혈당',
    target: '당뇨병',
    unit: 'mg/dL',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(risingThreeBands(100, 126)),
  },
  TOTAL_CHOLESTEROL: {
    id: 'TOTAL_CHOLESTEROL',
    name: '총콜레스테롤',
    target: '이상지질혈증',
    unit: 'mg/dL',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(risingThreeBands(200, 240)),
  },
  HDL_CHOLESTEROL: {
    id: 'HDL_CHOLESTEROL',
    name: 'HDL 콜레스테롤',
    target: '이상지질혈증',
    unit: 'mg/dL',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth([band(D, null, exc(40)), band(B, inc(40), exc(60)), band(A, inc(60), null)]),
  },
  TRIGLYCERIDES: {
    id: 'TRIGLYCERIDES',
    name: '중성지방',
    target: '이상지질혈증',
    unit: 'mg/dL',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(risingThreeBands(150, 200)),
  },
  LDL_CHOLESTEROL: {
    id: 'LDL_CHOLESTEROL',
    name: 'LDL 콜레스테롤',
    target: '이상지질혈증',
    unit: 'mg/dL',
    decimals: 0,
    scale: 'NUMERIC',
    // The notice's footnote (a lower target such as < 100 for diabetics) is a physician's call that needs a
    // diagnosis this module does not have, so the general bands apply to everyone.
    bands: sameForBoth(risingThreeBands(130, 160)),
  },
  HEMOGLOBIN: {
    id: 'HEMOGLOBIN',
    name: '혈색소',
    target: '빈혈',
    unit: 'g/dL',
    decimals: 1,
    scale: 'NUMERIC',
    // Above the A range the notice gives no grade; we report NOT_CLASSIFIED rather than invent 정상B.
    bands: {
      M: [band(D, null, exc(12)), band(B, inc(12), exc(13)), band(A, inc(13), inc(16.5)), band(NC, exc(16.5), null, ABOVE_CRITERIA_NOTE)],
      F: [band(D, null, exc(10)), band(B, inc(10), exc(12)), band(A, inc(12), inc(15.5)), band(NC, exc(15.5), null, ABOVE_CRITERIA_NOTE)],
    },
  },
  AST: {
    id: 'AST',
    name: 'AST(SGOT)',
    target: '간장질환',
    unit: 'U/L',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(liverBands(null, 40, 50)),
  },
  ALT: {
    id: 'ALT',
    name: 'ALT(SGPT)',
    target: '간장질환',
    unit: 'U/L',
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth(liverBands(null, 35, 45)),
  },
  GAMMA_GTP: {
    id: 'GAMMA_GTP',
    name: '감마지티피(γ-GTP)',
    target: '간장질환',
    unit: 'U/L',
    decimals: 0,
    scale: 'NUMERIC',
    // Below the A range the notice gives no grade (one app says 정상B); we report NOT_CLASSIFIED.
    bands: {
      M: liverBands(inc(11), 63, 77),
      F: liverBands(inc(8), 35, 45),
    },
  },
  URINE_PROTEIN: {
    id: 'URINE_PROTEIN',
    name: '요단백',
    target: '신장질환',
    unit: '',
    decimals: 0,
    scale: 'ORDINAL',
    ordinalLabels: URINE_PROTEIN_LABELS,
    bands: sameForBoth([band(A, null, exc(2)), band(B, inc(2), exc(3)), band(D, inc(3), null)]),
  },
  SERUM_CREATININE: {
    id: 'SERUM_CREATININE',
    name: '혈청크레아티닌',
    target: '신장질환',
    unit: 'mg/dL',
    decimals: 1,
    scale: 'NUMERIC',
    bands: sameForBoth([band(A, null, inc(1.5)), band(D, exc(1.5), null)]),
  },
  EGFR: {
    id: 'EGFR',
    name: '신사구체여과율(e-GFR)',
    target: '신장질환',
    unit: 'mL/min/1.73m²',
    // Sheets print eGFR as a whole number; a value computed here is rounded the same way before judging.
    decimals: 0,
    scale: 'NUMERIC',
    bands: sameForBoth([band(D, null, exc(60)), band(A, inc(60), null)]),
  },
  HEARING_EAR: {
    id: 'HEARING_EAR',
    name: '청력',
    unit: '',
    decimals: 0,
    scale: 'ORDINAL',
    // The notice refers an abnormal ear (≥ 40 dB, or < 3 whispers right) to a specialist: 질환의심, no 정상B.
    ordinalLabels: ['정상', '비정상'],
    bands: sameForBoth([band(A, null, exc(2)), band(D, inc(2), null)]),
  },
  CHEST_XRAY: {
    id: 'CHEST_XRAY',
    name: '흉부방사선',
    unit: '',
    decimals: 0,
    scale: 'ORDINAL',
    ordinalLabels: ['정상', '비활동성 폐결핵', '기타 이상 소견'],
    bands: sameForBoth([band(A, null, exc(2)), band(B, inc(2), exc(3)), band(D, inc(3), null)]),
  },
  BONE_DENSITY_T_SCORE: {
    id: 'BONE_DENSITY_T_SCORE',
    name: '골밀도',
    target: '골다공증',
    unit: 'T-score',
    decimals: 1,
    scale: 'NUMERIC',
    bands: sameForBoth([band(D, null, inc(-2.5), '골다공증'), band(B, exc(-2.5), exc(-1), '골감소증'), band(A, inc(-1), null)]),
  },
  BONE_DENSITY_FINDING: {
    id: 'BONE_DENSITY_FINDING',
    name: '골밀도',
    target: '골다공증',
    unit: '',
    decimals: 0,
    scale: 'ORDINAL',
    // The three findings are the WHO T-score categories that define the T-score bands above.
    ordinalLabels: ['정상', '골감소증', '골다공증'],
    bands: sameForBoth([band(A, null, exc(2)), band(B, inc(2), exc(3)), band(D, inc(3), null)]),
  },
};

function isAboveLower(value: number, lower: Bound | null): boolean {
  if (lower === null) return true;
  return lower.inclusive ? value >= lower.value : value > lower.value;
}

function isBelowUpper(value: number, upper: Bound | null): boolean {
  if (upper === null) return true;
  return upper.inclusive ? value <= upper.value : value < upper.value;
}

export function bandContains(b: Band, value: number): boolean {
  return isAboveLower(value, b.lower) && isBelowUpper(value, b.upper);
}

function sameBound(a: Bound | null, b: Bound | null): boolean {
  return a === b || (a !== null && b !== null && a.value === b.value && a.inclusive === b.inclusive);
}

/**
 * True when the notice grades this item differently for men and women (waist, haemoglobin, γ-GTP).
 * Only these need the person's sex; every other item is judged the same way without it.
 */
export function isSexSpecific(id: CriterionId): boolean {
  const { M, F } = CRITERIA[id].bands;
  if (M === F) return false;
  if (M.length !== F.length) return true;
  return M.some((m, i) => {
    const f = F[i];
    return f === undefined || m.grade !== f.grade || !sameBound(m.lower, f.lower) || !sameBound(m.upper, f.upper);
  });
}

/** The band a value falls in, for the person's sex. Throws only if the table itself has a gap. */
export function bandFor(id: CriterionId, sex: Sex, value: number): Band {
  const found = CRITERIA[id].bands[sex].find((b) => bandContains(b, value));
  if (found === undefined) throw new Error(`criteria table has no band for ${id} (${sex}) = ${value}`);
  return found;
}

export interface GradeBand {
  readonly grade: BandGrade;
  /** Lower edge; null means unbounded below. */
  readonly from: number | null;
  readonly fromInclusive: boolean;
  /** Upper edge; null means unbounded above. */
  readonly to: number | null;
  readonly toInclusive: boolean;
  readonly note?: string;
}

function lowerEdge(b: Band): number {
  return b.lower === null ? Number.NEGATIVE_INFINITY : b.lower.value;
}

/** Numeric band edges for one item and sex, ascending, ready to shade a trend chart. */
export function gradeBands(id: CriterionId, sex: Sex): readonly GradeBand[] {
  return [...CRITERIA[id].bands[sex]]
    .sort((x, y) => lowerEdge(x) - lowerEdge(y))
    .map((b) => {
      const base = {
        grade: b.grade,
        from: b.lower?.value ?? null,
        fromInclusive: b.lower?.inclusive ?? false,
        to: b.upper?.value ?? null,
        toInclusive: b.upper?.inclusive ?? false,
      };
      return b.note === undefined ? base : { ...base, note: b.note };
    });
}
