import { z } from 'zod';
import { categoryOf, isSedentary, type ItemCategory } from './advice.js';
import { flaggedItems, type HealthRecord } from './health-record.js';
import { josa } from './korean.js';
import { describeIssues, type Parsed } from './outcome.js';

/**
 * Five daily missions, each doable in 15–30 minutes, tied to the flagged items they target and
 * saying why they suit the user's occupation. The model fills them through a tool; the rules
 * pick from a small catalogue when it cannot.
 */
export const MISSION_CATEGORIES = ['exercise', 'diet', 'sleep', 'stress', 'lifestyle'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type MissionCategory = (typeof MISSION_CATEGORIES)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

export const MISSION_COUNT = 5;
export const MIN_MINUTES = 15;
export const MAX_MINUTES = 30;

export interface MissionDraft {
  title: string;
  description: string;
  category: MissionCategory;
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
  occupationFit: string;
  /** Codes of the user's flagged items this mission works on (may be empty when none is flagged). */
  targetItems: string[];
}

export interface RecommendationDraft {
  reason: string;
  missions: MissionDraft[];
}

export const MISSIONS_TOOL = 'recommend_missions';

const missionSchema = z
  .object({
    title: z.string().trim().min(2).max(40).describe('미션 이름 (짧게)'),
    description: z.string().trim().min(5).max(200).describe('무엇을 어떻게 하는지 한두 문장'),
    category: z.enum(MISSION_CATEGORIES).describe('분류: exercise, diet, sleep, stress, lifestyle 중 하나'),
    difficulty: z.enum(DIFFICULTIES).describe('난이도'),
    minutes: z.number().int().min(MIN_MINUTES).max(MAX_MINUTES).describe('하루에 드는 시간(분), 15~30'),
    benefit: z.string().trim().min(5).max(200).describe('기대되는 건강 효과'),
    occupationFit: z.string().trim().min(5).max(200).describe('사용자의 직군에 이 미션이 잘 맞는 이유'),
    targetItemCodes: z.array(z.string().min(1).max(40)).max(10).describe('이 미션이 겨냥하는 관리 필요 항목의 code'),
  })
  .strict();

export const recommendationInputSchema = z
  .object({
    reason: z.string().trim().min(5).max(300).describe('이 미션들을 고른 이유 한두 문장'),
    missions: z.array(missionSchema).min(MISSION_COUNT).max(MISSION_COUNT).describe('추천 미션 다섯 개'),
  })
  .strict();

/**
 * Validates the model's missions. Targets are kept only where they name a flagged item of the
 * record: a mission is tied to what the user should work on, and a code the record does not
 * have is never passed on.
 */
export function parseRecommendation(input: unknown, record: HealthRecord): Parsed<RecommendationDraft> {
  const parsed = recommendationInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'INVALID_OUTPUT', detail: describeIssues(parsed.error.issues) };
  const flagged = new Set(flaggedItems(record).map((i) => i.code));
  const titles = parsed.data.missions.map((m) => m.title);
  if (new Set(titles).size !== titles.length) return { ok: false, reason: 'INVALID_OUTPUT', detail: 'two missions share a title' };
  return {
    ok: true,
    value: {
      reason: parsed.data.reason,
      missions: parsed.data.missions.map(({ targetItemCodes, ...mission }) => ({
        ...mission,
        targetItems: [...new Set(targetItemCodes.filter((code) => flagged.has(code)))],
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fallback catalogue

interface CatalogueMission {
  title: string;
  description: string;
  category: MissionCategory;
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
}

const m = (title: string, description: string, category: MissionCategory, difficulty: Difficulty, minutes: number, benefit: string): CatalogueMission => ({
  title,
  description,
  category,
  difficulty,
  minutes,
  benefit,
});

/** Missions that answer one kind of flagged item; the first of each is the most direct. */
const BY_ITEM_CATEGORY: Readonly<Record<ItemCategory, CatalogueMission[]>> = {
  bloodPressure: [
    m(
      '저녁 식후 빠르게 걷기',
      '저녁 식사 뒤 숨이 조금 찰 만큼 빠르게 걸어요.',
      'exercise',
      'medium',
      30,
      '꾸준한 유산소 운동은 혈압을 낮추는 데 도움이 됩니다.',
    ),
    m('국물 남기기', '국과 찌개는 건더기 위주로 먹고 국물은 남겨요.', 'diet', 'easy', 15, '나트륨을 줄이면 혈압 관리에 도움이 됩니다.'),
  ],
  glucose: [
    m('식후 가볍게 걷기', '식사 뒤 바로 앉지 말고 가볍게 걸어요.', 'exercise', 'easy', 20, '식후 걷기는 혈당이 급하게 오르는 것을 막아 줍니다.'),
    m('잡곡밥으로 바꾸기', '흰쌀밥 대신 잡곡밥을 먹고 밥 양을 조금 줄여요.', 'diet', 'medium', 15, '정제 탄수화물을 줄이면 식후 혈당이 천천히 오릅니다.'),
  ],
  lipid: [
    m('튀김 대신 구이·찜 고르기', '튀긴 음식 대신 굽거나 찐 음식을 골라요.', 'diet', 'easy', 15, '포화지방을 줄이면 콜레스테롤 관리에 도움이 됩니다.'),
    m('계단 오르기', '엘리베이터 대신 계단을 이용해 몸을 움직여요.', 'exercise', 'medium', 20, '유산소 활동은 좋은 콜레스테롤을 높이는 데 도움이 됩니다.'),
  ],
  weight: [
    m('야식 끊기', '저녁 식사 뒤에는 물 외에 먹지 않아요.', 'diet', 'medium', 15, '야식을 줄이면 체중과 허리둘레 관리에 도움이 됩니다.'),
    m('맨몸 근력 운동', '스쿼트와 벽 짚고 팔굽혀펴기를 천천히 해요.', 'exercise', 'hard', 20, '근육량을 지켜 기초대사량을 높여 줍니다.'),
  ],
  liver: [
    m('금주하는 날 정하기', '이번 주에 술을 마시지 않는 날을 정해 지켜요.', 'lifestyle', 'medium', 15, '음주를 줄이면 간수치 회복에 도움이 됩니다.'),
    m('기름진 야식 피하기', '늦은 밤 기름진 음식 대신 가벼운 과일을 골라요.', 'diet', 'easy', 15, '간의 부담을 덜어 줍니다.'),
  ],
  kidney: [
    m('물 자주 마시기', '물병을 곁에 두고 틈틈이 물을 마셔요.', 'lifestyle', 'easy', 15, '충분한 수분은 신장 건강에 도움이 됩니다.'),
    m('짠 반찬 하나 줄이기', '젓갈·장아찌 같은 짠 반찬을 한 가지 줄여요.', 'diet', 'easy', 15, '나트륨을 줄여 신장의 부담을 덜어 줍니다.'),
  ],
  hemoglobin: [m('철분 식품 챙기기', '살코기나 달걀, 시금치를 한 끼 반찬으로 먹어요.', 'diet', 'easy', 15, '철분 섭취는 혈색소 회복에 도움이 됩니다.')],
  other: [],
};

const SEDENTARY_MISSION = m(
  '업무 중 일어나 스트레칭',
  '한 시간마다 자리에서 일어나 목과 허리를 풀어요.',
  'exercise',
  'easy',
  15,
  '오래 앉아 있는 습관이 주는 부담을 줄여 줍니다.',
);

const GENERAL: readonly CatalogueMission[] = [
  m(
    '같은 시간에 잠자리 들기',
    '잠들기 전 삼십 분은 휴대폰을 멀리하고 매일 같은 시간에 누워요.',
    'sleep',
    'medium',
    30,
    '규칙적인 수면은 혈압·혈당 조절과 회복에 도움이 됩니다.',
  ),
  m('깊은 호흡과 명상', '조용한 곳에서 천천히 숨을 들이쉬고 내쉬며 마음을 가라앉혀요.', 'stress', 'easy', 15, '스트레스를 낮추면 혈압과 수면에 도움이 됩니다.'),
  m('빠르게 걷기', '숨이 조금 찰 만큼 빠르게 걸어요.', 'exercise', 'medium', 30, '심폐 기능과 체중 관리에 도움이 됩니다.'),
  m('채소 먼저 먹기', '식사할 때 채소 반찬부터 먹어요.', 'diet', 'easy', 15, '과식을 막고 식후 혈당을 안정시켜 줍니다.'),
  m('아침 스트레칭', '일어나자마자 온몸을 천천히 늘려 줘요.', 'lifestyle', 'easy', 15, '몸을 깨우고 활동량을 늘려 줍니다.'),
];

function fitFor(title: string, occupationLabel: string | null): string {
  return occupationLabel
    ? `${occupationLabel} 일과 중에도 ${josa(title, '을/를')} 짧은 시간에 실천할 수 있어요.`
    : `일상에서 ${josa(title, '을/를')} 짧은 시간에 실천할 수 있어요.`;
}

/** Five missions from the catalogue: one per flagged kind first, then the occupation's, then general ones. */
export function fallbackRecommendation(record: HealthRecord): RecommendationDraft {
  const flagged = flaggedItems(record);
  const kinds = [...new Set(flagged.map((i) => categoryOf(i.code)))];
  const targetsOf = (kind: ItemCategory) => flagged.filter((i) => categoryOf(i.code) === kind).map((i) => i.code);
  const chosen: Array<{ mission: CatalogueMission; targets: string[] }> = [];
  const add = (mission: CatalogueMission, targets: string[]) => {
    if (chosen.length < MISSION_COUNT && !chosen.some((c) => c.mission.title === mission.title)) chosen.push({ mission, targets });
  };
  const queues = kinds.map((kind) => ({ kind, list: [...BY_ITEM_CATEGORY[kind]] }));
  for (let round = 0; queues.some((q) => q.list.length > 0); round += 1) {
    for (const queue of queues) {
      const next = queue.list.shift();
      if (next) add(next, targetsOf(queue.kind));
    }
    if (round === 0 && isSedentary(record.occupationCode)) add(SEDENTARY_MISSION, []);
  }
  if (isSedentary(record.occupationCode)) add(SEDENTARY_MISSION, []);
  const allTargets = flagged.map((i) => i.code);
  for (const general of GENERAL) add(general, general.category === 'sleep' || general.category === 'stress' ? [] : allTargets.slice(0, 3));

  const names = flagged.slice(0, 2).map((i) => i.name);
  const label = record.profile.occupation;
  const reason =
    names.length > 0
      ? `${names.join('·')} 결과${label ? `와 ${label} 생활 방식을` : '를'} 고려해 하루 짧은 시간에 실천할 수 있는 미션을 골랐어요.`
      : `${label ? `${label} 생활 방식과 ` : ''}전반적인 생활 습관을 고려해 하루 짧은 시간에 실천할 수 있는 미션을 골랐어요.`;
  return {
    reason,
    missions: chosen.map(({ mission, targets }) => ({ ...mission, occupationFit: fitFor(mission.title, label), targetItems: targets })),
  };
}
