import { type Category, type Grade, describeItem, hasHangul, isOutsideCriteria, normalizeGrade } from './korean.js';
import { canonicalNumber, numberSet } from './numbers.js';

/**
 * Facts read from a request: judged checkup items, occupation and mission progress, found in
 * JSON embedded in the prompt (the app's usual shape) or in "name: value unit (grade)" lines.
 * Field names are matched loosely because the stand-in must not depend on one prompt layout.
 */
export interface CheckupItem {
  /** The identifier the request used (code, id, key), for reference fields such as itemRefs. */
  ref: string;
  /** Korean display name. */
  name: string;
  /** The value exactly as the request wrote it, e.g. "142" or "142/91". */
  value?: string;
  unit?: string;
  grade: Grade;
  category: Category;
  /** The request marked the value as outside the graded range (판정 기준 외); its grade is then B. */
  outside?: boolean;
}

export interface Progress {
  /** A completion rate the request wrote as a percentage (e.g. "60" from 60 or "60%"). */
  ratePercent?: string;
  /** The same rate as a fraction 0–1, whichever way it was written. */
  rateFraction?: number;
  streakDays?: string;
  completed?: string;
  total?: string;
  /** Missions the request marks as not completed: titles where given, otherwise ids. */
  pending: string[];
}

export interface Facts {
  items: CheckupItem[];
  occupation?: string;
  progress: Progress;
  motivationType?: string;
  /** Every number in the whole request, canonical; answers may only mention these. */
  allowedNumbers: Set<string>;
  /** Primitive values seen under each JSON key (lower-cased), for reference and echo fields. */
  valuesByKey: Map<string, Array<string | number>>;
}

// ---------------------------------------------------------------------------------------------
// JSON embedded in text

/** Index of the bracket that closes the one at `start`, skipping strings; -1 when unbalanced. */
function closingBracket(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

export interface JsonScan {
  values: unknown[];
  /** The text with the JSON parts removed: the free-text question or instruction. */
  prose: string;
}

export function scanJson(text: string): JsonScan {
  const values: unknown[] = [];
  let prose = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '{' || ch === '[') {
      const end = closingBracket(text, i);
      if (end > i) {
        try {
          const value: unknown = JSON.parse(text.slice(i, end + 1));
          if (typeof value === 'object' && value !== null) {
            values.push(value);
            prose += ' ';
            i = end + 1;
            continue;
          }
        } catch {
          // Not JSON (e.g. "[참고]"); keep it as prose.
        }
      }
    }
    prose += ch;
    i += 1;
  }
  return {
    values,
    prose: prose
      .replace(/```(?:json)?/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim(),
  };
}

// ---------------------------------------------------------------------------------------------
// Walking JSON for items and other facts

const GRADE_KEY = /grade|judg|판정|status|result|level|class|rating|등급/i;
const NAME_KEYS = ['nameKo', 'koreanName', 'name_ko', 'labelKo', 'displayName', 'label', 'name', 'itemName', 'item', 'title', '항목', '항목명', '검사항목'];
const REF_KEYS = ['code', 'itemCode', 'item_code', 'id', 'itemId', 'item_id', 'key', 'ref', 'itemRef'];
const VALUE_KEYS = ['value', 'measured', 'measuredValue', 'measurement', 'reading', 'result', 'resultValue', '값', '수치', '측정값', '결과'];
const UNIT_KEYS = ['unit', 'units', '단위'];

type Json = Record<string, unknown>;

function firstString(object: Json, keys: string[], accept: (value: string) => boolean = () => true): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value.trim() !== '' && accept(value)) return value.trim();
    if (typeof value === 'number' && accept(String(value))) return String(value);
  }
  return undefined;
}

function readValue(object: Json): string | undefined {
  for (const key of VALUE_KEYS) {
    const value = object[key];
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string' && /\d/.test(value) && normalizeGrade(value, true) === undefined) return value.trim();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = value as Json;
      const sys = nested.systolic ?? nested.sys;
      const dia = nested.diastolic ?? nested.dia;
      if (typeof sys === 'number' && typeof dia === 'number') return `${sys}/${dia}`;
    }
  }
  const sys = object.systolic;
  const dia = object.diastolic;
  if (typeof sys === 'number' && typeof dia === 'number') return `${sys}/${dia}`;
  return undefined;
}

function gradeOf(object: Json): Grade | undefined {
  for (const [key, value] of Object.entries(object)) {
    if (GRADE_KEY.test(key)) {
      const grade = normalizeGrade(value, true);
      if (grade) return grade;
    }
  }
  for (const value of Object.values(object)) {
    const grade = normalizeGrade(value);
    if (grade) return grade;
  }
  return undefined;
}

function itemFrom(object: Json, parentKey: string | undefined): CheckupItem | undefined {
  const grade = gradeOf(object);
  if (!grade) return undefined;
  const ownName = firstString(object, NAME_KEYS, (v) => normalizeGrade(v) === undefined);
  const ref = firstString(object, REF_KEYS) ?? ownName ?? parentKey;
  if (!ref && !ownName) return undefined;
  const described = describeItem(ownName, ref, parentKey);
  const koreanOwn = [ownName, ref, parentKey].find((label) => label !== undefined && hasHangul(label));
  const name = koreanOwn ?? described.name ?? ownName ?? ref ?? '검사 항목';
  const value = readValue(object);
  const unit = firstString(object, UNIT_KEYS);
  return {
    ref: ref ?? name,
    name,
    grade,
    category: described.category,
    ...(value !== undefined ? { value } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(Object.values(object).some(isOutsideCriteria) ? { outside: true } : {}),
  };
}

const OCCUPATION_KEY = /^(occupation|occupationName|job|jobTitle|profession|직업|직종)$/i;
const RATE_KEYS = [/^(today)?completion_?rate$/i, /^achievement_?rate$/i, /^(달성률|완료율)$/, /^rate$/i, /^weekly(completion)?_?rate$/i];
const STREAK_KEY = /streak|연속/i;
const COMPLETED_KEY = /^(completed|completedCount|todayCompleted|todayCompletedCount|doneCount|완료)$/i;
const TOTAL_KEY = /^(total|totalMissions|totalCount|missionCount|전체)$/i;

interface Collector {
  items: CheckupItem[];
  occupation?: string;
  rates: Array<{ priority: number; value: number }>;
  streak?: string;
  completed?: string;
  total?: string;
  pending: string[];
  valuesByKey: Map<string, Array<string | number>>;
}

function remember(collector: Collector, key: string, value: string | number): void {
  const lower = key.toLowerCase();
  const list = collector.valuesByKey.get(lower) ?? [];
  if (!list.includes(value)) list.push(value);
  collector.valuesByKey.set(lower, list);
}

function walk(value: unknown, parentKey: string | undefined, collector: Collector): void {
  if (Array.isArray(value)) {
    for (const element of value) walk(element, parentKey, collector);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Json;
  const item = itemFrom(object, parentKey);
  if (item) collector.items.push(item);

  if (object.completed === false || object.completedToday === false || object.done === false) {
    const label = firstString(object, ['title', 'name', 'missionTitle', 'missionId', 'id']);
    if (label) collector.pending.push(label);
  }

  for (const [key, child] of Object.entries(object)) {
    if (typeof child === 'string' || typeof child === 'number') remember(collector, key, child);
    if (typeof child === 'string' && OCCUPATION_KEY.test(key) && child.trim() !== '') collector.occupation ??= child.trim();
    if (typeof child === 'number') {
      const priority = RATE_KEYS.findIndex((pattern) => pattern.test(key));
      if (priority >= 0) collector.rates.push({ priority, value: child });
      if (STREAK_KEY.test(key)) collector.streak ??= String(child);
      if (COMPLETED_KEY.test(key)) collector.completed ??= String(child);
      if (TOTAL_KEY.test(key)) collector.total ??= String(child);
    }
    if (typeof child === 'object' && child !== null) walk(child, key, collector);
  }
}

// ---------------------------------------------------------------------------------------------
// Facts written as prose lines

const GRADE_WORDS = '정상\\s?A|정상\\s?B|질환\\s?의심|NORMAL_A|NORMAL_B|SUSPECTED_DISEASE';
const LINE_ITEM = new RegExp(
  `([가-힣A-Za-z][가-힣A-Za-z0-9γ() -]{0,30}?)\\s*[:：=]?\\s*(\\d+(?:\\.\\d+)?(?:\\s*/\\s*\\d+(?:\\.\\d+)?)?)\\s*([A-Za-z%µμ]+(?:/[A-Za-z0-9.²]+)?)?\\s*[,(\\[–→:-]*\\s*(${GRADE_WORDS})`,
  'gu',
);

function proseItems(prose: string): CheckupItem[] {
  const items: CheckupItem[] = [];
  for (const line of prose.split(/\n/)) {
    for (const match of line.matchAll(LINE_ITEM)) {
      const [, rawName, value, unit, gradeWord] = match;
      const grade = normalizeGrade(gradeWord);
      const label = rawName
        ?.replace(/^[-•*\s]+/, '')
        .replace(/[\s(]+$/, '')
        .trim();
      if (!grade || !label || !value) continue;
      const described = describeItem(label);
      items.push({
        ref: label,
        name: hasHangul(label) ? label : (described.name ?? label),
        grade,
        category: described.category,
        value: value.replace(/\s+/g, ''),
        ...(unit ? { unit } : {}),
      });
    }
  }
  return items;
}

function proseOccupation(prose: string): string | undefined {
  const match = /(?:직업|직종|occupation)\s*(?:은|는|:|：)?\s*([^\n,.;)}\]]{1,30})/i.exec(prose);
  return match?.[1]?.trim().replace(/\s*(입니다|이에요|예요|임)$/, '') || undefined;
}

// ---------------------------------------------------------------------------------------------

function dedupe(items: CheckupItem[]): CheckupItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.ref}|${item.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads facts from the focus text (system prompt and latest user turn); when that holds no
 * checkup items, the rest of the conversation is read as well. `wholeText` bounds which numbers
 * an answer may mention.
 */
export function extractFacts(focusText: string, wholeText: string): Facts {
  const fromText = (text: string): { collector: Collector; prose: string } => {
    const { values, prose } = scanJson(text);
    const collector: Collector = { items: [], rates: [], pending: [], valuesByKey: new Map() };
    for (const value of values) walk(value, undefined, collector);
    collector.items.push(...proseItems(prose));
    collector.occupation ??= proseOccupation(prose);
    return { collector, prose };
  };

  const focused = fromText(focusText);
  const { prose } = focused;
  let { collector } = focused;
  if (collector.items.length === 0 && wholeText !== focusText) {
    const wider = fromText(wholeText);
    if (wider.collector.items.length > 0) collector = wider.collector;
  }

  const rateFromProse = /(?:달성률|완료율|completion rate)\s*[:：은는이가]?\s*(\d+(?:\.\d+)?)\s*%/i.exec(prose);
  const streakFromProse = /(\d+)\s*일\s*(?:째|연속)|연속\s*(\d+)\s*일|streak\D{0,12}(\d+)/i.exec(prose);
  const countsFromProse = /(\d+)\s*개\s*중\s*(\d+)\s*개/.exec(prose) ?? /(\d+)\s*\/\s*(\d+)\s*(?:개\s*)?(?:완료|달성|done)/i.exec(prose);

  const progress: Progress = { pending: [...new Set(collector.pending)] };
  const rate = [...collector.rates].sort((a, b) => a.priority - b.priority)[0];
  if (rate) {
    progress.rateFraction = rate.value > 1 ? rate.value / 100 : rate.value;
    if (rate.value > 1) progress.ratePercent = canonicalNumber(String(rate.value));
  } else if (rateFromProse?.[1]) {
    progress.ratePercent = canonicalNumber(rateFromProse[1]);
    progress.rateFraction = Number(rateFromProse[1]) / 100;
  }
  const streak = collector.streak ?? streakFromProse?.[1] ?? streakFromProse?.[2] ?? streakFromProse?.[3];
  if (streak !== undefined) progress.streakDays = streak;
  if (collector.completed !== undefined) progress.completed = collector.completed;
  if (collector.total !== undefined) progress.total = collector.total;
  if (countsFromProse && progress.completed === undefined && progress.total === undefined) {
    // "5개 중 3개" is total first; "3/5 완료" is completed first.
    const [first, second] = [countsFromProse[1] ?? '', countsFromProse[2] ?? ''];
    const totalFirst = countsFromProse[0].includes('중');
    progress.total = totalFirst ? first : second;
    progress.completed = totalFirst ? second : first;
  }
  if (progress.rateFraction === undefined && progress.completed !== undefined && progress.total !== undefined && Number(progress.total) > 0) {
    progress.rateFraction = Number(progress.completed) / Number(progress.total);
  }

  const motivation = /\b(ACHIEVEMENT|HABIT_FORMATION|SOCIAL|HEALTH_BENEFIT)\b/.exec(focusText)?.[1];
  const occupation = collector.occupation;
  return {
    items: dedupe(collector.items),
    progress,
    allowedNumbers: numberSet(wholeText),
    valuesByKey: collector.valuesByKey,
    ...(occupation !== undefined ? { occupation } : {}),
    ...(motivation !== undefined ? { motivationType: motivation } : {}),
  };
}

/** Items needing attention, most serious first: 질환의심, then 정상B, in request order. */
export function flaggedItems(facts: Facts): CheckupItem[] {
  return [...facts.items.filter((i) => i.grade === 'D'), ...facts.items.filter((i) => i.grade === 'B')];
}

/**
 * Health score 0–100 from the share of normal items: 정상A counts fully, 정상B (borderline) half,
 * 질환의심 not at all. Undefined when the request holds no judged items.
 */
export function healthScore(facts: Facts): number | undefined {
  if (facts.items.length === 0) return undefined;
  const points = facts.items.reduce((sum, item) => sum + (item.grade === 'A' ? 1 : item.grade === 'B' ? 0.5 : 0), 0);
  return Math.round((100 * points) / facts.items.length);
}
