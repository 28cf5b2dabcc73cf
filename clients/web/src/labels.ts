/** Korean words for the API's enumerations. */
export type Grade = 'NORMAL_A' | 'NORMAL_B' | 'SUSPECTED_DISEASE' | 'NOT_CLASSIFIED' | 'NOT_TESTED' | 'NOT_APPLICABLE';

export const GRADE_LABELS: Record<Grade, string> = {
  NORMAL_A: '정상A',
  NORMAL_B: '정상B',
  SUSPECTED_DISEASE: '질환의심',
  NOT_CLASSIFIED: '판정 기준 외',
  NOT_TESTED: '미검사',
  NOT_APPLICABLE: '해당 없음',
};

/** CSS class of a grade's colour (styles.css): green, amber, red, grey. */
export function gradeClass(grade: string): string {
  switch (grade) {
    case 'NORMAL_A':
      return 'grade-a';
    case 'NORMAL_B':
      return 'grade-b';
    case 'SUSPECTED_DISEASE':
      return 'grade-d';
    case 'NOT_CLASSIFIED':
      return 'grade-x';
    default:
      return 'grade-none';
  }
}

export const OCCUPATIONS = {
  OFFICE_WORKER: '사무직',
  IT_PROFESSIONAL: 'IT 직군',
  MANUAL_WORKER: '현장·생산직',
  DRIVER: '운전직',
  HEALTHCARE_WORKER: '의료·보건직',
  EDUCATOR: '교육직',
  SERVICE_WORKER: '서비스·판매직',
  SELF_EMPLOYED: '자영업',
  STUDENT: '학생',
  HOMEMAKER: '주부',
  RETIRED: '은퇴',
  OTHER: '기타',
} as const;
export type Occupation = keyof typeof OCCUPATIONS;

export const PROVIDERS = {
  KAKAO: '카카오톡',
  NAVER: '네이버',
  PASS: 'PASS',
  TOSS: '토스',
  PAYCO: '페이코',
  SAMSUNG_PASS: '삼성패스',
  KB: 'KB국민인증서',
  SHINHAN: '신한인증서',
} as const;
export type Provider = keyof typeof PROVIDERS;

export const CARRIERS = { SKT: 'SKT', KT: 'KT', LGU: 'LG U+' } as const;

export const CATEGORIES: Record<string, string> = { exercise: '운동', diet: '식단', sleep: '수면', stress: '스트레스', lifestyle: '생활습관' };
export const DIFFICULTIES: Record<string, string> = { easy: '쉬움', medium: '보통', hard: '어려움' };

export const LINE_KINDS: Record<string, string> = { OVERALL: '종합', MAIN_RISK: '주의할 점', OCCUPATION: '생활 속 실천' };

export const FALLBACK_REASONS: Record<string, string> = {
  INVALID_OUTPUT: 'AI 답변을 검증하지 못했어요',
  UNGROUNDED_NUMBER: 'AI 답변에 기록에 없는 숫자가 있었어요',
  DAILY_TOKEN_BUDGET_EXCEEDED: '오늘 AI 사용량을 모두 썼어요',
  TOKEN_BUDGET_UNAVAILABLE: 'AI 사용량을 확인할 수 없었어요',
  CIRCUIT_OPEN: 'AI가 잠시 응답하지 않고 있어요',
  AI_TIMEOUT: 'AI 응답이 늦었어요',
  AI_RATE_LIMITED: 'AI 요청이 많아요',
  AI_OVERLOADED: 'AI가 혼잡해요',
  AI_UNAVAILABLE: 'AI에 연결할 수 없었어요',
  AI_STREAM_INTERRUPTED: 'AI 답변이 끊겼어요',
  NO_JUDGED_ITEMS: '판정된 검진 항목이 없어요',
};

export const LINK_REASONS: Record<string, string> = {
  APPROVAL_WINDOW_PASSED: '승인 시간(약 3분)이 지났어요.',
  APPROVAL_NOT_COMPLETED: '승인 전에 완료를 여러 번 눌러 인증이 끝났어요.',
  USER_DENIED: '인증 앱에서 요청을 거절했어요.',
  SESSION_UNKNOWN: '인증 요청이 만료되었어요.',
  PROVIDER_ERROR: '건강보험공단에서 결과를 받지 못했어요.',
  IMPORT_FAILED: '검진 결과를 저장하지 못했어요.',
};

export const EMERGENCY_TITLES: Record<string, string> = {
  CARDIAC: '가슴 통증은 응급 상황일 수 있어요',
  STROKE: '뇌졸중 증상일 수 있어요',
  SELF_HARM: '혼자 견디지 마세요',
};

export const RISK_CLASSES: Record<string, string> = { LOW: 'grade-a', MEDIUM: 'grade-b', HIGH: 'grade-d' };

/** 2026-03-17 → 2026년 3월 17일 */
export function koreanDate(date: string | null | undefined): string {
  if (!date) return '날짜 없음';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}년 ${m}월 ${d}일`;
}

export function koreanDateTime(iso: string): string {
  return new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** YYYY-MM-DD of the day before, in the calendar (no time zone involved). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
