import { CRITERIA, type Band, type BandGrade, type Criterion, type CriterionId, type Sex } from './criteria.js';

/** The criteria that applied to a person, as text; rendered from the CRITERIA table, never typed by hand. */
export interface AppliedRange {
  readonly normalA: string;
  /** null where the notice has no 정상B band (waist, creatinine, eGFR, hearing). */
  readonly normalB: string | null;
  readonly suspected: string;
  /** Present only where the notice leaves part of the scale without a grade (haemoglobin high, γ-GTP low). */
  readonly notClassified?: string;
}

const OR = ' 또는 ';
const AND = ' 그리고 ';

function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

function numericBandText(b: Band, subject: string, decimals: number): string {
  const lower = b.lower && `${formatNumber(b.lower.value, decimals)} ${b.lower.inclusive ? '≤' : '<'} `;
  const upper = b.upper && ` ${b.upper.inclusive ? '≤' : '<'} ${formatNumber(b.upper.value, decimals)}`;
  if (lower && upper) return `${lower}${subject}${upper}`;
  if (upper) return `${subject}${upper}`;
  if (b.lower) return `${subject} ${b.lower.inclusive ? '≥' : '>'} ${formatNumber(b.lower.value, decimals)}`;
  return `${subject} (전체)`;
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

function bandText(criterion: Criterion, b: Band, subject: string): string {
  return criterion.scale === 'ORDINAL'
    ? ordinalBandText(b, criterion.ordinalLabels ?? [])
    : numericBandText(b, subject, criterion.decimals);
}

/** Text of every band of one grade, joined with 또는; null when the item has no band of that grade. */
export function gradeText(id: CriterionId, sex: Sex, grade: BandGrade, subject = 'x'): string | null {
  const criterion = CRITERIA[id];
  const texts = criterion.bands[sex].filter((b) => b.grade === grade).map((b) => bandText(criterion, b, subject));
  return texts.length === 0 ? null : texts.join(OR);
}

export function appliedRangeFor(id: CriterionId, sex: Sex, subject = 'x'): AppliedRange {
  const notClassified = gradeText(id, sex, 'NOT_CLASSIFIED', subject);
  const range = {
    normalA: gradeText(id, sex, 'NORMAL_A', subject) ?? '',
    normalB: gradeText(id, sex, 'NORMAL_B', subject),
    suspected: gradeText(id, sex, 'SUSPECTED_DISEASE', subject) ?? '',
  };
  return notClassified === null ? range : { ...range, notClassified };
}

function perSex(men: string | null, women: string | null): string | null {
  if (men === women) return men;
  return `남 ${men ?? '해당 없음'} / 여 ${women ?? '해당 없음'}`;
}

/**
 * The criteria as text when the person's sex is not known: a sex-specific row shows both sexes' ranges
 * ("남 x < 90.0 / 여 x < 85.0"), so the reader sees what would apply without the app guessing.
 */
export function appliedRangeWithoutSex(id: CriterionId, subject = 'x'): AppliedRange {
  const men = appliedRangeFor(id, 'M', subject);
  const women = appliedRangeFor(id, 'F', subject);
  const range = {
    normalA: perSex(men.normalA, women.normalA) ?? '',
    normalB: perSex(men.normalB, women.normalB),
    suspected: perSex(men.suspected, women.suspected) ?? '',
  };
  const notClassified = perSex(men.notClassified ?? null, women.notClassified ?? null);
  return notClassified === null ? range : { ...range, notClassified };
}

/**
 * Blood pressure is A only when both parts are A, and 질환의심 when either part is; the text says so by
 * combining the SBP and DBP rows.
 */
export function bloodPressureRange(sex: Sex): AppliedRange {
  const sbp = appliedRangeFor('SBP', sex, '수축기');
  const dbp = appliedRangeFor('DBP', sex, '이완기');
  return {
    normalA: `${sbp.normalA}${AND}${dbp.normalA}`,
    normalB: `${sbp.normalB ?? ''}${OR}${dbp.normalB ?? ''} (질환의심에 해당하지 않을 때)`,
    suspected: `${sbp.suspected}${OR}${dbp.suspected}`,
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
