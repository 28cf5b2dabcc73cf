/**
 * Korean wording: particles that agree with the preceding word, display names of checkup items,
 * and advice keyed on item type, topic and occupation. No sentence here contains a digit: the app
 * rejects readings that mention numbers absent from the record, so every number in an answer
 * must come from the request itself.
 */

export type Grade = 'A' | 'B' | 'D';
export type Category = 'bloodPressure' | 'glucose' | 'lipid' | 'weight' | 'liver' | 'kidney' | 'hemoglobin' | 'other';
export type Topic = Category | 'exercise' | 'diet' | 'sleep' | 'stress' | 'smoking';

// Latin letters whose Korean reading ends in a final consonant (엘, 엠, 엔, 알).
const LATIN_WITH_BATCHIM = new Set(['l', 'm', 'n', 'r']);
// 영 일 이 삼 사 오 육 칠 팔 구
const DIGIT_WITH_BATCHIM = [true, true, false, true, false, false, true, true, true, false];

/** Whether the word's last pronounced syllable ends in a consonant, and whether that is ㄹ. */
function finalSound(word: string): { batchim: boolean; rieul: boolean } {
  const trimmed = word.replace(/[\s)\]}"'”’.,·]+$/u, '');
  const last = trimmed.at(-1) ?? '';
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return { batchim: jong !== 0, rieul: jong === 8 };
  }
  if (/[0-9]/.test(last)) {
    const digit = Number(last);
    return { batchim: DIGIT_WITH_BATCHIM[digit] ?? false, rieul: digit === 1 || digit === 7 || digit === 8 };
  }
  const lower = last.toLowerCase();
  return { batchim: LATIN_WITH_BATCHIM.has(lower), rieul: lower === 'l' };
}

export type Particle = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로';

/** Appends the particle form that agrees with the word: josa('혈압', '은/는') → '혈압은'. */
export function josa(word: string, particle: Particle): string {
  const { batchim, rieul } = finalSound(word);
  const [withBatchim, withoutBatchim] = particle.split('/') as [string, string];
  if (particle === '으로/로') return word + (batchim && !rieul ? withBatchim : withoutBatchim);
  return word + (batchim ? withBatchim : withoutBatchim);
}

export function gradeLabel(grade: Grade): string {
  return grade === 'A' ? '정상A' : grade === 'B' ? '정상B' : '질환의심';
}

/** OUTSIDE_CRITERIA / 판정 기준 외: a value the notice gives no grade; it is described as such, not as 정상B. */
export function isOutsideCriteria(value: unknown): boolean {
  return typeof value === 'string' && ['OUTSIDECRITERIA', '판정기준외'].includes(value.toUpperCase().replace(/[\s_\-()[\]]/g, ''));
}

/** NORMAL_A / 정상A / SUSPECTED_DISEASE / 질환의심 … → A, B or D; `loose` also reads plain words. */
export function normalizeGrade(value: unknown, loose = false): Grade | undefined {
  if (typeof value !== 'string') return undefined;
  const token = value.toUpperCase().replace(/[\s_\-()[\]]/g, '');
  if (['NORMALA', '정상A'].includes(token)) return 'A';
  // A value the criteria do not grade (판정 기준 외) needs attention the way a borderline one does.
  if (['NORMALB', '정상B', '정상B경계', '경계'].includes(token) || isOutsideCriteria(value)) return 'B';
  if (['SUSPECTEDDISEASE', 'DISEASESUSPECTED', '질환의심', '유질환'].includes(token)) return 'D';
  if (!loose) return undefined;
  if (['NORMAL', '정상', 'A', 'GOOD', 'OK'].includes(token)) return 'A';
  if (['B', 'BORDERLINE', 'CAUTION', 'WARNING', '주의'].includes(token)) return 'B';
  if (['D', 'C', 'SUSPECTED', 'DANGER', 'ABNORMAL', '위험', '이상', 'DISEASE'].includes(token)) return 'D';
  return undefined;
}

interface NameRule {
  match: (code: string) => boolean;
  name: string;
  category: Category;
}

const exact =
  (...codes: string[]) =>
  (code: string) =>
    codes.includes(code);
const contains =
  (...parts: string[]) =>
  (code: string) =>
    parts.some((part) => code.includes(part));

// Order matters: the more specific names first ("waist" before the short code "ast").
const NAME_RULES: NameRule[] = [
  { match: contains('systolic', '수축기'), name: '수축기 혈압', category: 'bloodPressure' },
  { match: contains('diastolic', '이완기'), name: '이완기 혈압', category: 'bloodPressure' },
  { match: (c) => contains('bloodpressure', '혈압')(c) || exact('bp', 'sbp', 'dbp')(c), name: '혈압', category: 'bloodPressure' },
  { match: (c) => contains('glucose', '혈당', 'sugar')(c) || exact('fbs', 'fpg', 'glu')(c), name: '공복혈당', category: 'glucose' },
  { match: (c) => contains('hba1c', '당화')(c), name: '당화혈색소', category: 'glucose' },
  { match: (c) => contains('ldl')(c), name: 'LDL 콜레스테롤', category: 'lipid' },
  { match: (c) => contains('hdl')(c), name: 'HDL 콜레스테롤', category: 'lipid' },
  { match: (c) => contains('triglycer', '중성지방')(c) || exact('tg')(c), name: '중성지방', category: 'lipid' },
  { match: (c) => contains('cholesterol', '콜레스테롤')(c) || exact('tc', 'tchol')(c), name: '총콜레스테롤', category: 'lipid' },
  { match: contains('waist', '허리'), name: '허리둘레', category: 'weight' },
  { match: (c) => contains('bmi', '체질량')(c), name: '체질량지수(BMI)', category: 'weight' },
  { match: contains('weight', '체중'), name: '체중', category: 'weight' },
  { match: (c) => contains('hemoglobin', 'haemoglobin', '혈색소')(c) || exact('hb', 'hgb')(c), name: '혈색소', category: 'hemoglobin' },
  { match: (c) => contains('gammagtp', 'ggt', 'gtp', '감마')(c), name: '감마지티피', category: 'liver' },
  { match: (c) => exact('ast', 'sgot')(c) || c.startsWith('ast'), name: 'AST(간수치)', category: 'liver' },
  { match: (c) => exact('alt', 'sgpt')(c) || c.startsWith('alt'), name: 'ALT(간수치)', category: 'liver' },
  { match: (c) => contains('liver', '간기능', '간수치')(c), name: '간기능', category: 'liver' },
  { match: contains('creatinine', '크레아티닌'), name: '혈청 크레아티닌', category: 'kidney' },
  { match: (c) => contains('egfr', 'gfr', '사구체')(c), name: '신사구체여과율(eGFR)', category: 'kidney' },
  { match: contains('protein', '요단백'), name: '요단백', category: 'kidney' },
  { match: contains('kidney', 'renal', '신장'), name: '신장기능', category: 'kidney' },
];

function codeKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9가-힣]/g, '');
}

/** Display name and category of a checkup item from its own name or code. */
export function describeItem(...labels: Array<string | undefined>): { name?: string; category: Category } {
  for (const label of labels) {
    if (!label) continue;
    const code = codeKey(label);
    const rule = NAME_RULES.find((r) => r.match(code));
    if (rule) return { name: rule.name, category: rule.category };
  }
  return { category: 'other' };
}

export function hasHangul(text: string): boolean {
  return /[가-힣]/.test(text);
}

/** The one-line lifestyle advice for an item category; ends without a full stop. */
export const ADVICE: Record<Category, string> = {
  bloodPressure: '국과 찌개를 싱겁게 먹고 빠르게 걷기 같은 유산소 운동을 꾸준히 해 보세요',
  glucose: '흰쌀밥·빵·단 음료 같은 정제 탄수화물을 줄이고 식후에 가볍게 걸어 보세요',
  lipid: '튀김과 가공육 같은 포화지방을 줄이고 채소와 등푸른 생선을 자주 드세요',
  weight: '야식과 과식을 줄이고 유산소 운동과 근력 운동을 함께 해 보세요',
  liver: '음주를 줄이고 기름진 야식을 피하며 충분히 쉬어 주세요',
  kidney: '짜게 먹지 말고 물을 충분히 마시며 진통제를 함부로 먹지 마세요',
  hemoglobin: '살코기·달걀·시금치처럼 철분이 많은 음식을 챙겨 드세요',
  other: '규칙적인 식사와 운동, 충분한 수면으로 생활 습관을 점검해 보세요',
};

export const TOPIC_ADVICE: Record<Topic, string> = {
  ...ADVICE,
  exercise: '빠르게 걷기 같은 유산소 운동과 가벼운 근력 운동을 번갈아 꾸준히 해 보세요',
  diet: '채소와 단백질을 먼저 먹고 짜고 단 음식은 줄여 보세요',
  sleep: '잠들기 전 휴대폰을 멀리하고 매일 같은 시간에 잠자리에 들어 보세요',
  stress: '짧은 산책이나 깊은 호흡으로 긴장을 풀고 충분히 쉬어 주세요',
  smoking: '금연은 빨리 시작할수록 좋으니 보건소 금연클리닉의 도움을 받아 보세요',
};

/** Words a chat question may be about, with the topic they belong to. */
export const TOPIC_WORDS: Array<[string, Topic]> = [
  ['운동', 'exercise'],
  ['헬스', 'exercise'],
  ['걷기', 'exercise'],
  ['근력', 'exercise'],
  ['달리기', 'exercise'],
  ['식단', 'diet'],
  ['음식', 'diet'],
  ['식사', 'diet'],
  ['간식', 'diet'],
  ['커피', 'diet'],
  ['다이어트', 'weight'],
  ['체중', 'weight'],
  ['비만', 'weight'],
  ['뱃살', 'weight'],
  ['허리둘레', 'weight'],
  ['수면', 'sleep'],
  ['불면', 'sleep'],
  ['스트레스', 'stress'],
  ['혈압', 'bloodPressure'],
  ['고혈압', 'bloodPressure'],
  ['혈당', 'glucose'],
  ['당뇨', 'glucose'],
  ['콜레스테롤', 'lipid'],
  ['중성지방', 'lipid'],
  ['간수치', 'liver'],
  ['음주', 'liver'],
  ['술', 'liver'],
  ['신장', 'kidney'],
  ['빈혈', 'hemoglobin'],
  ['흡연', 'smoking'],
  ['담배', 'smoking'],
  ['금연', 'smoking'],
];

const SEDENTARY = /\bit\b|개발|프로그래|사무|회사원|직장|office|developer|engineer|디자이너|연구|공무원|회계|상담원|학생|운전|기사/i;

const OCCUPATION_ADVICE: Array<[RegExp, string]> = [
  [
    /\bit\b|개발|프로그래|사무|회사원|직장|office|developer|engineer|디자이너|연구|공무원|회계|상담원/i,
    '오래 앉아 있는 시간이 길어 한 시간마다 일어나 스트레칭하고 점심 뒤 가볍게 걸어 보세요',
  ],
  [/운전|기사|driver|택시|버스|배송|택배/i, '운전 중 휴게 시간마다 차에서 내려 몸을 풀고 간식은 견과류로 바꿔 보세요'],
  [/간호|의사|교대|야간|nurse|shift|경비|생산직/i, '교대·야간 근무로 생활 리듬이 깨지기 쉬우니 잠자는 시간을 일정하게 지키고 야식을 줄여 보세요'],
  [/학생|student|수험/i, '공부하느라 앉아 있는 시간이 길어 쉬는 시간마다 일어나 걷고 단 간식을 줄여 보세요'],
  [/건설|현장|농업|어업|노동|배달|물류|제조/i, '몸을 많이 쓰는 일이라 작업 전후 스트레칭과 충분한 수분 섭취를 챙기세요'],
  [/영업|서비스|판매|요리|조리|자영업|sales/i, '식사가 불규칙하고 회식이 잦기 쉬우니 끼니를 거르지 말고 음주를 줄여 보세요'],
  [/교사|강사|teacher/i, '서서 말하는 시간이 길어 물을 자주 마시고 틈틈이 종아리 스트레칭을 하세요'],
  [/주부|가사|homemaker/i, '집안일 틈틈이 가벼운 근력 운동을 더하고 식사를 규칙적으로 하세요'],
];

export function occupationAdvice(occupation: string): string {
  const found = OCCUPATION_ADVICE.find(([pattern]) => pattern.test(occupation));
  return found ? found[1] : '업무 중 틈틈이 몸을 움직이고 규칙적인 식사와 수면을 지켜 보세요';
}

export function isSedentary(occupation: string): boolean {
  return SEDENTARY.test(occupation);
}

export type MissionCategory = 'exercise' | 'diet' | 'lifestyle';

export interface MissionPlan {
  slug: string;
  title: string;
  description: string;
  category: MissionCategory;
  benefit: string;
  difficulty: 'easy' | 'medium' | 'hard';
}

export const MISSION_CATEGORY_LABEL: Record<MissionCategory, string> = {
  exercise: '운동',
  diet: '식습관',
  lifestyle: '생활습관',
};

const plan = (
  slug: string,
  title: string,
  description: string,
  category: MissionCategory,
  benefit: string,
  difficulty: MissionPlan['difficulty'] = 'easy',
): MissionPlan => ({ slug, title, description, category, benefit, difficulty });

/** Missions that answer a flagged item type; the first of each is the most direct. */
export const MISSIONS: Record<Category | 'sedentary', MissionPlan[]> = {
  bloodPressure: [
    plan(
      'low-salt-soup',
      '국물 싱겁게 먹기',
      '국과 찌개는 건더기 위주로 먹고 국물은 남겨 나트륨을 줄여요',
      'diet',
      '나트륨을 줄이면 혈압 관리에 도움이 됩니다',
    ),
    plan(
      'brisk-walk',
      '저녁 식후 빠르게 걷기',
      '저녁 식사 뒤 숨이 조금 찰 만큼 빠르게 걸어요',
      'exercise',
      '꾸준한 유산소 운동은 혈압을 낮추는 데 도움이 됩니다',
      'medium',
    ),
  ],
  glucose: [
    plan('whole-grain', '잡곡밥으로 바꾸기', '흰쌀밥 대신 잡곡밥을 먹고 밥 양을 조금 줄여요', 'diet', '정제 탄수화물을 줄이면 식후 혈당이 천천히 오릅니다'),
    plan('after-meal-walk', '식후 가볍게 걷기', '식사 뒤 바로 앉거나 눕지 말고 가볍게 걸어요', 'exercise', '식후 걷기는 혈당이 급하게 오르는 것을 막아 줍니다'),
    plan(
      'no-sugar-drink',
      '단 음료 대신 물 마시기',
      '탄산음료와 달콤한 커피 대신 물이나 보리차를 마셔요',
      'diet',
      '당류 섭취를 줄여 혈당 관리에 도움이 됩니다',
    ),
  ],
  lipid: [
    plan('grill-not-fry', '튀김 대신 구이·찜 먹기', '튀긴 음식 대신 굽거나 찐 음식을 골라요', 'diet', '포화지방을 줄이면 콜레스테롤 관리에 도움이 됩니다'),
    plan(
      'oily-fish',
      '등푸른 생선 챙기기',
      '고등어나 연어 같은 등푸른 생선을 반찬으로 먹어요',
      'diet',
      '불포화지방산은 혈중 지질 관리에 도움이 됩니다',
      'medium',
    ),
  ],
  weight: [
    plan('take-stairs', '계단 오르기', '엘리베이터 대신 계단을 이용해요', 'exercise', '일상 활동량을 늘려 체중 관리에 도움이 됩니다', 'medium'),
    plan('no-late-snack', '야식 끊기', '저녁 식사 뒤에는 물 외에 먹지 않아요', 'lifestyle', '야식을 줄이면 체중과 허리둘레 관리에 도움이 됩니다'),
  ],
  liver: [
    plan(
      'alcohol-free-day',
      '금주하는 날 정하기',
      '이번 주에 술을 마시지 않는 날을 정해 지켜요',
      'lifestyle',
      '음주를 줄이면 간수치 회복에 도움이 됩니다',
      'medium',
    ),
    plan('light-dinner', '기름진 야식 피하기', '늦은 밤 기름진 음식 대신 가벼운 과일을 골라요', 'diet', '간의 부담을 덜어 줍니다'),
  ],
  kidney: [
    plan('drink-water', '물 자주 마시기', '물병을 곁에 두고 틈틈이 물을 마셔요', 'lifestyle', '충분한 수분은 신장 건강에 도움이 됩니다'),
    plan('less-salty-side', '짠 반찬 줄이기', '젓갈·장아찌 같은 짠 반찬을 한 가지 줄여요', 'diet', '나트륨을 줄여 신장의 부담을 덜어 줍니다'),
  ],
  hemoglobin: [plan('iron-food', '철분 식품 챙기기', '살코기나 달걀, 시금치를 한 끼 반찬으로 먹어요', 'diet', '철분 섭취는 혈색소 수치 회복에 도움이 됩니다')],
  sedentary: [
    plan(
      'desk-stretch',
      '업무 중 일어나 스트레칭',
      '한 시간마다 자리에서 일어나 목과 허리를 풀어요',
      'exercise',
      '오래 앉아 있는 습관이 주는 부담을 줄여 줍니다',
    ),
  ],
  other: [
    plan('morning-stretch', '아침 스트레칭', '일어나자마자 가볍게 온몸을 늘려 줘요', 'exercise', '몸을 깨우고 활동량을 늘려 줍니다'),
    plan('veggie-first', '채소 먼저 먹기', '식사할 때 채소 반찬부터 먹어요', 'diet', '과식을 막고 식후 혈당을 안정시켜 줍니다'),
    plan('regular-sleep', '같은 시간에 잠자리 들기', '매일 같은 시간에 잠자리에 들고 일어나요', 'lifestyle', '규칙적인 수면은 회복과 면역에 도움이 됩니다'),
    plan('strength-basic', '가벼운 근력 운동', '맨몸 스쿼트와 팔굽혀펴기를 천천히 해요', 'exercise', '근육량을 지켜 기초대사량을 높여 줍니다', 'hard'),
    plan('water-habit', '물 충분히 마시기', '식사 사이에 물을 한 잔씩 마셔요', 'lifestyle', '수분 섭취는 피로 회복에 도움이 됩니다'),
  ],
};

export const MOTIVATION_LINES: Record<string, string> = {
  ACHIEVEMENT: '목표 달성이 눈앞이에요 🎉',
  HABIT_FORMATION: '작은 습관이 쌓여 큰 변화가 됩니다 🌱',
  SOCIAL: '가족이나 친구와 함께하면 더 즐거워요 🤝',
  HEALTH_BENEFIT: '오늘의 작은 실천이 건강한 내일을 만들어요 💪',
};

/** Particles and endings stripped from a word to echo it as a topic keyword. */
export function stripParticle(word: string): string {
  return word.replace(/(에서는|에서|으로는|으로|에는|에게|한테|이랑|랑|하고|까지|부터|처럼|보다|은|는|이|가|을|를|에|도|만|와|과|의|로)$/u, '');
}
