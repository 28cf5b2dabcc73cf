/**
 * The canonical, normalised NHIS general-checkup record (docs/reference/nhis-checkup.md §9) and pure parsers for the string
 * formats the sources deliver: aggregator result sheets (CODEF / Candiy: every value a string, blood
 * pressure as "120/80", urine protein as text) and the open dataset's numeric codes.
 *
 * A field that is absent means "not tested" (e.g. lipids are only done every 4 years); it is never a
 * default value.
 */

/** Calendar date, YYYY-MM-DD. */
export type IsoDate = string;

/** Urine dipstick as an ordinal: 1 음성(−), 2 약양성(±), 3 +1, 4 +2, 5 +3, 6 +4 (same as the dataset code). */
export type UrineProtein = 1 | 2 | 3 | 4 | 5 | 6;
export type HearingResult = 'NORMAL' | 'ABNORMAL';
/** 'BLIND' is the dataset's 9.9; acuity below 0.1 is recorded as 0.1 by the source. */
export type Vision = number | 'BLIND';
/** Poor images and X-rays not taken are not findings; they are simply absent. */
export type ChestXrayFinding = 'NORMAL' | 'INACTIVE_TB' | 'OTHER_FINDING';
export type BoneDensityFinding = 'NORMAL' | 'OSTEOPENIA' | 'OSTEOPOROSIS';
export type SmokingStatus = 'NEVER' | 'FORMER' | 'CURRENT';
/** How a stored eGFR was obtained; REPORTED means printed on the sheet by the clinic (equation unknown). */
export type EgfrMethod = 'REPORTED' | 'CKD_EPI_2021';

export interface Checkup {
  readonly examYear: number;
  /** Missing when the source gives only the year (the open dataset). */
  readonly examDate?: IsoDate;
  readonly heightCm?: number;
  readonly weightKg?: number;
  readonly bmi?: number;
  readonly waistCm?: number;
  readonly sbp?: number;
  readonly dbp?: number;
  readonly visionLeft?: Vision;
  readonly visionRight?: Vision;
  readonly hearingLeft?: HearingResult;
  readonly hearingRight?: HearingResult;
  readonly fastingGlucose?: number;
  readonly totalCholesterol?: number;
  readonly hdlCholesterol?: number;
  readonly ldlCholesterol?: number;
  readonly triglycerides?: number;
  readonly hemoglobin?: number;
  readonly urineProtein?: UrineProtein;
  readonly serumCreatinine?: number;
  readonly egfr?: number;
  /** Defaults to REPORTED when egfr is present. */
  readonly egfrMethod?: EgfrMethod;
  readonly ast?: number;
  readonly alt?: number;
  readonly gammaGtp?: number;
  readonly chestXray?: ChestXrayFinding;
  readonly boneDensityTScore?: number;
  readonly boneDensityFinding?: BoneDensityFinding;
  readonly smoking?: SmokingStatus;
  readonly drinks?: boolean;
  /** 종합판정 exactly as the source printed it (정A, 정B, 의심, 유질 …); kept, never recomputed. */
  readonly reportedJudgement?: string;
  /**
   * Results printed with a comparator instead of a number (eGFR ">90", γ-GTP "<5"), kept as printed.
   * A field here has no exact value in the record (docs/reference/nhis-checkup.md §3).
   */
  readonly censored?: Readonly<Partial<Record<NumericField, CensoredValue>>>;
}

export type Comparator = '>' | '≥' | '<' | '≤';

/** A result known only by a bound: ">90" is { comparator: '>', bound: 90, printed: '>90' }. */
export interface CensoredValue {
  readonly comparator: Comparator;
  readonly bound: number;
  /** The text as the sheet printed it, trimmed. */
  readonly printed: string;
}

export type RawValue = string | number | null | undefined;

// A unit must start with a letter so that "120/80" or "1.0/1.2" is never read as one number.
const UNIT_SUFFIX = String.raw`(?:[A-Za-zµμ%\u3380-\u33DF].*)?`;
const PLAIN_NUMBER = new RegExp(String.raw`^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*${UNIT_SUFFIX}$`);

/**
 * A number as printed on a sheet or in a CSV cell: "81.3", " 120 ", "1,234", "13.5 g/dL", "95 ㎎/㎗". Empty
 * cells, dashes and comparator values ("<5") give undefined: those are not an exact value (see parseCensored).
 */
export function parseNumber(raw: RawValue): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (raw === null || raw === undefined) return undefined;
  const match = PLAIN_NUMBER.exec(raw.trim());
  if (match?.[1] === undefined) return undefined;
  const value = Number(match[1].replaceAll(',', ''));
  return Number.isFinite(value) ? value : undefined;
}

const PREFIX_COMPARATORS: Readonly<Record<string, Comparator>> = {
  '>': '>',
  '＞': '>',
  '≥': '≥',
  '>=': '≥',
  '≧': '≥',
  '＞=': '≥',
  '<': '<',
  '＜': '<',
  '≤': '≤',
  '<=': '≤',
  '≦': '≤',
  '＜=': '≤',
};
const SUFFIX_COMPARATORS: Readonly<Record<string, Comparator>> = { 초과: '>', 이상: '≥', 미만: '<', 이하: '≤' };
const PREFIXED = new RegExp(String.raw`^(>=|<=|＞=|＜=|[>＞≥≧<＜≤≦])\s*(\d+(?:\.\d+)?)\s*${UNIT_SUFFIX}$`);
const SUFFIXED = new RegExp(String.raw`^(\d+(?:\.\d+)?)\s*(?:[A-Za-zµμ%\u3380-\u33DF][^\s]*)?\s*(초과|이상|미만|이하)$`);

/**
 * A result printed with a comparator: ">90", "≥60", "<5", "> 90 mL/min/1.73㎡", "90 이상", "5 미만". Anything
 * else (including a plain number) gives undefined. Docs: docs/reference/nhis-checkup.md §3.
 */
export function parseCensored(raw: RawValue): CensoredValue | undefined {
  if (typeof raw !== 'string') return undefined;
  const printed = raw.trim();
  const prefixed = PREFIXED.exec(printed);
  if (prefixed?.[1] !== undefined && prefixed[2] !== undefined) {
    const comparator = PREFIX_COMPARATORS[prefixed[1]];
    return comparator === undefined ? undefined : { comparator, bound: Number(prefixed[2]), printed };
  }
  const suffixed = SUFFIXED.exec(printed);
  if (suffixed?.[1] !== undefined && suffixed[2] !== undefined) {
    const comparator = SUFFIX_COMPARATORS[suffixed[2]];
    return comparator === undefined ? undefined : { comparator, bound: Number(suffixed[1]), printed };
  }
  return undefined;
}

export interface BloodPressure {
  readonly sbp: number;
  readonly dbp: number;
}

/** "120/80", "120 / 80", "120/80 mmHg" (the CODEF resBloodPressure form). */
export function parseBloodPressure(raw: RawValue): BloodPressure | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^(\d{2,3})\s*\/\s*(\d{2,3})\s*(?:mmHg)?$/i.exec(raw.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { sbp: Number(match[1]), dbp: Number(match[2]) };
}

function isUrineProtein(n: number): n is UrineProtein {
  return Number.isInteger(n) && n >= 1 && n <= 6;
}

/** The open dataset's 요단백 code (1 − … 6 +4). */
export function urineProteinFromCode(raw: RawValue): UrineProtein | undefined {
  const code = parseNumber(raw);
  return code !== undefined && isUrineProtein(code) ? code : undefined;
}

function normaliseSigns(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[−–—﹣－]/g, '-')
    .replace(/[＋]/g, '+')
    .replace(/[()（）]/g, '')
    .toLowerCase();
}

/** "-", "±", "+1", "1+", "++" … as printed after the Korean word or on its own. */
function urineProteinFromSymbol(symbol: string): UrineProtein | undefined {
  if (symbol === '-' || symbol === 'neg' || symbol === 'negative') return 1;
  if (['±', '+-', '-+', '+/-', 'trace'].includes(symbol)) return 2;
  const digit = /^\+([1-4])$|^([1-4])\+$/.exec(symbol);
  const degree = digit ? Number(digit[1] ?? digit[2]) : /^\+{1,4}$/.test(symbol) ? symbol.length : undefined;
  if (degree === undefined) return undefined;
  const ordinal = degree + 2;
  return isUrineProtein(ordinal) ? ordinal : undefined;
}

/**
 * Urine protein as a result sheet prints it: 음성, 음성(-), 약양성(±), 양성(+1), 양성(2+), ±, ++ ….
 * A bare digit is rejected because "1" could be the dataset code 1 (음성) or +1; use urineProteinFromCode.
 */
export function parseUrineProtein(raw: RawValue): UrineProtein | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = normaliseSigns(raw);
  if (text.startsWith('음성')) return 1;
  if (text.startsWith('약양성')) return 2;
  if (text.startsWith('양성')) {
    const degree = text.slice('양성'.length);
    // 양성 without a degree still means at least +1; the lowest positive keeps it 질환의심 without overstating.
    return degree === '' ? 3 : urineProteinFromSymbol(degree);
  }
  return urineProteinFromSymbol(text);
}

/** The open dataset's 청력 code: 1 정상, 2 비정상. */
export function hearingFromCode(raw: RawValue): HearingResult | undefined {
  const code = parseNumber(raw);
  if (code === 1) return 'NORMAL';
  if (code === 2) return 'ABNORMAL';
  return undefined;
}

/** One ear as a sheet prints it: 정상, or 비정상 / 이상 / 질환의심 / 의뢰 (referred). */
export function parseHearing(raw: RawValue): HearingResult | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/\s+/g, '');
  if (text === '정상') return 'NORMAL';
  if (/^(비정상|이상|청력이상|질환의심|의뢰|난청)/.test(text)) return 'ABNORMAL';
  return undefined;
}

export interface Pair<T> {
  readonly left?: T;
  readonly right?: T;
}

/**
 * "left/right" as the aggregators print paired items (resSight "1.0/1.2", resHearing "정상/정상").
 * A single value is read as both ears/eyes, which is how a sheet prints a result that is the same on both sides.
 */
export function parsePair<T>(raw: RawValue, parseOne: (part: string) => T | undefined): Pair<T> {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  const parts = raw.split('/').map((p) => p.trim());
  const [first, second] = parts;
  if (parts.length > 2 || first === undefined) return {};
  const left = parseOne(first);
  const right = second === undefined ? left : parseOne(second);
  const pair: { left?: T; right?: T } = {};
  if (left !== undefined) pair.left = left;
  if (right !== undefined) pair.right = right;
  return pair;
}

/** Decimal visual acuity; 9.9 is the dataset's code for a blind eye. */
export function parseVision(raw: RawValue): Vision | undefined {
  if (typeof raw === 'string' && /^실명$/.test(raw.trim())) return 'BLIND';
  const value = parseNumber(raw);
  if (value === 9.9) return 'BLIND';
  return value !== undefined && value >= 0 && value <= 2.5 ? value : undefined;
}

/**
 * 흉부방사선 as printed. 판독불가 / 촬영불가 / 미실시 are not findings (the notice excludes them), so they
 * are absent; any other non-empty text is an abnormal finding.
 */
export function parseChestXray(raw: RawValue): ChestXrayFinding | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/\s+/g, '');
  if (text === '' || text === '-' || /(불가|미실시|미촬영|미검사|해당없음)/.test(text)) return undefined;
  if (text === '정상') return 'NORMAL';
  if (text.includes('비활동성')) return 'INACTIVE_TB';
  return 'OTHER_FINDING';
}

export interface BoneDensity {
  readonly tScore?: number;
  readonly finding?: BoneDensityFinding;
}

/** 골밀도 as a T-score ("-1.8") or as the finding word (정상 / 골감소증 / 골다공증). */
export function parseBoneDensity(raw: RawValue): BoneDensity {
  const tScore = parseNumber(raw);
  if (tScore !== undefined) return { tScore };
  if (typeof raw !== 'string') return {};
  const text = raw.replace(/\s+/g, '');
  if (text === '정상') return { finding: 'NORMAL' };
  if (text.startsWith('골감소')) return { finding: 'OSTEOPENIA' };
  if (text.startsWith('골다공')) return { finding: 'OSTEOPOROSIS' };
  return {};
}

/** The open dataset's 흡연상태 code: 1 never, 2 former, 3 current. */
export function smokingFromCode(raw: RawValue): SmokingStatus | undefined {
  const code = parseNumber(raw);
  if (code === 1) return 'NEVER';
  if (code === 2) return 'FORMER';
  if (code === 3) return 'CURRENT';
  return undefined;
}

/** The open dataset's 음주여부 code: 0 no, 1 yes (a Kaggle derivative uses N/Y). */
export function drinksFromCode(raw: RawValue): boolean | undefined {
  const text = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
  if (text === 0 || text === '0' || text === 'N') return false;
  if (text === 1 || text === '1' || text === 'Y') return true;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIsoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A full calendar date in YYYY-MM-DD, YYYYMMDD, YYYY.MM.DD or YYYY/MM/DD; undefined if not a real date. */
export function parseDate(raw: RawValue): IsoDate | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})\.?$/.exec(raw.trim());
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return toIsoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export interface ExamDate {
  readonly examYear: number;
  readonly examDate?: IsoDate;
}

function parseYear(raw: RawValue): number | undefined {
  const year = parseNumber(raw);
  return year !== undefined && Number.isInteger(year) && year >= 1900 && year <= 9999 ? year : undefined;
}

/**
 * The examination date from a year and a date that may be a full date or, as in the CODEF preview list,
 * only MMDD. A full date wins over the year field, since it is the more specific of the two.
 */
export function parseExamDate(year: RawValue, date: RawValue): ExamDate | undefined {
  const full = parseDate(date);
  if (full !== undefined) return { examYear: Number(full.slice(0, 4)), examDate: full };
  const examYear = parseYear(year);
  if (examYear === undefined) return undefined;
  const monthDay = typeof date === 'string' ? /^(\d{2})[-./]?(\d{2})$/.exec(date.trim()) : null;
  const examDate = monthDay ? toIsoDate(examYear, Number(monthDay[1]), Number(monthDay[2])) : undefined;
  return examDate === undefined ? { examYear } : { examYear, examDate };
}

/** Unrounded BMI from height (cm) and weight (kg). */
export function bmiFromHeightWeight(heightCm: number, weightKg: number): number {
  const metres = heightCm / 100;
  return weightKg / (metres * metres);
}

export type NumericField =
  | 'heightCm'
  | 'weightKg'
  | 'bmi'
  | 'waistCm'
  | 'sbp'
  | 'dbp'
  | 'fastingGlucose'
  | 'totalCholesterol'
  | 'hdlCholesterol'
  | 'ldlCholesterol'
  | 'triglycerides'
  | 'hemoglobin'
  | 'serumCreatinine'
  | 'egfr'
  | 'ast'
  | 'alt'
  | 'gammaGtp'
  | 'boneDensityTScore';

/**
 * Values outside these ranges are sentinel codes or typos, not measurements (docs/reference/nhis-checkup.md §10: 허리둘레 999,
 * 감마지티피 9999, creatinine 98). The ranges are deliberately wide so that a genuine extreme result is still
 * judged; they are not clinical limits.
 */
export const PLAUSIBLE_RANGES: Readonly<Record<NumericField, readonly [min: number, max: number]>> = {
  heightCm: [50, 250],
  weightKg: [10, 350],
  bmi: [5, 100],
  waistCm: [30, 250],
  sbp: [40, 300],
  dbp: [20, 250],
  fastingGlucose: [10, 1500],
  totalCholesterol: [20, 2000],
  hdlCholesterol: [1, 300],
  ldlCholesterol: [1, 1500],
  triglycerides: [5, 20000],
  hemoglobin: [1, 30],
  serumCreatinine: [0.05, 30],
  egfr: [1, 300],
  ast: [1, 9000],
  alt: [1, 9000],
  gammaGtp: [1, 9000],
  boneDensityTScore: [-10, 10],
};

export function isPlausible(field: NumericField, value: number): boolean {
  const [min, max] = PLAUSIBLE_RANGES[field];
  return value >= min && value <= max;
}

/**
 * One result sheet with canonical keys and the values as the aggregator sent them (all strings).
 * The adapter maps provider names (resHeight, resFastingBloodSuger, yGPT …) onto these keys.
 */
export interface CheckupSheet {
  readonly checkupYear?: RawValue;
  /** YYYYMMDD, YYYY-MM-DD, or MMDD (CODEF preview). */
  readonly checkupDate?: RawValue;
  readonly height?: RawValue;
  readonly weight?: RawValue;
  readonly bmi?: RawValue;
  readonly waist?: RawValue;
  readonly bloodPressure?: RawValue;
  readonly vision?: RawValue;
  readonly hearing?: RawValue;
  readonly urineProtein?: RawValue;
  readonly hemoglobin?: RawValue;
  readonly fastingGlucose?: RawValue;
  readonly totalCholesterol?: RawValue;
  readonly hdlCholesterol?: RawValue;
  readonly triglycerides?: RawValue;
  readonly ldlCholesterol?: RawValue;
  readonly serumCreatinine?: RawValue;
  readonly egfr?: RawValue;
  readonly ast?: RawValue;
  readonly alt?: RawValue;
  readonly gammaGtp?: RawValue;
  readonly chestXray?: RawValue;
  readonly osteoporosis?: RawValue;
  readonly judgement?: RawValue;
}

export interface RejectedValue {
  readonly field: keyof CheckupSheet;
  readonly raw: string | number;
  readonly reason: 'UNPARSEABLE' | 'IMPLAUSIBLE';
}

export interface ParsedSheet {
  readonly checkup: Checkup;
  /** Values that were present but could not be used; they become "not tested" and should be surfaced. */
  readonly rejected: readonly RejectedValue[];
}

function isBlank(raw: RawValue): raw is null | undefined | '' {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

const SHEET_NUMBERS: ReadonlyArray<readonly [keyof CheckupSheet, NumericField]> = [
  ['height', 'heightCm'],
  ['weight', 'weightKg'],
  ['bmi', 'bmi'],
  ['waist', 'waistCm'],
  ['fastingGlucose', 'fastingGlucose'],
  ['totalCholesterol', 'totalCholesterol'],
  ['hdlCholesterol', 'hdlCholesterol'],
  ['ldlCholesterol', 'ldlCholesterol'],
  ['triglycerides', 'triglycerides'],
  ['hemoglobin', 'hemoglobin'],
  ['serumCreatinine', 'serumCreatinine'],
  ['egfr', 'egfr'],
  ['ast', 'ast'],
  ['alt', 'alt'],
  ['gammaGtp', 'gammaGtp'],
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function nonEmptyPair<T>(pair: Pair<T>): Pair<T> | undefined {
  return pair.left === undefined && pair.right === undefined ? undefined : pair;
}

function nonEmptyBone(bone: BoneDensity): BoneDensity | undefined {
  return bone.tScore === undefined && bone.finding === undefined ? undefined : bone;
}

const NOT_TAKEN = 'NOT_TAKEN';

/** Distinguishes "not taken / unreadable" (silently absent) from text we do not understand (rejected). */
function parseChestXrayOrNotTaken(raw: RawValue): ChestXrayFinding | typeof NOT_TAKEN | undefined {
  if (typeof raw !== 'string') return undefined;
  return parseChestXray(raw) ?? NOT_TAKEN;
}

/**
 * Turns one aggregator result sheet into the canonical record. Throws RangeError when the examination
 * year cannot be read, because a checkup without a year cannot be placed in anyone's history.
 */
export function checkupFromSheet(sheet: CheckupSheet): ParsedSheet {
  const exam = parseExamDate(sheet.checkupYear, sheet.checkupDate);
  if (exam === undefined) throw new RangeError('checkup sheet has no readable examination year');

  const checkup: Mutable<Checkup> = { ...exam };
  const rejected: RejectedValue[] = [];
  const reject = (field: keyof CheckupSheet, raw: string | number, reason: RejectedValue['reason']): void => {
    rejected.push({ field, raw, reason });
  };
  const take = <T>(field: keyof CheckupSheet, parse: (raw: RawValue) => T | undefined): T | undefined => {
    const raw = sheet[field];
    if (isBlank(raw)) return undefined;
    const value = parse(raw);
    if (value === undefined) reject(field, raw, 'UNPARSEABLE');
    return value;
  };

  const censored: Partial<Record<NumericField, CensoredValue>> = {};
  for (const [field, target] of SHEET_NUMBERS) {
    const value = take(field, (raw) => parseNumber(raw) ?? parseCensored(raw));
    if (value === undefined) continue;
    if (typeof value === 'number') {
      if (isPlausible(target, value)) checkup[target] = value;
      else reject(field, value, 'IMPLAUSIBLE');
    } else if (isPlausible(target, value.bound)) censored[target] = value;
    else reject(field, value.printed, 'IMPLAUSIBLE');
  }
  if (checkup.egfr !== undefined || censored.egfr !== undefined) checkup.egfrMethod = 'REPORTED';
  if (Object.keys(censored).length > 0) checkup.censored = censored;

  const bp = take('bloodPressure', parseBloodPressure);
  if (bp !== undefined) {
    if (isPlausible('sbp', bp.sbp) && isPlausible('dbp', bp.dbp)) Object.assign(checkup, bp);
    else reject('bloodPressure', `${bp.sbp}/${bp.dbp}`, 'IMPLAUSIBLE');
  }

  const vision = take('vision', (raw) => nonEmptyPair(parsePair(raw, parseVision)));
  if (vision?.left !== undefined) checkup.visionLeft = vision.left;
  if (vision?.right !== undefined) checkup.visionRight = vision.right;

  const hearing = take('hearing', (raw) => nonEmptyPair(parsePair(raw, parseHearing)));
  if (hearing?.left !== undefined) checkup.hearingLeft = hearing.left;
  if (hearing?.right !== undefined) checkup.hearingRight = hearing.right;

  const urineProtein = take('urineProtein', parseUrineProtein);
  if (urineProtein !== undefined) checkup.urineProtein = urineProtein;

  const chest = take('chestXray', parseChestXrayOrNotTaken);
  if (chest !== undefined && chest !== NOT_TAKEN) checkup.chestXray = chest;

  const bone = take('osteoporosis', (raw) => nonEmptyBone(parseBoneDensity(raw)));
  if (bone?.tScore !== undefined) {
    if (isPlausible('boneDensityTScore', bone.tScore)) checkup.boneDensityTScore = bone.tScore;
    else reject('osteoporosis', bone.tScore, 'IMPLAUSIBLE');
  }
  if (bone?.finding !== undefined) checkup.boneDensityFinding = bone.finding;

  if (typeof sheet.judgement === 'string' && sheet.judgement.trim() !== '') {
    checkup.reportedJudgement = sheet.judgement.trim();
  }
  return { checkup, rejected };
}
