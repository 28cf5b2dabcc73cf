import { checkupFromSheet, type Checkup, type CheckupSheet, type NumericField, type RawValue, type RejectedValue, type SmokingStatus } from './checkup.js';
import type { ItemId } from './judging.js';

/**
 * Reads the `data` of an aggregator's successful checkup answer (CODEF CF-00000, docs/reference/nhis-checkup.md §11) into
 * canonical checkups. Pure: the adapter has already decoded the wire format. Every value arrives as a
 * string; nothing here trusts the shape, because a provider change must not crash an import.
 */

/** One row of resPreviewList / resResultList / resReferenceList exactly as the provider sent it. */
export type ProviderRow = Readonly<Record<string, unknown>>;

/** Preview cells (CODEF's key spelling, "Suger" included) for each canonical sheet value. */
const PREVIEW_KEYS: Readonly<Record<keyof CheckupSheet, string>> = {
  checkupYear: 'resCheckupYear',
  checkupDate: 'resCheckupDate',
  height: 'resHeight',
  weight: 'resWeight',
  bmi: 'resBMI',
  waist: 'resWaist',
  bloodPressure: 'resBloodPressure',
  vision: 'resSight',
  hearing: 'resHearing',
  urineProtein: 'resUrinaryProtein',
  hemoglobin: 'resHemoglobin',
  fastingGlucose: 'resFastingBloodSuger',
  totalCholesterol: 'resTotalCholesterol',
  hdlCholesterol: 'resHDLCholesterol',
  triglycerides: 'resTriglyceride',
  ldlCholesterol: 'resLDLCholesterol',
  serumCreatinine: 'resSerumCreatinine',
  egfr: 'resGFR',
  ast: 'resAST',
  alt: 'resALT',
  gammaGtp: 'resyGPT',
  chestXray: 'resTBChestDisease',
  osteoporosis: 'resOsteoporosis',
  judgement: 'resJudgement',
};

/** Measured fields of the canonical record that carry a unit (a T-score has none). */
export type UnitField = Exclude<NumericField, 'boneDensityTScore'>;

/** The units the judging criteria are written in; a value reported in another unit is not judged. */
export const CANONICAL_UNITS: Readonly<Record<UnitField, string>> = {
  heightCm: 'cm',
  weightKg: 'kg',
  bmi: 'kg/m²',
  waistCm: 'cm',
  sbp: 'mmHg',
  dbp: 'mmHg',
  fastingGlucose: 'mg/dL',
  totalCholesterol: 'mg/dL',
  hdlCholesterol: 'mg/dL',
  ldlCholesterol: 'mg/dL',
  triglycerides: 'mg/dL',
  hemoglobin: 'g/dL',
  serumCreatinine: 'mg/dL',
  egfr: 'mL/min/1.73m²',
  ast: 'U/L',
  alt: 'U/L',
  gammaGtp: 'U/L',
};

/** Which canonical fields a preview cell's unit applies to, and which sheet value they come from. */
const UNIT_CELLS: ReadonlyArray<readonly [previewKey: string, sheetKey: keyof CheckupSheet, fields: readonly UnitField[]]> = [
  ['resHeight', 'height', ['heightCm']],
  ['resWeight', 'weight', ['weightKg']],
  ['resWaist', 'waist', ['waistCm']],
  ['resBMI', 'bmi', ['bmi']],
  ['resBloodPressure', 'bloodPressure', ['sbp', 'dbp']],
  ['resHemoglobin', 'hemoglobin', ['hemoglobin']],
  ['resFastingBloodSuger', 'fastingGlucose', ['fastingGlucose']],
  ['resTotalCholesterol', 'totalCholesterol', ['totalCholesterol']],
  ['resHDLCholesterol', 'hdlCholesterol', ['hdlCholesterol']],
  ['resTriglyceride', 'triglycerides', ['triglycerides']],
  ['resLDLCholesterol', 'ldlCholesterol', ['ldlCholesterol']],
  ['resSerumCreatinine', 'serumCreatinine', ['serumCreatinine']],
  ['resGFR', 'egfr', ['egfr']],
  ['resAST', 'ast', ['ast']],
  ['resALT', 'alt', ['alt']],
  ['resyGPT', 'gammaGtp', ['gammaGtp']],
];

const KNOWN_UNITS: Readonly<Record<string, string>> = {
  cm: 'cm',
  kg: 'kg',
  'kg/m2': 'kg/m²',
  mmhg: 'mmHg',
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'u/l': 'U/L',
  'iu/l': 'U/L',
  'ml/min/1.73m2': 'mL/min/1.73m²',
};

/**
 * A printed unit in the criteria's spelling: CODEF's "Cm", "Kg", "kg/m2" and the CJK compatibility
 * characters Korean sheets use (㎎/㎗, g/㎗, ㎝, ㎏, kg/㎡, ㎖/min/1.73㎡), which NFKC turns into their letters
 * (docs/reference/nhis-checkup.md §8). Other text is kept as printed, so an unexpected unit stays visible.
 */
export function normaliseUnit(raw: string): string {
  const compact = raw.trim().replace(/\s+/g, '');
  return KNOWN_UNITS[compact.normalize('NFKC').toLowerCase()] ?? compact;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function rawValue(value: unknown): RawValue {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function rowsOf(value: unknown): ProviderRow[] {
  if (!Array.isArray(value)) return [];
  return value.filter((row): row is ProviderRow => row !== null && typeof row === 'object' && !Array.isArray(row));
}

/** The reference row's type with spaces and brackets removed: 단위, 정상A, 정상B, 질환의심. */
function rowType(row: ProviderRow): string {
  return (text(row.resType) ?? text(row.refType) ?? '').replace(/[\s()（）]/g, '');
}

/** Units the provider printed in its 단위 row, per canonical field; empty cells are left out. */
export function unitsFromReference(rows: readonly ProviderRow[]): Partial<Record<UnitField, string>> {
  const unitRow = rows.find((row) => rowType(row) === '단위');
  const units: Partial<Record<UnitField, string>> = {};
  if (!unitRow) return units;
  for (const [previewKey, , fields] of UNIT_CELLS) {
    const unit = text(unitRow[previewKey])?.trim();
    if (!unit) continue;
    for (const field of fields) units[field] = normaliseUnit(unit);
  }
  return units;
}

/** The provider's own printed boundaries for one item (kept so our table can be cross-checked; docs/reference/nhis-checkup.md §4). */
export interface ProviderRange {
  readonly unit: string | null;
  readonly normalA: string | null;
  readonly normalB: string | null;
  readonly suspected: string | null;
}

const RANGE_ITEMS: Readonly<Record<string, ItemId>> = {
  resBMI: 'BMI',
  resWaist: 'WAIST',
  resBloodPressure: 'BLOOD_PRESSURE',
  resFastingBloodSuger: 'FASTING_GLUCOSE',
  resTotalCholesterol: 'TOTAL_CHOLESTEROL',
  resHDLCholesterol: 'HDL_CHOLESTEROL',
  resTriglyceride: 'TRIGLYCERIDES',
  resLDLCholesterol: 'LDL_CHOLESTEROL',
  resHemoglobin: 'HEMOGLOBIN',
  resAST: 'AST',
  resALT: 'ALT',
  resyGPT: 'GAMMA_GTP',
  resUrinaryProtein: 'URINE_PROTEIN',
  resSerumCreatinine: 'SERUM_CREATININE',
  resGFR: 'EGFR',
  resHearing: 'HEARING',
  resTBChestDisease: 'CHEST_XRAY',
  resOsteoporosis: 'BONE_DENSITY',
};

const RANGE_COLUMNS: Readonly<Record<string, keyof ProviderRange>> = {
  단위: 'unit',
  정상A: 'normalA',
  정A: 'normalA',
  정상B: 'normalB',
  정상B경계: 'normalB',
  정B: 'normalB',
  질환의심: 'suspected',
};

/**
 * The provider's reference rows regrouped per judged item. The cell wording is the provider's and is not
 * parsed (PROTOCOL.md: "store the rows, don't parse them strictly"); rows of an unknown type are ignored
 * here but stay in the stored rows.
 */
export function providerRanges(rows: readonly ProviderRow[]): Partial<Record<ItemId, ProviderRange>> {
  const ranges: Partial<Record<ItemId, { -readonly [K in keyof ProviderRange]: string | null }>> = {};
  for (const row of rows) {
    const column = RANGE_COLUMNS[rowType(row)];
    if (column === undefined) continue;
    for (const [previewKey, item] of Object.entries(RANGE_ITEMS)) {
      const cell = text(row[previewKey])?.trim();
      if (!cell) continue;
      const range = (ranges[item] ??= { unit: null, normalA: null, normalB: null, suspected: null });
      range[column] = column === 'unit' ? normaliseUnit(cell) : cell;
    }
  }
  return ranges;
}

/** 흡연상태 as the questionnaire answers it (피우지 않는다 / 이전에 피웠으나 끊었다 / 현재도 피우고 있다). */
export function smokingFromAnswer(answer: string): SmokingStatus | undefined {
  const t = answer.replace(/\s+/g, '');
  if (/현재|피우고있/.test(t)) return 'CURRENT';
  if (/끊었|과거|금연/.test(t)) return 'FORMER';
  if (/피우지않|비흡연|안피/.test(t)) return 'NEVER';
  return undefined;
}

/** 음주여부 as the questionnaire answers it (마신다 / 마시지 않는다). */
export function drinksFromAnswer(answer: string): boolean | undefined {
  const t = answer.replace(/\s+/g, '');
  if (/마시지않|안마신|비음주/.test(t)) return false;
  if (/마신|음주함/.test(t)) return true;
  return undefined;
}

export interface QuestionnaireFacts {
  readonly smoking?: SmokingStatus;
  readonly drinks?: boolean;
}

export function questionnaireFacts(list: unknown): QuestionnaireFacts {
  const facts: { smoking?: SmokingStatus; drinks?: boolean } = {};
  for (const entry of rowsOf(list)) {
    const question = (text(entry.resQuestion) ?? '').replace(/\s+/g, '');
    const answer = text(entry.resAnswer) ?? '';
    if (question.includes('흡연')) {
      const smoking = smokingFromAnswer(answer);
      if (smoking !== undefined) facts.smoking = smoking;
    } else if (question.includes('음주')) {
      const drinks = drinksFromAnswer(answer);
      if (drinks !== undefined) facts.drinks = drinks;
    }
  }
  return facts;
}

/** A value present on the sheet but not usable, including one printed in a unit the criteria do not use. */
export interface ImportRejection {
  readonly field: string;
  readonly raw: string | number;
  readonly reason: RejectedValue['reason'] | 'UNEXPECTED_UNIT';
}

export interface ImportedCheckup {
  /** Identifies the checkup across imports, so importing twice stores it once. */
  readonly sourceKey: string;
  readonly checkup: Checkup;
  readonly rejected: readonly ImportRejection[];
  /** Unit per measured field: the provider's where it printed one, otherwise the canonical one. */
  readonly units: Readonly<Partial<Record<UnitField, string>>>;
  readonly organizationName: string | null;
  readonly checkupType: string | null;
  readonly opinion: string | null;
  /** The original result sheet, base64, when the provider sent one. */
  readonly pdfBase64: string | null;
  /** The provider's rows for this checkup as sent, without the PDF (stored on its own). */
  readonly raw: { readonly preview: ProviderRow; readonly result: ProviderRow | null };
}

export interface NhisImport {
  /** Newest first, as the provider lists them; one per distinct sourceKey. */
  readonly checkups: readonly ImportedCheckup[];
  /** resReferenceList as sent. */
  readonly referenceRows: readonly ProviderRow[];
  /** Preview rows without a readable examination year: they cannot be placed in a history. */
  readonly unreadable: number;
}

/**
 * The preview row as a canonical sheet. A cell printed in a unit the criteria are not written in (e.g.
 * glucose in mmol/L) is left out and reported, never judged against mg/dL boundaries.
 */
function sheetOf(
  preview: ProviderRow,
  fullDate: string | undefined,
  providerUnits: Partial<Record<UnitField, string>>,
  rejected: ImportRejection[],
): CheckupSheet {
  const sheet: Record<string, RawValue> = {};
  for (const [sheetKey, previewKey] of Object.entries(PREVIEW_KEYS)) sheet[sheetKey] = rawValue(preview[previewKey]);
  for (const [, sheetKey, fields] of UNIT_CELLS) {
    const reported = providerUnits[fields[0]!];
    const value = sheet[sheetKey];
    if (reported === undefined || value === undefined || value === '' || reported.toLowerCase() === CANONICAL_UNITS[fields[0]!].toLowerCase()) continue;
    rejected.push({ field: sheetKey, raw: `${value} ${reported}`, reason: 'UNEXPECTED_UNIT' });
    sheet[sheetKey] = undefined;
  }
  // The preview prints MMDD; the result list has the full YYYYMMDD of the same checkup.
  if (fullDate !== undefined) sheet.checkupDate = fullDate;
  return sheet as CheckupSheet;
}

/** The result row of a preview row: same year and MMDD, else the row at the same position for that year. */
function resultRowFor(preview: ProviderRow, index: number, results: readonly ProviderRow[]): ProviderRow | undefined {
  const year = text(preview.resCheckupYear)?.trim() ?? '';
  if (!/^\d{4}$/.test(year)) return undefined;
  const monthDay = (text(preview.resCheckupDate) ?? '').replace(/\D/g, '');
  const exact = results.find((r) => {
    const date = (text(r.resCheckupDate) ?? '').replace(/\D/g, '');
    return date.length === 8 && date.startsWith(year) && (monthDay.length !== 4 || date.endsWith(monthDay));
  });
  if (exact) return exact;
  const sameIndex = results[index];
  return sameIndex && (text(sameIndex.resCheckupYear)?.trim() ?? year) === year ? sameIndex : undefined;
}

function withoutPdf(row: ProviderRow): ProviderRow {
  const { resOriGinalData: _pdf, ...rest } = row;
  return rest;
}

/** The unit of every measured field: the provider's where it printed one (already checked), else ours. */
function unitsOf(checkup: Checkup, providerUnits: Partial<Record<UnitField, string>>): Partial<Record<UnitField, string>> {
  const units: Partial<Record<UnitField, string>> = {};
  for (const field of Object.keys(CANONICAL_UNITS) as UnitField[]) {
    if (checkup[field] !== undefined) units[field] = providerUnits[field] ?? CANONICAL_UNITS[field];
  }
  return units;
}

function nonEmpty(value: unknown): string | null {
  const t = text(value)?.trim();
  return t ? t : null;
}

/** Turns the decoded `data` of a successful answer into canonical checkups. Never throws on odd shapes. */
export function readNhisResult(data: unknown): NhisImport {
  const body = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const previews = rowsOf(body.resPreviewList);
  const results = rowsOf(body.resResultList);
  const referenceRows = rowsOf(body.resReferenceList);
  const providerUnits = unitsFromReference(referenceRows);

  const checkups: ImportedCheckup[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  previews.forEach((preview, index) => {
    const result = resultRowFor(preview, index, results);
    const fullDate = result ? (text(result.resCheckupDate) ?? '').replace(/\D/g, '') : '';
    const rejected: ImportRejection[] = [];
    let parsed;
    try {
      parsed = checkupFromSheet(sheetOf(preview, fullDate.length === 8 ? fullDate : undefined, providerUnits, rejected));
    } catch {
      unreadable += 1;
      return;
    }
    const checkup: Checkup = { ...parsed.checkup, ...questionnaireFacts(result?.resQuestionInfoList) };
    rejected.push(...parsed.rejected.map((r) => ({ field: r.field, raw: r.raw, reason: r.reason })));
    const units = unitsOf(checkup, providerUnits);
    const checkupType = nonEmpty(result?.resCheckupType);
    const sourceKey = `${checkup.examDate ?? checkup.examYear}|${checkupType ?? ''}`;
    if (seen.has(sourceKey)) return;
    seen.add(sourceKey);
    checkups.push({
      sourceKey,
      checkup,
      rejected,
      units,
      organizationName: nonEmpty(result?.resOrganizationName) ?? nonEmpty(preview.resCheckupPlace),
      checkupType,
      opinion: nonEmpty(result?.resOpinion),
      pdfBase64: nonEmpty(result?.resOriGinalData),
      raw: { preview, result: result ? withoutPdf(result) : null },
    });
  });
  return { checkups, referenceRows, unreadable };
}
