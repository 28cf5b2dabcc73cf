import type { Grade } from './criteria.js';

/** Grade names as the result sheet prints them (결과통보서), for clients that show the grade as text. */
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  NORMAL_A: '정상A',
  NORMAL_B: '정상B(경계)',
  SUSPECTED_DISEASE: '질환의심',
  NOT_CLASSIFIED: '판정 기준 외',
  NOT_TESTED: '미검사',
  NOT_APPLICABLE: '해당 없음',
};
