/**
 * Rule-based wording for the fallbacks: what each kind of flagged item calls for, and what each
 * occupation calls for. No sentence here contains a digit, so a fallback never states a number
 * that is not in the user's record.
 */
export type ItemCategory = 'bloodPressure' | 'glucose' | 'lipid' | 'weight' | 'liver' | 'kidney' | 'hemoglobin' | 'other';

const CATEGORY_OF_ITEM: Readonly<Record<string, ItemCategory>> = {
  BLOOD_PRESSURE: 'bloodPressure',
  FASTING_GLUCOSE: 'glucose',
  TOTAL_CHOLESTEROL: 'lipid',
  HDL_CHOLESTEROL: 'lipid',
  LDL_CHOLESTEROL: 'lipid',
  TRIGLYCERIDES: 'lipid',
  BMI: 'weight',
  WAIST: 'weight',
  AST: 'liver',
  ALT: 'liver',
  GAMMA_GTP: 'liver',
  URINE_PROTEIN: 'kidney',
  SERUM_CREATININE: 'kidney',
  EGFR: 'kidney',
  HEMOGLOBIN: 'hemoglobin',
};

export function categoryOf(itemCode: string): ItemCategory {
  return CATEGORY_OF_ITEM[itemCode] ?? 'other';
}

/** One lifestyle step per item category; no full stop at the end. */
export const CATEGORY_ADVICE: Readonly<Record<ItemCategory, string>> = {
  bloodPressure: '국과 찌개를 싱겁게 먹고 빠르게 걷기 같은 유산소 운동을 꾸준히 해 보세요',
  glucose: '흰쌀밥·빵·단 음료 같은 정제 탄수화물을 줄이고 식후에 가볍게 걸어 보세요',
  lipid: '튀김과 가공육을 줄이고 채소와 등푸른 생선을 자주 드세요',
  weight: '야식과 과식을 줄이고 유산소 운동과 근력 운동을 함께 해 보세요',
  liver: '음주를 줄이고 기름진 야식을 피하며 충분히 쉬어 주세요',
  kidney: '짜게 먹지 말고 물을 충분히 마시며 진통제를 함부로 먹지 마세요',
  hemoglobin: '살코기·달걀·시금치처럼 철분이 많은 음식을 챙겨 드세요',
  other: '규칙적인 식사와 운동, 충분한 수면으로 생활 습관을 점검해 보세요',
};

/** Why an occupation matters for health, and what to do about it; no full stop at the end. */
const OCCUPATION_ADVICE: Readonly<Record<string, string>> = {
  OFFICE_WORKER: '오래 앉아 있는 시간이 길어 한 시간마다 일어나 스트레칭하고 점심 뒤 가볍게 걸어 보세요',
  IT_PROFESSIONAL: '오래 앉아 화면을 보는 시간이 길어 목·어깨·허리 스트레칭을 자주 하고 눈을 쉬어 주세요',
  MANUAL_WORKER: '몸을 많이 쓰는 일이라 작업 전후 스트레칭과 충분한 수분 섭취를 챙기세요',
  DRIVER: '운전 중 휴게 시간마다 차에서 내려 몸을 풀고 간식은 견과류로 바꿔 보세요',
  HEALTHCARE_WORKER: '교대 근무로 생활 리듬이 깨지기 쉬우니 잠자는 시간을 일정하게 지키고 야식을 줄여 보세요',
  EDUCATOR: '서서 말하는 시간이 길어 물을 자주 마시고 틈틈이 종아리 스트레칭을 해 주세요',
  SERVICE_WORKER: '식사가 불규칙하기 쉬우니 끼니를 거르지 말고 쉬는 시간에 몸을 풀어 주세요',
  SELF_EMPLOYED: '일과 쉼의 경계가 흐려지기 쉬우니 식사와 잠자는 시간을 일정하게 정해 두세요',
  STUDENT: '앉아 있는 시간이 길어 쉬는 시간마다 일어나 걷고 단 간식을 줄여 보세요',
  HOMEMAKER: '집안일 틈틈이 가벼운 근력 운동을 더하고 식사를 규칙적으로 하세요',
  RETIRED: '하루 일과를 규칙적으로 정하고 가벼운 산책과 근력 운동으로 활동량을 지켜 주세요',
};

const GENERAL_OCCUPATION_ADVICE = '하루 중 틈틈이 몸을 움직이고 규칙적인 식사와 수면을 지켜 보세요';

export function occupationAdvice(occupationCode: string | null): string {
  return (occupationCode ? OCCUPATION_ADVICE[occupationCode] : undefined) ?? GENERAL_OCCUPATION_ADVICE;
}

/** Occupations that keep people sitting most of the day. */
export function isSedentary(occupationCode: string | null): boolean {
  return ['OFFICE_WORKER', 'IT_PROFESSIONAL', 'DRIVER', 'STUDENT'].includes(occupationCode ?? '');
}
