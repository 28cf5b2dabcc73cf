import type { Checkup, IsoDate } from './checkup.js';
import { gradeBands, isSexSpecific, type CriterionId, type Grade, type GradeBand, type Sex } from './criteria.js';
import { judgeCheckup, type ItemId, type JudgedCheckup, type PersonFact, type PersonFacts } from './judging.js';

/**
 * Chart-ready series of one user's checkups across years: one series per requested item, points oldest
 * first, each with the grade it received, plus the grade bands to shade behind the line. Pure.
 */

interface TrendDefinition {
  readonly name: string;
  readonly unit: string;
  /** The judged item the value and grade come from; absent for measured-only values (height, weight). */
  readonly judged?: ItemId;
  /** For blood pressure: which part of the judged item. */
  readonly part?: 'SBP' | 'DBP';
  /** The row of the criteria table whose bands shade the chart. */
  readonly criterion?: CriterionId;
  /** Measured-only values are read straight from the checkup. */
  readonly read?: (checkup: Checkup) => number | undefined;
}

export const TREND_ITEMS = {
  height: { name: '신장', unit: 'cm', read: (c: Checkup) => c.heightCm },
  weight: { name: '체중', unit: 'kg', read: (c: Checkup) => c.weightKg },
  bmi: { name: '체질량지수', unit: 'kg/m²', judged: 'BMI', criterion: 'BMI' },
  waist: { name: '허리둘레', unit: 'cm', judged: 'WAIST', criterion: 'WAIST' },
  sbp: { name: '수축기혈압', unit: 'mmHg', judged: 'BLOOD_PRESSURE', part: 'SBP', criterion: 'SBP' },
  dbp: { name: '이완기혈압', unit: 'mmHg', judged: 'BLOOD_PRESSURE', part: 'DBP', criterion: 'DBP' },
  fasting_glucose: { name: '공복혈당', unit: 'mg/dL', judged: 'FASTING_GLUCOSE', criterion: 'FASTING_GLUCOSE' },
  total_cholesterol: { name: '총콜레스테롤', unit: 'mg/dL', judged: 'TOTAL_CHOLESTEROL', criterion: 'TOTAL_CHOLESTEROL' },
  hdl: { name: 'HDL 콜레스테롤', unit: 'mg/dL', judged: 'HDL_CHOLESTEROL', criterion: 'HDL_CHOLESTEROL' },
  ldl: { name: 'LDL 콜레스테롤', unit: 'mg/dL', judged: 'LDL_CHOLESTEROL', criterion: 'LDL_CHOLESTEROL' },
  triglycerides: { name: '중성지방', unit: 'mg/dL', judged: 'TRIGLYCERIDES', criterion: 'TRIGLYCERIDES' },
  hemoglobin: { name: '혈색소', unit: 'g/dL', judged: 'HEMOGLOBIN', criterion: 'HEMOGLOBIN' },
  ast: { name: 'AST(SGOT)', unit: 'U/L', judged: 'AST', criterion: 'AST' },
  alt: { name: 'ALT(SGPT)', unit: 'U/L', judged: 'ALT', criterion: 'ALT' },
  ggt: { name: '감마지티피(γ-GTP)', unit: 'U/L', judged: 'GAMMA_GTP', criterion: 'GAMMA_GTP' },
  creatinine: { name: '혈청크레아티닌', unit: 'mg/dL', judged: 'SERUM_CREATININE', criterion: 'SERUM_CREATININE' },
  egfr: { name: '신사구체여과율(e-GFR)', unit: 'mL/min/1.73m²', judged: 'EGFR', criterion: 'EGFR' },
} as const satisfies Record<string, TrendDefinition>;

export type TrendItem = keyof typeof TREND_ITEMS;
export const TREND_ITEM_NAMES = Object.keys(TREND_ITEMS) as TrendItem[];
export const DEFAULT_TREND_ITEMS: readonly TrendItem[] = ['bmi', 'sbp', 'dbp', 'fasting_glucose'];

function isTrendItem(name: string): name is TrendItem {
  return Object.hasOwn(TREND_ITEMS, name);
}

/** `bmi,sbp, fasting_glucose` → the items, in the order asked, without repeats; unknown names reported. */
export function parseTrendItems(list: string | undefined): { items: TrendItem[]; unknown: string[] } {
  if (list === undefined || list.trim() === '') return { items: [...DEFAULT_TREND_ITEMS], unknown: [] };
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const items: TrendItem[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    if (!isTrendItem(name)) unknown.push(name);
    else if (!items.includes(name)) items.push(name);
  }
  return { items, unknown };
}

export interface TrendPoint {
  readonly checkupId: string;
  readonly examYear: number;
  readonly examDate: IsoDate | null;
  readonly value: number;
  /** null for measured-only values, which the notice does not grade. */
  readonly grade: Grade | null;
  /** Present on BMI and eGFR: true when the app computed the value (not printed on the sheet). */
  readonly computed?: boolean;
}

export interface TrendSeries {
  readonly item: TrendItem;
  readonly name: string;
  readonly unit: string;
  /**
   * The grade bands for this person, ascending; [] for values the notice does not grade; null when the
   * bands depend on sex and the sex is not known (see missingFacts).
   */
  readonly bands: readonly GradeBand[] | null;
  readonly missingFacts?: readonly PersonFact[];
  /** Only the checkups where the item was measured, oldest first. */
  readonly points: readonly TrendPoint[];
}

export interface StoredCheckup {
  readonly id: string;
  readonly checkup: Checkup;
}

function chronological(a: StoredCheckup, b: StoredCheckup): number {
  const key = (s: StoredCheckup) => s.checkup.examDate ?? `${s.checkup.examYear}-00-00`;
  return key(a).localeCompare(key(b));
}

function bandsFor(definition: TrendDefinition, sex: Sex | undefined): Pick<TrendSeries, 'bands' | 'missingFacts'> {
  if (definition.criterion === undefined) return { bands: [] };
  if (sex !== undefined) return { bands: gradeBands(definition.criterion, sex) };
  if (isSexSpecific(definition.criterion)) return { bands: null, missingFacts: ['SEX'] };
  return { bands: gradeBands(definition.criterion, 'M') };
}

function pointOf(definition: TrendDefinition, stored: StoredCheckup, judged: JudgedCheckup): TrendPoint | undefined {
  const base = { checkupId: stored.id, examYear: stored.checkup.examYear, examDate: stored.checkup.examDate ?? null };
  if (definition.read) {
    const value = definition.read(stored.checkup);
    return value === undefined ? undefined : { ...base, value, grade: null };
  }
  const item = judged.items.find((i) => i.item === definition.judged);
  if (item === undefined) return undefined;
  if (definition.part) {
    const component = item.components?.find((c) => c.part === definition.part);
    return typeof component?.value === 'number' ? { ...base, value: component.value, grade: component.grade } : undefined;
  }
  // A censored result (">90") is printed text, not a point on a line: it is left out of the series.
  if (typeof item.value !== 'number') return undefined;
  const point = { ...base, value: item.value, grade: item.grade };
  return item.computed === undefined ? point : { ...point, computed: item.computed };
}

/**
 * The series for the requested items. `factsFor` gives the person facts usable for each checkup (a birth
 * date that is after an examination is left out for that checkup rather than failing the whole chart).
 */
export function buildTrends(
  checkups: readonly StoredCheckup[],
  items: readonly TrendItem[],
  factsFor: (checkup: Checkup) => PersonFacts,
  sex: Sex | undefined,
): TrendSeries[] {
  const ordered = [...checkups].sort(chronological);
  const judged = ordered.map((stored) => judgeCheckup(stored.checkup, factsFor(stored.checkup)));
  return items.map((name) => {
    const definition: TrendDefinition = TREND_ITEMS[name];
    const points = ordered.map((stored, index) => pointOf(definition, stored, judged[index]!)).filter((p): p is TrendPoint => p !== undefined);
    return { item: name, name: definition.name, unit: definition.unit, ...bandsFor(definition, sex), points };
  });
}
