import { z } from 'zod';
import { CATEGORY_ADVICE, categoryOf, occupationAdvice } from './advice.js';
import { allowedNumbers, ungroundedNumbers } from './grounding.js';
import { flaggedItems, outsideCriteriaItems, recordForModel, type HealthRecord, type RecordItem } from './health-record.js';
import { charLength, josa } from './korean.js';
import { describeIssues, type Parsed } from './outcome.js';

/**
 * The three-line reading of a checkup: (1) the overall state, (2) the main risk or improvement,
 * (3) advice for the user's occupation; each line names the items it is about. Plus a health
 * score 0–100 and a risk level. The model fills it through a tool whose input schema is this
 * zod schema; its answer is validated with the same schema, then checked against the record.
 */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';
export const RISK_LABELS: Readonly<Record<RiskLevel, string>> = { LOW: '낮음', MEDIUM: '보통', HIGH: '높음' };

export type LineKind = 'OVERALL' | 'MAIN_RISK' | 'OCCUPATION';

export interface ReadingLine {
  kind: LineKind;
  text: string;
  itemCodes: string[];
}

export interface Reading {
  lines: [ReadingLine, ReadingLine, ReadingLine];
  healthScore: number;
  riskLevel: RiskLevel;
}

export const READING_TOOL = 'record_health_reading';

/** Lines are short; the limit is checked here rather than put in the tool schema, where a model may cut a sentence to fit. */
export const MAX_LINE_CHARS = 160;

const line = (description: string) =>
  z
    .string()
    .trim()
    .min(2)
    .refine((text) => charLength(text) <= MAX_LINE_CHARS, `a line is at most ${MAX_LINE_CHARS} characters`)
    .describe(description);
const codes = (description: string) => z.array(z.string().min(1).max(40)).min(1).max(10).describe(description);

/** The tool's input: each line has its own name (and meaning), next to the codes it is about. */
export const readingInputSchema = z
  .object({
    lines: z
      .object({
        overallLine: line('첫째 줄: 검진 결과의 전반적인 상태를 한 문장으로 (80자 안팎)'),
        overallItemCodes: codes('첫째 줄이 다루는 검사 항목의 code (기록에 있는 code만)'),
        riskLine: line('둘째 줄: 가장 중요한 위험 요인 또는 개선점을 한 문장으로 (80자 안팎)'),
        riskItemCodes: codes('둘째 줄이 다루는 검사 항목의 code'),
        occupationLine: line('셋째 줄: 사용자의 직군을 고려한 생활 조언 한 문장 (80자 안팎)'),
        occupationItemCodes: codes('셋째 줄이 다루는 검사 항목의 code'),
      })
      .strict()
      .describe('세 줄 판독'),
    healthScore: z.number().int().min(0).max(100).describe('건강 점수: 정상A 항목이 많을수록 높은 0~100 정수'),
    riskLevel: z.enum(['LOW', 'MEDIUM', 'HIGH']).describe('위험도: 질환의심이 있으면 HIGH, 정상B만 있으면 MEDIUM, 모두 정상A면 LOW'),
  })
  .strict();

/** Validates the model's tool input against the schema, the record's item codes and numbers. */
export function parseReading(input: unknown, record: HealthRecord): Parsed<Reading> {
  const parsed = readingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'INVALID_OUTPUT', detail: describeIssues(parsed.error.issues) };
  const { lines: value, healthScore, riskLevel } = parsed.data;
  const known = new Set(record.items.map((i) => i.code));
  const refs = [...value.overallItemCodes, ...value.riskItemCodes, ...value.occupationItemCodes];
  const unknown = refs.filter((code) => !known.has(code));
  if (unknown.length > 0) return { ok: false, reason: 'INVALID_OUTPUT', detail: `unknown item codes: ${[...new Set(unknown)].join(', ')}` };
  // A value outside the graded range is not normal: a reading that leaves it out reads as "all normal".
  const unmentioned = outsideCriteriaItems(record).filter((i) => !refs.includes(i.code));
  if (unmentioned.length > 0)
    return { ok: false, reason: 'INVALID_OUTPUT', detail: `items outside the criteria not mentioned: ${unmentioned.map((i) => i.code).join(', ')}` };
  const texts = [value.overallLine, value.riskLine, value.occupationLine];
  const foreign = ungroundedNumbers(texts, allowedNumbers(recordForModel(record)));
  if (foreign.length > 0) return { ok: false, reason: 'UNGROUNDED_NUMBER', detail: `numbers not in the record: ${foreign.join(', ')}` };
  const unique = (list: string[]) => [...new Set(list)];
  return {
    ok: true,
    value: {
      lines: [
        { kind: 'OVERALL', text: value.overallLine, itemCodes: unique(value.overallItemCodes) },
        { kind: 'MAIN_RISK', text: value.riskLine, itemCodes: unique(value.riskItemCodes) },
        { kind: 'OCCUPATION', text: value.occupationLine, itemCodes: unique(value.occupationItemCodes) },
      ],
      healthScore,
      riskLevel,
    },
  };
}

/** Share of normal items: 정상A counts fully, 정상B and a value outside the graded range half, 질환의심 not at all. */
export function ruleHealthScore(record: HealthRecord): number {
  if (record.items.length === 0) return 0;
  const points = record.items.reduce((sum, i) => sum + (i.grade === 'NORMAL_A' ? 1 : i.grade === 'SUSPECTED_DISEASE' ? 0 : 0.5), 0);
  return Math.round((100 * points) / record.items.length);
}

export function ruleRiskLevel(record: HealthRecord): RiskLevel {
  if (record.items.some((i) => i.grade === 'SUSPECTED_DISEASE')) return 'HIGH';
  if (record.items.some((i) => i.grade === 'NORMAL_B' || i.grade === 'OUTSIDE_CRITERIA')) return 'MEDIUM';
  return 'LOW';
}

/** "혈색소(16.6 g/dL)는 판정 기준보다 높아" … for the values outside the graded range; '' when there are none. */
function outsideSentence(outside: readonly RecordItem[]): string {
  if (outside.length === 0) return '';
  const named = outside
    .slice(0, 2)
    .map((i) => `${i.name}(${valueText(i)})`)
    .join('·');
  const direction = outside.every((i) => i.note?.includes('높음')) ? '보다 높아' : outside.every((i) => i.note?.includes('낮음')) ? '보다 낮아' : ' 밖이라';
  return `${josa(named, '은/는')} 판정 기준${direction} 등급을 매기지 않았으니 의사와 상의하세요.`;
}

function valueText(item: RecordItem): string {
  return item.unit ? `${item.value} ${item.unit}` : String(item.value);
}

const MAX_REFS = 10;

/** The reading the rules write when the model cannot: same shape, plainer words. */
export function fallbackReading(record: HealthRecord): Reading {
  const flagged = flaggedItems(record);
  const outside = outsideCriteriaItems(record);
  const allCodes = record.items.map((i) => i.code).slice(0, MAX_REFS);
  const top = flagged[0];

  let overall: ReadingLine;
  if (record.items.length === 0) {
    overall = { kind: 'OVERALL', text: '이번 검진에서 판정 기준이 있는 항목의 결과를 찾지 못했습니다.', itemCodes: [] };
  } else if (!top && outside.length > 0) {
    overall = {
      kind: 'OVERALL',
      text: `판정된 항목은 정상 범위지만 ${outsideSentence(outside)}`,
      itemCodes: outside.map((i) => i.code).slice(0, MAX_REFS),
    };
  } else if (!top) {
    overall = { kind: 'OVERALL', text: '검진한 모든 항목이 정상A로 판정되어 전반적으로 양호한 상태입니다.', itemCodes: allCodes };
  } else {
    const shown = flagged.slice(0, 3);
    const names = shown.map((i) => i.name).join('·');
    const allFlagged = flagged.length === record.items.length - outside.length;
    const first = allFlagged ? `검진 결과 ${names} 항목 모두 관리가 필요한 상태입니다.` : `검진 결과 대부분 정상 범위지만 ${names} 항목은 관리가 필요합니다.`;
    overall = {
      kind: 'OVERALL',
      text: outside.length > 0 ? `${first} ${outsideSentence(outside)}` : first,
      itemCodes: [...shown, ...outside].map((i) => i.code).slice(0, MAX_REFS),
    };
  }

  let risk: ReadingLine;
  if (!top && outside.length > 0) {
    risk = {
      kind: 'MAIN_RISK',
      text: '판정 기준 밖의 수치는 이 검진만으로 괜찮다고 말할 수 없으니 결과지를 가지고 의사와 상의하세요.',
      itemCodes: outside.map((i) => i.code).slice(0, MAX_REFS),
    };
  } else if (!top) {
    risk = { kind: 'MAIN_RISK', text: '뚜렷한 위험 요인은 없으니 지금의 생활 습관을 꾸준히 유지하세요.', itemCodes: allCodes };
  } else {
    const subject = josa(`${top.name}(${valueText(top)})`, '이/가');
    const advice = CATEGORY_ADVICE[categoryOf(top.code)];
    risk = {
      kind: 'MAIN_RISK',
      text:
        top.grade === 'SUSPECTED_DISEASE'
          ? `${subject} 질환의심 범위이므로 가까운 병원에서 재검사나 진료 상담을 받아 보세요.`
          : `${subject} 경계(정상B) 범위이니 ${advice}.`,
      itemCodes: [top.code],
    };
  }

  const label = record.profile.occupation;
  const occupationText = label ? `${josa(label, '으로/로')} 일하시는 만큼 ${occupationAdvice(record.occupationCode)}.` : `${occupationAdvice(null)}.`;
  const occupation: ReadingLine = { kind: 'OCCUPATION', text: occupationText, itemCodes: top ? [top.code] : allCodes };

  return { lines: [overall, risk, occupation], healthScore: ruleHealthScore(record), riskLevel: ruleRiskLevel(record) };
}
