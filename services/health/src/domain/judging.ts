import { ageAtExam, type AgeBasis } from './age.js';
import { judgeCensored } from './censored.js';
import { bmiFromHeightWeight, type CensoredValue, type Checkup, type Comparator, type IsoDate, type NumericField } from './checkup.js';
import { bandFor, COUNTED_GRADES, CRITERIA, CRITERIA_SOURCE, isSexSpecific, type CountedGrade, type CriterionId, type Grade, type Sex } from './criteria.js';
import { CKD_EPI_MIN_AGE, ckdEpi2021 } from './egfr.js';
import { offerOf } from './eligibility.js';
import { appliedRangeFor, appliedRangeWithoutSex, bloodPressureRange, hearingRange, type AppliedRange } from './ranges.js';

export type ItemId =
  | 'BMI'
  | 'WAIST'
  | 'BLOOD_PRESSURE'
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
  | 'HEARING'
  | 'CHEST_XRAY'
  | 'BONE_DENSITY';

export interface Person {
  readonly sex: Sex;
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

/** A fact about the person that some items need: sex for waist, haemoglobin and γ-GTP; age for a computed eGFR. */
export type PersonFact = 'SEX' | 'BIRTH_DATE';

/**
 * What is known about the person. A user who has not completed their profile yet has neither fact: the
 * items that do not depend on them are judged anyway, and the others say which fact is missing instead
 * of guessing (docs/reference/nhis-checkup.md §1).
 */
export interface PersonFacts {
  readonly sex?: Sex | undefined;
  /** YYYY-MM-DD */
  readonly birthDate?: string | undefined;
}

/** Shown on a measured sex-specific item when the person's sex is unknown. */
export const SEX_UNKNOWN_NOTE = '성별 정보가 없어 판정하지 않음';
/** Shown on eGFR when it could be computed from creatinine but sex or birth date is unknown. */
export const EGFR_FACTS_NOTE = '성별과 생년월일이 있어야 계산할 수 있음';

/** Sex-independent rows are identical for both sexes, so either table judges them. */
const NEUTRAL_SEX: Sex = 'M';

export type ComputationMethod = 'BMI_FROM_HEIGHT_WEIGHT' | 'CKD_EPI_2021';

/** One part of an item judged worst-of: SBP and DBP of blood pressure, the left and right ear. */
export interface ComponentJudgement {
  readonly part: 'SBP' | 'DBP' | 'LEFT' | 'RIGHT';
  readonly value: number | string | null;
  readonly grade: Grade;
}

export interface JudgedItem {
  readonly item: ItemId;
  readonly name: string;
  /**
   * Number for measured items; the printed text for categorical ones ("약양성(±)", "120/80") and for censored
   * results (">90"); null if there is no result.
   */
  readonly value: number | string | null;
  readonly unit: string;
  readonly grade: Grade;
  readonly appliedRange: AppliedRange;
  /** Only on items this module can derive (BMI, eGFR): true when the value was computed rather than printed. */
  readonly computed?: boolean;
  readonly method?: ComputationMethod;
  /**
   * Sub-label of the band (저체중), the plain note on a value the notice does not grade (기준보다 높음, 의사와
   * 상의), or why an absent item was not offered (NOT_APPLICABLE).
   */
  readonly note?: string;
  /** Present when the sheet printed a bound instead of a number; `value` is then the printed text. */
  readonly censored?: { readonly comparator: Comparator; readonly bound: number };
  readonly components?: readonly ComponentJudgement[];
  /** Present only when the item could not be judged (or computed) because these facts are unknown. */
  readonly missingFacts?: readonly PersonFact[];
}

export interface FlaggedItem {
  readonly item: ItemId;
  readonly name: string;
  readonly grade: 'NORMAL_B' | 'SUSPECTED_DISEASE';
  readonly value: number | string | null;
  readonly unit: string;
}

/** A value where the notice gives no grade (haemoglobin above the A range, γ-GTP below it …). */
export interface OutsideCriteriaItem {
  readonly item: ItemId;
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
  readonly note: string;
}

export interface JudgingSummary {
  /** Items per grade; items the person was not offered (NOT_APPLICABLE) are not counted. */
  readonly counts: Readonly<Record<CountedGrade, number>>;
  /** Items needing attention, 질환의심 first, then 정상B, each in sheet order. */
  readonly flagged: readonly FlaggedItem[];
  /** Measured values outside the graded range, in sheet order: not normal, a doctor should look at them. */
  readonly outsideCriteria: readonly OutsideCriteriaItem[];
}

export interface JudgedCheckup {
  readonly criteria: string;
  readonly examYear: number;
  readonly examDate?: IsoDate;
  /** null when the person's sex is unknown (see missingFacts). */
  readonly sex: Sex | null;
  /** null when the birth date is unknown. */
  readonly ageAtExam: number | null;
  readonly ageBasis: AgeBasis | null;
  /** Facts that were unknown, so some items are NOT_CLASSIFIED or not computed; empty when complete. */
  readonly missingFacts: readonly PersonFact[];
  readonly items: readonly JudgedItem[];
  readonly summary: JudgingSummary;
}

/** The grade of one value against one row of the table; a missing or non-finite value is NOT_TESTED. */
export function gradeFor(id: CriterionId, sex: Sex, value: number | undefined): Grade {
  return isMeasured(value) ? bandFor(id, sex, value).grade : 'NOT_TESTED';
}

function isMeasured(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

interface Derived {
  readonly value: number | undefined;
  /** A printed bound: judged as printed, never replaced by a computed value. */
  readonly censored?: CensoredValue;
  readonly computed: boolean;
  readonly method?: ComputationMethod;
  /** Set when the value could have been computed but these facts were unknown. */
  readonly missingFacts?: readonly PersonFact[];
}

/**
 * A sex-specific item for a person of unknown sex: the value is shown with both sexes' ranges, and it is
 * NOT_CLASSIFIED (never NORMAL_A by assumption) until the sex is known.
 */
function censoredFields(value: CensoredValue): Pick<JudgedItem, 'value' | 'censored'> {
  return { value: value.printed, censored: { comparator: value.comparator, bound: value.bound } };
}

function judgeWithoutSex(item: ItemId, id: CriterionId, value: number | undefined, censored?: CensoredValue): JudgedItem {
  const criterion = CRITERIA[id];
  const measured = isMeasured(value);
  const judged: JudgedItem = {
    item,
    name: criterion.name,
    value: measured ? value : null,
    unit: criterion.unit,
    grade: measured || censored ? 'NOT_CLASSIFIED' : 'NOT_TESTED',
    appliedRange: appliedRangeWithoutSex(id),
  };
  if (censored) return { ...judged, ...censoredFields(censored), note: SEX_UNKNOWN_NOTE, missingFacts: ['SEX'] };
  return measured ? { ...judged, note: SEX_UNKNOWN_NOTE, missingFacts: ['SEX'] } : judged;
}

/**
 * Judges a measured value against a numeric row, carrying the band's note. A censored result (printed as a
 * bound, only when there is no exact value) is judged by its bound and shown as printed.
 */
function judgeNumber(item: ItemId, id: CriterionId, sex: Sex | undefined, value: number | undefined, censored?: CensoredValue): JudgedItem {
  if (sex === undefined && isSexSpecific(id)) return judgeWithoutSex(item, id, value, censored);
  const tableSex = sex ?? NEUTRAL_SEX;
  const criterion = CRITERIA[id];
  const base = { item, name: criterion.name, unit: criterion.unit, appliedRange: appliedRangeFor(id, tableSex) };
  if (!isMeasured(value) && censored !== undefined) {
    const judgement = judgeCensored(id, tableSex, censored);
    const judged: JudgedItem = { ...base, ...censoredFields(censored), grade: judgement.grade };
    return judgement.note === undefined ? judged : { ...judged, note: judgement.note };
  }
  const measured = isMeasured(value);
  const band = measured ? bandFor(id, tableSex, value) : undefined;
  const judged: JudgedItem = { ...base, value: measured ? value : null, grade: band?.grade ?? 'NOT_TESTED' };
  return band?.note === undefined ? judged : { ...judged, note: band.note };
}

/** A numeric field of the checkup: its exact value, or the bound it was printed with. */
function numberField(item: ItemId, id: CriterionId, sex: Sex | undefined, checkup: Checkup, field: NumericField): JudgedItem {
  return judgeNumber(item, id, sex, checkup[field], checkup.censored?.[field]);
}

function judgeDerived(item: ItemId, id: CriterionId, sex: Sex | undefined, derived: Derived): JudgedItem {
  const judged = { ...judgeNumber(item, id, sex, derived.value, derived.censored), computed: derived.computed };
  const withMethod = derived.method === undefined ? judged : { ...judged, method: derived.method };
  return derived.missingFacts === undefined ? withMethod : { ...withMethod, note: EGFR_FACTS_NOTE, missingFacts: derived.missingFacts };
}

function ordinalLabel(id: CriterionId, code: number | undefined): string | null {
  return code === undefined ? null : (CRITERIA[id].ordinalLabels?.[code - 1] ?? null);
}

/** Judges a categorical item by its ordinal code; the value shown is the label the sheet prints. */
function judgeOrdinal(item: ItemId, id: CriterionId, sex: Sex | undefined, code: number | undefined): JudgedItem {
  const judged = judgeNumber(item, id, sex, code);
  return { ...judged, value: ordinalLabel(id, code), unit: '' };
}

/**
 * Worst of several parts. 질환의심 in any part settles it even if another part is missing (the rule is
 * "either part"); otherwise a missing part means the item cannot be judged, never that it is normal.
 */
export function worstOf(grades: readonly Grade[]): Grade {
  const order: readonly Grade[] = ['SUSPECTED_DISEASE', 'NOT_TESTED', 'NORMAL_B', 'NOT_CLASSIFIED', 'NORMAL_A', 'NOT_APPLICABLE'];
  return order.find((g) => grades.includes(g)) ?? 'NOT_TESTED';
}

function judgeBloodPressure(checkup: Checkup, sex: Sex): JudgedItem {
  const components: ComponentJudgement[] = [
    { part: 'SBP', value: checkup.sbp ?? null, grade: gradeFor('SBP', sex, checkup.sbp) },
    { part: 'DBP', value: checkup.dbp ?? null, grade: gradeFor('DBP', sex, checkup.dbp) },
  ];
  const hasAny = checkup.sbp !== undefined || checkup.dbp !== undefined;
  return {
    item: 'BLOOD_PRESSURE',
    name: '혈압',
    value: hasAny ? `${checkup.sbp ?? '-'}/${checkup.dbp ?? '-'}` : null,
    unit: CRITERIA.SBP.unit,
    grade: worstOf(components.map((c) => c.grade)),
    appliedRange: bloodPressureRange(sex),
    components,
  };
}

const HEARING_CODES = { NORMAL: 1, ABNORMAL: 2 } as const;

function judgeHearing(checkup: Checkup, sex: Sex): JudgedItem {
  const ear = (part: 'LEFT' | 'RIGHT', result: Checkup['hearingLeft']): ComponentJudgement => {
    const code = result === undefined ? undefined : HEARING_CODES[result];
    return { part, value: ordinalLabel('HEARING_EAR', code), grade: gradeFor('HEARING_EAR', sex, code) };
  };
  const components = [ear('LEFT', checkup.hearingLeft), ear('RIGHT', checkup.hearingRight)];
  const hasAny = components.some((c) => c.value !== null);
  return {
    item: 'HEARING',
    name: CRITERIA.HEARING_EAR.name,
    value: hasAny ? components.map((c) => c.value ?? '-').join('/') : null,
    unit: '',
    grade: worstOf(components.map((c) => c.grade)),
    appliedRange: hearingRange(sex),
    components,
  };
}

const CHEST_CODES = { NORMAL: 1, INACTIVE_TB: 2, OTHER_FINDING: 3 } as const;
const BONE_CODES = { NORMAL: 1, OSTEOPENIA: 2, OSTEOPOROSIS: 3 } as const;

/** A measured T-score is more precise than the finding word, so it wins when both are present. */
function judgeBoneDensity(checkup: Checkup, sex: Sex | undefined): JudgedItem {
  if (checkup.boneDensityTScore !== undefined || checkup.boneDensityFinding === undefined) {
    return numberField('BONE_DENSITY', 'BONE_DENSITY_T_SCORE', sex, checkup, 'boneDensityTScore');
  }
  return judgeOrdinal('BONE_DENSITY', 'BONE_DENSITY_FINDING', sex, BONE_CODES[checkup.boneDensityFinding]);
}

/**
 * A printed BMI is judged as printed. Without one, BMI is computed from height and weight and rounded to
 * the one decimal the sheet prints, so the computed and the printed value of one person grade alike.
 */
function deriveBmi(checkup: Checkup): Derived {
  if (checkup.bmi !== undefined) return { value: checkup.bmi, computed: false };
  if (checkup.censored?.bmi !== undefined) return { value: undefined, censored: checkup.censored.bmi, computed: false };
  if (!isMeasured(checkup.heightCm) || !isMeasured(checkup.weightKg) || checkup.heightCm <= 0) {
    return { value: undefined, computed: false };
  }
  const bmi = roundTo(bmiFromHeightWeight(checkup.heightCm, checkup.weightKg), CRITERIA.BMI.decimals);
  return { value: bmi, computed: true, method: 'BMI_FROM_HEIGHT_WEIGHT' };
}

/**
 * The reported eGFR is judged as reported (docs/reference/nhis-checkup.md §2: the notice names no
 * equation), and so is a censored one (">90"). Only when the sheet has no eGFR at all and creatinine is
 * present for an adult is CKD-EPI 2021 computed, rounded to a whole number as sheets print it.
 */
function deriveEgfr(checkup: Checkup, sex: Sex | undefined, ageYears: number | undefined): Derived {
  if (checkup.egfr !== undefined) {
    const method = checkup.egfrMethod ?? 'REPORTED';
    return method === 'REPORTED' ? { value: checkup.egfr, computed: false } : { value: checkup.egfr, computed: true, method };
  }
  if (checkup.censored?.egfr !== undefined) return { value: undefined, censored: checkup.censored.egfr, computed: false };
  if (!isMeasured(checkup.serumCreatinine) || checkup.serumCreatinine <= 0) return { value: undefined, computed: false };
  if (sex === undefined || ageYears === undefined) {
    const missingFacts: PersonFact[] = [];
    if (sex === undefined) missingFacts.push('SEX');
    if (ageYears === undefined) missingFacts.push('BIRTH_DATE');
    return { value: undefined, computed: false, missingFacts };
  }
  if (ageYears < CKD_EPI_MIN_AGE) return { value: undefined, computed: false };
  const egfr = ckdEpi2021({ creatinineMgDl: checkup.serumCreatinine, ageYears, sex });
  return { value: roundTo(egfr, CRITERIA.EGFR.decimals), computed: true, method: 'CKD_EPI_2021' };
}

function summarise(items: readonly JudgedItem[]): JudgingSummary {
  const counts = Object.fromEntries(COUNTED_GRADES.map((g) => [g, 0])) as Record<CountedGrade, number>;
  for (const item of items) if (item.grade !== 'NOT_APPLICABLE') counts[item.grade] += 1;
  const flaggedOf = (grade: FlaggedItem['grade']): FlaggedItem[] =>
    items.filter((i) => i.grade === grade).map((i) => ({ item: i.item, name: i.name, grade, value: i.value, unit: i.unit }));
  // Not graded for want of a fact (sex unknown) is a different matter from a value the notice does not grade.
  const outsideCriteria = items.flatMap((i): OutsideCriteriaItem[] =>
    i.grade === 'NOT_CLASSIFIED' && i.value !== null && i.missingFacts === undefined
      ? [{ item: i.item, name: i.name, value: i.value, unit: i.unit, note: i.note ?? '' }]
      : [],
  );
  return { counts, flagged: [...flaggedOf('SUSPECTED_DISEASE'), ...flaggedOf('NORMAL_B')], outsideCriteria };
}

/**
 * An item with no result for a person who was not offered it that year is NOT_APPLICABLE, with the reason
 * as its note; with a result, or when eligibility cannot be told, it stays as judged.
 */
function withEligibility(judged: JudgedItem, person: PersonFacts, examYear: number): JudgedItem {
  if (judged.grade !== 'NOT_TESTED') return judged;
  const offer = offerOf(judged.item, person, examYear);
  return offer.offered === false ? { ...judged, grade: 'NOT_APPLICABLE', note: offer.note } : judged;
}

/**
 * Judges every item of one checkup against the 2026 NHIS criteria for the person's sex. Without sex,
 * waist, haemoglobin and γ-GTP are NOT_CLASSIFIED; without sex or birth date, eGFR is not computed.
 * An absent item the person was not offered that year is NOT_APPLICABLE and not counted.
 * Throws RangeError when a given birthDate is malformed or after the examination.
 */
export function judgeCheckup(checkup: Checkup, person: PersonFacts): JudgedCheckup {
  const { sex } = person;
  const age = person.birthDate === undefined ? undefined : ageAtExam(person.birthDate, checkup);
  const neutralSex = sex ?? NEUTRAL_SEX;
  const items: JudgedItem[] = [
    judgeDerived('BMI', 'BMI', sex, deriveBmi(checkup)),
    numberField('WAIST', 'WAIST', sex, checkup, 'waistCm'),
    judgeBloodPressure(checkup, neutralSex),
    numberField('FASTING_GLUCOSE', 'FASTING_GLUCOSE', sex, checkup, 'fastingGlucose'),
    numberField('TOTAL_CHOLESTEROL', 'TOTAL_CHOLESTEROL', sex, checkup, 'totalCholesterol'),
    numberField('HDL_CHOLESTEROL', 'HDL_CHOLESTEROL', sex, checkup, 'hdlCholesterol'),
    numberField('TRIGLYCERIDES', 'TRIGLYCERIDES', sex, checkup, 'triglycerides'),
    numberField('LDL_CHOLESTEROL', 'LDL_CHOLESTEROL', sex, checkup, 'ldlCholesterol'),
    numberField('HEMOGLOBIN', 'HEMOGLOBIN', sex, checkup, 'hemoglobin'),
    numberField('AST', 'AST', sex, checkup, 'ast'),
    numberField('ALT', 'ALT', sex, checkup, 'alt'),
    numberField('GAMMA_GTP', 'GAMMA_GTP', sex, checkup, 'gammaGtp'),
    judgeOrdinal('URINE_PROTEIN', 'URINE_PROTEIN', sex, checkup.urineProtein),
    numberField('SERUM_CREATININE', 'SERUM_CREATININE', sex, checkup, 'serumCreatinine'),
    judgeDerived('EGFR', 'EGFR', sex, deriveEgfr(checkup, sex, age?.years)),
    judgeHearing(checkup, neutralSex),
    judgeOrdinal('CHEST_XRAY', 'CHEST_XRAY', sex, checkup.chestXray && CHEST_CODES[checkup.chestXray]),
    judgeBoneDensity(checkup, sex),
  ].map((judged) => withEligibility(judged, person, checkup.examYear));
  const missingFacts: PersonFact[] = [];
  if (sex === undefined) missingFacts.push('SEX');
  if (age === undefined) missingFacts.push('BIRTH_DATE');
  const base = {
    criteria: CRITERIA_SOURCE,
    examYear: checkup.examYear,
    sex: sex ?? null,
    ageAtExam: age?.years ?? null,
    ageBasis: age?.basis ?? null,
    missingFacts,
    items,
    summary: summarise(items),
  };
  return checkup.examDate === undefined ? base : { ...base, examDate: checkup.examDate };
}
