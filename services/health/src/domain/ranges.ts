import { CRITERIA, type Band, type BandGrade, type Bound, type Criterion, type CriterionId, type Sex } from './criteria.js';

/**
 * The criteria that applied to a person, as the result sheet prints them ("18.5~24.9", "90 미만",
 * "120 미만/80 미만"); rendered from the CRITERIA table, never typed by hand. Notation:
 * docs/reference/nhis-checkup.md §4.
 */
export interface AppliedRange {
  readonly normalA: string;
  /** null where the notice has no 정상B band (waist, creatinine, eGFR, hearing). */
  readonly normalB: string | null;
  readonly suspected: string;
  /** Present only where the notice leaves part of the scale without a grade (haemoglobin high, γ-GTP low). */
  readonly notClassified?: string;
}

const OR = ' 또는 ';

function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** The smallest step between two printed values: 1 for whole numbers, 0.1 for one decimal. */
function stepOf(decimals: number): number {
  return 10 ** -decimals;
}

/** The lowest printed value a lower bound admits: 40 exclusive with whole numbers prints as 41. */
function printedLower(bound: Bound, decimals: number): number {
  return bound.inclusive ? bound.value : bound.value + stepOf(decimals);
}

/** The highest printed value an upper bound admits: 25 exclusive with one decimal prints as 24.9. */
function printedUpper(bound: Bound, decimals: number): number {
  return bound.inclusive ? bound.value : bound.value - stepOf(decimals);
}

/** One numeric band as the sheet prints it: "a~b", "b 미만", "b 이하", "a 이상", "a 초과". */
export function sheetBandText(b: Pick<Band, 'lower' | 'upper'>, decimals: number): string {
  const fmt = (value: number) => formatNumber(value, decimals);
  if (b.lower && b.upper) return `${fmt(printedLower(b.lower, decimals))}~${fmt(printedUpper(b.upper, decimals))}`;
  if (b.upper) return `${fmt(b.upper.value)} ${b.upper.inclusive ? '이하' : '미만'}`;
  if (b.lower) {
    if (b.lower.inclusive) return `${fmt(b.lower.value)} 이상`;
    // Whole numbers: "> 50" is what the sheet prints as "51 이상"; with decimals it keeps "1.5 초과".
    return decimals === 0 ? `${fmt(printedLower(b.lower, decimals))} 이상` : `${fmt(b.lower.value)} 초과`;
  }
  return '전체';
}

/** The ordinal codes (1-based) a band covers. */
function codesIn(b: Band, labelCount: number): number[] {
  const codes: number[] = [];
  for (let code = 1; code <= labelCount; code += 1) {
    const aboveLower = b.lower === null || (b.lower.inclusive ? code >= b.lower.value : code > b.lower.value);
    const belowUpper = b.upper === null || (b.upper.inclusive ? code <= b.upper.value : code < b.upper.value);
    if (aboveLower && belowUpper) codes.push(code);
  }
  return codes;
}

function ordinalBandText(b: Band, labels: readonly string[]): string {
  const codes = codesIn(b, labels.length);
  const first = codes[0];
  if (first === undefined) return '';
  const label = labels[first - 1] ?? '';
  // An open-ended band over several codes reads the way the notice prints it: "양성(+1) 이상".
  return codes.length > 1 && b.upper === null ? `${label} 이상` : codes.map((c) => labels[c - 1]).join(', ');
}

function bandText(criterion: Criterion, b: Band): string {
  return criterion.scale === 'ORDINAL' ? ordinalBandText(b, criterion.ordinalLabels ?? []) : sheetBandText(b, criterion.decimals);
}

/** Text of every band of one grade, joined with 또는; null when the item has no band of that grade. */
export function gradeText(id: CriterionId, sex: Sex, grade: BandGrade): string | null {
  const criterion = CRITERIA[id];
  const texts = criterion.bands[sex].filter((b) => b.grade === grade).map((b) => bandText(criterion, b));
  return texts.length === 0 ? null : texts.join(OR);
}

/** The ranges for one item and the person's sex only. */
export function appliedRangeFor(id: CriterionId, sex: Sex): AppliedRange {
  const notClassified = gradeText(id, sex, 'NOT_CLASSIFIED');
  const range = {
    normalA: gradeText(id, sex, 'NORMAL_A') ?? '',
    normalB: gradeText(id, sex, 'NORMAL_B'),
    suspected: gradeText(id, sex, 'SUSPECTED_DISEASE') ?? '',
  };
  return notClassified === null ? range : { ...range, notClassified };
}

function perSex(men: string | null, women: string | null): string | null {
  if (men === women) return men;
  return `남 ${men ?? '해당 없음'} / 여 ${women ?? '해당 없음'}`;
}

/**
 * The criteria when the person's sex is not known: a sex-specific row shows both sexes' ranges as the sheet
 * does ("남 90.0 미만 / 여 85.0 미만"), so the reader sees what would apply without the app guessing.
 */
export function appliedRangeWithoutSex(id: CriterionId): AppliedRange {
  const men = appliedRangeFor(id, 'M');
  const women = appliedRangeFor(id, 'F');
  const range = {
    normalA: perSex(men.normalA, women.normalA) ?? '',
    normalB: perSex(men.normalB, women.normalB),
    suspected: perSex(men.suspected, women.suspected) ?? '',
  };
  const notClassified = perSex(men.notClassified ?? null, women.notClassified ?? null);
  return notClassified === null ? range : { ...range, notClassified };
}

/**
 * Blood pressure as the sheet prints it, systolic/diastolic: A "120 미만/80 미만" (both parts), B
 * "120~139/80~89" (either part, when not 질환의심), 질환의심 "140 이상/90 이상" (either part).
 */
export function bloodPressureRange(sex: Sex): AppliedRange {
  const sbp = appliedRangeFor('SBP', sex);
  const dbp = appliedRangeFor('DBP', sex);
  return {
    normalA: `${sbp.normalA}/${dbp.normalA}`,
    normalB: `${sbp.normalB ?? ''}/${dbp.normalB ?? ''}`,
    suspected: `${sbp.suspected}/${dbp.suspected}`,
  };
}

/** Hearing is judged per ear; one abnormal ear is enough for 질환의심. */
export function hearingRange(sex: Sex): AppliedRange {
  const ear = appliedRangeFor('HEARING_EAR', sex);
  return {
    normalA: `양쪽 ${ear.normalA}`,
    normalB: ear.normalB,
    suspected: `한쪽 이상 ${ear.suspected}`,
  };
}

const SEX_PART = /^\s*(남|여)(?:성|자)?\s*[:：]?\s*(.+?)\s*$/;

/**
 * A provider's printed cell for the person's sex only: "남 90 미만 / 여 85 미만" → "90 미만" for a man. A
 * cell without sex parts is returned as it is; a cell whose parts cannot be told apart is left whole.
 */
export function cellForSex(cell: string, sex: Sex): string {
  const parts = cell.split('/').map((p) => SEX_PART.exec(p));
  if (parts.length < 2 || parts.some((p) => p === null)) return cell;
  const wanted = sex === 'M' ? '남' : '여';
  const mine = parts.find((p) => p?.[1] === wanted);
  return mine?.[2] ?? cell;
}
