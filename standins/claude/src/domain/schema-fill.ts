import { randomUUID } from 'node:crypto';
import { type Limits, composeText, fitSentences } from './compose.js';
import { type Facts, flaggedItems, healthScore } from './facts.js';
import { MISSION_CATEGORY_LABEL, type MissionPlan } from './korean.js';
import { sentences, withoutForeignNumbers } from './numbers.js';
import type { Story } from './story.js';
import type { JsonSchema } from './types.js';

/**
 * Builds a value that satisfies a JSON Schema (the subset tool definitions use: types, enum,
 * const, required, string lengths, formats, array item counts, number bounds, $ref/$defs,
 * anyOf/oneOf/allOf), filled from the request: composed Korean sentences for text fields, facts
 * for numbers whose field name asks for them, and values present in the request for reference
 * fields.
 */
export interface FillContext {
  story: Story;
  facts: Facts;
  limits: Limits;
  now: Date;
  /** The whole request text, to prefer enum values it mentions. */
  requestText: string;
  /** When set, the first free-text field gets a sentence with this number (invent-number mode). */
  inventedNumber?: number;
}

interface State {
  ctx: FillContext;
  root: JsonSchema;
  invented: boolean;
}

interface Slot {
  /** The property name the value is for (an array's elements share the array's name). */
  key: string;
  /** Position within the enclosing array, or of the enclosing mission plan. */
  index: number;
  plan?: MissionPlan;
  depth: number;
  /** Whether the value is an element of an array (one sentence each, rather than two). */
  inArray: boolean;
}

type Kind =
  'question' | 'occupation' | 'benefit' | 'reason' | 'level' | 'risk' | 'advice' | 'title' | 'description' | 'category' | 'keyword' | 'message' | 'summary';

const KINDS: Array<[Kind, RegExp]> = [
  ['question', /question|질문/],
  ['occupation', /occupation|job|work|직업/],
  ['benefit', /benefit|effect|효과/],
  ['reason', /reason|why|rationale|basis|근거|이유/],
  ['level', /level|severity|urgency|priority|grade|등급/],
  ['risk', /risk|concern|warning|issue|problem|caution|flag|위험/],
  ['advice', /advice|tip|recommend|action|guide|suggest|plan|todo|조언|권장/],
  ['title', /title|name|label|heading|headline|제목/],
  ['description', /description|detail|desc|설명/],
  ['category', /category|type|kind|분류/],
  ['keyword', /keyword|topic|tag/],
  ['message', /message|text|content|response|answer|reply|encourag|nudge|body|메시지|답변/],
  ['summary', /summary|overview|overall|reading|diagnos|assess|interpret|explan|comment|narrative|sentence|line|insight|요약/],
];

function words(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]/g, ' ')
    .toLowerCase();
}

function kindOf(key: string): Kind {
  const lower = words(key);
  return KINDS.find(([, pattern]) => pattern.test(lower))?.[0] ?? 'summary';
}

const REF_SUFFIX = /(Id|Ids|ID|IDs|Ref|Refs|Code|Codes|Key|Keys|_id|_ids|_ref|_refs|_code|_codes)$/;
const REF_ITEMS = /^(target|flagged|related|referenced|selected|abnormal|risk|focus)[A-Z_]?.*items?$/i;

function isRefKey(key: string): boolean {
  return key === 'id' || REF_SUFFIX.test(key) || REF_ITEMS.test(key);
}

// ---------------------------------------------------------------------------------------------
// Schema plumbing

function asSchema(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {};
}

function resolve(schema: JsonSchema, state: State, seen = 0): JsonSchema {
  if (seen > 20) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#')) {
    let target: unknown = state.root;
    for (const part of ref
      .slice(1)
      .split('/')
      .filter((p) => p !== '')) {
      target = asSchema(target)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const { $ref: _ignored, ...rest } = schema;
    return resolve({ ...asSchema(target), ...rest }, state, seen + 1);
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) {
    const { allOf: _all, ...rest } = schema;
    let merged: JsonSchema = { ...rest };
    for (const part of allOf.map((p) => resolve(asSchema(p), state, seen + 1))) {
      merged = {
        ...part,
        ...merged,
        properties: { ...asSchema(part.properties), ...asSchema(merged.properties) },
        required: [...(Array.isArray(part.required) ? part.required : []), ...(Array.isArray(merged.required) ? merged.required : [])],
      };
    }
    return merged;
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) {
      const { [keyword]: _b, ...rest } = schema;
      const resolved = branches.map((b) => resolve(asSchema(b), state, seen + 1));
      const chosen = resolved.find((b) => typeOf(b) !== 'null') ?? resolved[0] ?? {};
      return { ...rest, ...chosen };
    }
  }
  return schema;
}

type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

function typeOf(schema: JsonSchema): SchemaType {
  const declared = schema.type;
  if (typeof declared === 'string') return declared as SchemaType;
  if (Array.isArray(declared)) {
    const nonNull = declared.find((t) => t !== 'null');
    return (nonNull ?? 'null') as SchemaType;
  }
  if ('properties' in schema) return 'object';
  if ('items' in schema) return 'array';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const first = schema.enum[0];
    return typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string';
  }
  return 'string';
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

// ---------------------------------------------------------------------------------------------
// Values

function severityWord(story: Story): string {
  return story.severity === 'high' ? '높음' : story.severity === 'medium' ? '보통' : '낮음';
}

const SEVERITY_VOCAB: Record<Story['severity'], RegExp> = {
  low: /^(low|낮음|낮다|하|양호|good|normal|safe|green|minor|정상)$/i,
  medium: /^(medium|moderate|보통|중|주의|caution|yellow|mid|middle|borderline|경계)$/i,
  high: /^(high|높음|높다|상|위험|danger|red|severe|critical|질환의심)$/i,
};

const DIFFICULTY_VOCAB: Record<MissionPlan['difficulty'], RegExp> = {
  easy: /^(easy|쉬움|쉬운|하|초급|low|beginner)$/i,
  medium: /^(medium|normal|보통|중|중급|moderate|intermediate)$/i,
  hard: /^(hard|어려움|어려운|상|고급|high|advanced)$/i,
};

function pickEnum(values: unknown[], slot: Slot, state: State): unknown {
  const { story, requestText } = state.ctx;
  const strings = values.filter((v): v is string => typeof v === 'string');
  const lower = words(slot.key);
  if (/difficulty|난이도/.test(lower) && slot.plan) {
    const match = strings.find((v) => DIFFICULTY_VOCAB[(slot.plan as MissionPlan).difficulty].test(v));
    if (match !== undefined) return match;
  }
  if (/level|severity|urgency|priority|risk|grade|등급|위험/.test(lower)) {
    const match = strings.find((v) => SEVERITY_VOCAB[story.severity].test(v.replace(/[\s_]/g, '')));
    if (match !== undefined) return match;
    const rank = { low: 0, medium: 0.5, high: 1 }[story.severity];
    return values[Math.round(rank * (values.length - 1))];
  }
  if (/category|type|kind|분류/.test(lower) && slot.plan) {
    const plan = slot.plan;
    const label = MISSION_CATEGORY_LABEL[plan.category];
    const match = strings.find(
      (v) => v.toLowerCase() === plan.category || v.includes(label) || (plan.category === 'diet' && /식단|식사|diet|nutrition/i.test(v)),
    );
    if (match !== undefined) return match;
  }
  const mentioned = values.filter((v) => typeof v === 'string' && v.length > 1 && requestText.includes(v));
  if (mentioned.length > 0) return mentioned[slot.index % mentioned.length];
  return values[slot.index % values.length];
}

/** Values the request holds for a reference field: same key, its singular, or item ids. */
function refValues(key: string, state: State): string[] {
  const { facts, story } = state.ctx;
  const lower = key.toLowerCase();
  const singular = lower.replace(/ies$/, 'y').replace(/s$/, '');
  const bare = singular.replace(/^(selected|target|related|recommended|flagged|referenced|focus)_?/, '');
  const candidates = [lower, singular, bare, bare.replace(/ref$/, 'id'), bare.replace(/(ref|code|key)$/, ''), `${bare.replace(/id$/, '')}_id`];
  for (const candidate of candidates) {
    const values = facts.valuesByKey.get(candidate)?.filter((v): v is string => typeof v === 'string');
    if (values && values.length > 0) return values;
  }
  if (/mission/.test(lower)) return story.plans.map((p) => p.slug);
  // Item references (itemRefs, targetItems, flaggedItemCodes …): the items needing attention, or
  // every item when none does; also the fallback for other id-like fields without values.
  const flagged = [...new Set(flaggedItems(facts).map((i) => i.ref))];
  return flagged.length > 0 ? flagged : [...new Set(facts.items.map((i) => i.ref))];
}

function pool(kind: Kind, slot: Slot, state: State): string[] {
  const { story, limits } = state.ctx;
  const plan = slot.plan;
  switch (kind) {
    case 'question':
      return story.suggestedQuestions;
    case 'occupation':
      return plan ? [story.occupationFit(plan)] : [story.occupationLine];
    case 'benefit':
      return plan ? [plan.benefit] : [story.reason];
    case 'reason':
      return [plan ? plan.benefit : story.reason];
    case 'level':
      return [severityWord(story)];
    case 'risk':
      return [story.riskDetail, ...story.adviceLines];
    case 'advice':
      return plan ? [plan.description] : [...story.adviceLines, story.occupationLine, story.followUp];
    case 'title':
      return plan ? [plan.title] : [story.headline, ...story.plans.map((p) => p.title)];
    case 'description':
      return plan ? [plan.description] : [story.overall, story.riskDetail];
    case 'category':
      return [plan ? MISSION_CATEGORY_LABEL[plan.category] : '생활습관'];
    case 'keyword':
      return story.keywords.length > 0 ? story.keywords : [story.headline];
    case 'message':
      return [composeText(story, { ...limits, lines: undefined })];
    default:
      return [story.overall, story.riskDetail, story.occupationLine, story.followUp, ...story.adviceLines];
  }
}

function lengthOf(text: string): number {
  return Array.from(text).length;
}

function fitLength(text: string, schema: JsonSchema, extra: string[]): string {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength);
  let out =
    max === undefined
      ? text
      : fitSentences(
          sentences(text).map((s) => s.trim()),
          max,
        );
  for (const more of extra) {
    if (lengthOf(out) >= min) break;
    const candidate = `${out} ${more}`.trim();
    out = max === undefined ? candidate : Array.from(candidate).slice(0, max).join('');
  }
  while (lengthOf(out) < min) out += ' 꾸준한 관리가 건강을 지킵니다.';
  if (max !== undefined && lengthOf(out) > max) out = Array.from(out).slice(0, max).join('');
  return out;
}

function fillString(schema: JsonSchema, slot: Slot, state: State): string {
  if (typeof schema.const === 'string') return schema.const;
  const format = schema.format;
  if (format === 'date-time') return state.ctx.now.toISOString();
  if (format === 'date') return state.ctx.now.toISOString().slice(0, 10);
  if (format === 'time') return state.ctx.now.toISOString().slice(11, 19);
  if (format === 'email') return 'user@example.com';
  if (format === 'uri' || format === 'url') return 'https://example.com/';
  if (format === 'uuid') return randomUUID();

  if (isRefKey(slot.key)) {
    const refs = refValues(slot.key, state);
    const chosen = refs[slot.index % Math.max(refs.length, 1)] ?? slot.plan?.slug;
    if (chosen !== undefined) return fitLength(chosen, schema, []);
  }

  const kind = kindOf(slot.key);
  const options = pool(kind, slot, state);
  let text = options[slot.index % options.length] ?? state.ctx.story.overall;
  if (!slot.plan && (kind === 'summary' || kind === 'risk') && slot.depth <= 1 && !slot.inArray) {
    // A single summary field reads better as two sentences than one.
    text = `${text} ${options[1] ?? ''}`.trim();
  }
  text = withoutForeignNumbers(text, state.ctx.facts.allowedNumbers);
  if (state.ctx.inventedNumber !== undefined && !state.invented && lengthOf(text) > 10) {
    state.invented = true;
    text = `${inventedSentence(state.ctx.inventedNumber)} ${text}`;
  }
  const rotated = [...options.slice(slot.index + 1), ...options.slice(0, slot.index)];
  return fitLength(text, schema, rotated);
}

export function inventedSentence(n: number): string {
  return `최근 수치가 ${n}% 좋아졌어요.`;
}

function fillNumber(schema: JsonSchema, slot: Slot, integer: boolean, state: State): number {
  const { facts } = state.ctx;
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const step = integer ? 1 : 0.01;
  const min = num(schema.minimum) ?? (exclusiveMin !== undefined ? exclusiveMin + step : undefined);
  const max = num(schema.maximum) ?? (exclusiveMax !== undefined ? exclusiveMax - step : undefined);
  const key = words(slot.key);
  const fractionScale = max !== undefined && max <= 1;
  let value: number | undefined;

  if (/confidence|probability|certainty/.test(key)) value = fractionScale ? 0.85 : 85;
  else if (/score|점수/.test(key)) {
    const score = healthScore(facts);
    if (score !== undefined) value = fractionScale ? score / 100 : score;
  } else if (/rate|percent|ratio|achievement|달성/.test(key)) {
    const fraction = facts.progress.rateFraction;
    if (fraction !== undefined) value = fractionScale ? fraction : Math.round(fraction * 1000) / 10;
  } else if (/streak|연속/.test(key)) value = Number(facts.progress.streakDays);
  else if (/completed|done/.test(key)) value = Number(facts.progress.completed);
  else if (/^total|total$|count$/.test(key) && facts.progress.total !== undefined) value = Number(facts.progress.total);

  if (value === undefined || Number.isNaN(value)) {
    const same = facts.valuesByKey.get(slot.key.toLowerCase())?.find((v): v is number => typeof v === 'number');
    value = same;
  }
  if (value === undefined) {
    if (min !== undefined && max !== undefined) {
      value = (min + max) / 2;
      // A round middle reads more naturally (15–30 minutes → 25), when it stays in range.
      if (integer && max - min >= 10 && Math.round(value / 5) * 5 <= max) value = Math.round(value / 5) * 5;
    } else value = min ?? (max !== undefined ? Math.min(max, 0) : 0);
  }
  const multipleOf = num(schema.multipleOf);
  if (multipleOf !== undefined && multipleOf > 0) value = Math.round(value / multipleOf) * multipleOf;
  if (integer) value = Math.round(value);
  if (min !== undefined && value < min) value = integer ? Math.ceil(min) : min;
  if (max !== undefined && value > max) value = integer ? Math.floor(max) : max;
  return value;
}

function fillBoolean(slot: Slot, state: State): boolean {
  return /urgent|needs|consult|doctor|referral|recheck|attention|flag|abnormal|risk|병원|재검/.test(words(slot.key)) && state.ctx.story.severity === 'high';
}

function desiredCount(itemSchema: JsonSchema, slot: Slot, state: State): number {
  const itemType = typeOf(itemSchema);
  if (itemType === 'object') return state.ctx.limits.count ?? 3;
  if (itemType === 'string' && !Array.isArray(itemSchema.enum) && isRefKey(slot.key)) return Math.max(1, refValues(slot.key, state).length);
  if (itemType === 'string' && /summary|sentence|line|요약/.test(words(slot.key))) return state.ctx.limits.lines ?? 3;
  if (Array.isArray(itemSchema.enum)) return Math.min(itemSchema.enum.length, 2);
  return 3;
}

function fillArray(schema: JsonSchema, slot: Slot, state: State): unknown[] {
  const itemSchema = resolve(asSchema(schema.items), state);
  const minItems = num(schema.minItems) ?? 0;
  const maxItems = num(schema.maxItems);
  let count = Math.max(desiredCount(itemSchema, slot, state), minItems, minItems === 0 && maxItems === 0 ? 0 : 1);
  if (maxItems !== undefined) count = Math.min(count, maxItems);
  const objects = typeOf(itemSchema) === 'object';
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count && i < count * 4; i++) {
    const plan = objects ? state.ctx.story.plans[i % state.ctx.story.plans.length] : slot.plan;
    const value = fill(itemSchema, { key: slot.key, index: i, depth: slot.depth + 1, inArray: true, ...(plan ? { plan } : {}) }, state);
    const signature = JSON.stringify(value);
    if (schema.uniqueItems === true && seen.has(signature)) continue;
    seen.add(signature);
    out.push(value);
  }
  // uniqueItems with a short pool: pad with distinct variants rather than fail minItems.
  for (let i = 0; out.length < minItems; i++) out.push(typeof out[0] === 'string' ? `${String(out[0])} (${'+'.repeat(i + 1)})` : out[0]);
  return out;
}

function fillObject(schema: JsonSchema, slot: Slot, state: State): Record<string, unknown> {
  const properties = asSchema(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const out: Record<string, unknown> = {};
  const childIndex = slot.plan ? slot.index : 0;
  for (const [key, child] of Object.entries(properties)) {
    out[key] = fill(asSchema(child), { key, index: childIndex, depth: slot.depth + 1, inArray: false, ...(slot.plan ? { plan: slot.plan } : {}) }, state);
  }
  for (const key of required) {
    if (!(key in out)) out[key] = fill({ type: 'string' }, { key, index: childIndex, depth: slot.depth + 1, inArray: false }, state);
  }
  // "totalRecommended" next to "missions": the count of what was actually produced. Arrays of
  // objects are the likelier subject, then arrays whose name shares a word with the count's.
  const arrays = Object.entries(out).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
  for (const [key, child] of Object.entries(properties)) {
    const childSchema = resolve(asSchema(child), state);
    if (!['integer', 'number'].includes(typeOf(childSchema)) || !/total|count|number/.test(words(key))) continue;
    const keyWords = words(key)
      .split(' ')
      .filter((w) => !['total', 'count', 'number', 'of'].includes(w));
    const named = arrays.find(([name]) => keyWords.some((w) => words(name).includes(w.replace(/ed$|s$/, ''))));
    const ofObjects = arrays.find(([, list]) => typeof list[0] === 'object' && list[0] !== null);
    const sibling = (named ?? ofObjects ?? arrays[0])?.[1];
    if (sibling === undefined) continue;
    const min = num(childSchema.minimum) ?? -Infinity;
    const max = num(childSchema.maximum) ?? Infinity;
    if (sibling.length >= min && sibling.length <= max) out[key] = sibling.length;
  }
  return out;
}

function fill(raw: JsonSchema, slot: Slot, state: State): unknown {
  const schema = resolve(raw, state);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pickEnum(schema.enum, slot, state);
  switch (typeOf(schema)) {
    case 'object':
      return fillObject(schema, slot, state);
    case 'array':
      return fillArray(schema, slot, state);
    case 'integer':
      return fillNumber(schema, slot, true, state);
    case 'number':
      return fillNumber(schema, slot, false, state);
    case 'boolean':
      return fillBoolean(slot, state);
    case 'null':
      return null;
    default:
      return fillString(schema, slot, state);
  }
}

export function fillSchema(schema: JsonSchema, ctx: FillContext): unknown {
  const state: State = { ctx, root: schema, invented: false };
  return fill(schema, { key: '', index: 0, depth: 0, inArray: false }, state);
}
