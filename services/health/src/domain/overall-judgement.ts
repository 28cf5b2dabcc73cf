/**
 * The overall judgement (종합판정) as NHIS's summary prints it — abbreviated ("정A", "고∙당", "유질") — in
 * words a user understands, shown beside the printed form (docs/reference/nhis-checkup.md §7). The printed
 * text is never replaced or recomputed.
 */

export type OverallCategory = 'NORMAL_A' | 'NORMAL_B' | 'GENERAL_DISEASE_SUSPECTED' | 'HYPERTENSION_DIABETES_SUSPECTED' | 'UNDER_TREATMENT';

export interface OverallJudgement {
  /** As printed. */
  readonly printed: string;
  /** null for a printed value we have no sourced meaning for. */
  readonly category: OverallCategory | null;
  /** The category's full name, or the printed text when its meaning is unknown. */
  readonly label: string;
  /** One sentence on what it means for the user. */
  readonly description: string;
}

const CATEGORIES: Readonly<Record<OverallCategory, { label: string; description: string }>> = {
  NORMAL_A: { label: '정상A', description: '건강이 양호합니다.' },
  NORMAL_B: { label: '정상B(경계)', description: '건강에 이상은 없지만 자기관리와 예방 조치가 필요합니다.' },
  GENERAL_DISEASE_SUSPECTED: {
    label: '일반 질환의심',
    description: '질환이 의심되어 추적 검사나 전문 의료기관의 진단이 필요합니다.',
  },
  HYPERTENSION_DIABETES_SUSPECTED: {
    label: '고혈압·당뇨병 질환의심',
    description: '고혈압 또는 당뇨병이 의심되어 확진 검사가 필요합니다. 검진 다음 해 1월 31일까지 병·의원의 첫 진찰과 검사는 본인부담이 없습니다.',
  },
  UNDER_TREATMENT: {
    label: '유질환자',
    description: '고혈압·당뇨병·이상지질혈증 등으로 이미 치료를 받고 있는 분입니다. 치료를 꾸준히 이어 가세요.',
  },
};

/** Printed forms, compared without spaces and with every middle-dot variant (∙ · ㆍ ・ .) made one. */
const PRINTED: Readonly<Record<string, OverallCategory>> = {
  정a: 'NORMAL_A',
  정상a: 'NORMAL_A',
  정b: 'NORMAL_B',
  정상b: 'NORMAL_B',
  정상b경계: 'NORMAL_B',
  // One provider lists 주의 among the values; we read it as the older name of the borderline category.
  주의: 'NORMAL_B',
  의심: 'GENERAL_DISEASE_SUSPECTED',
  일반: 'GENERAL_DISEASE_SUSPECTED',
  질환의심: 'GENERAL_DISEASE_SUSPECTED',
  일반질환의심: 'GENERAL_DISEASE_SUSPECTED',
  '고·당': 'HYPERTENSION_DIABETES_SUSPECTED',
  고당: 'HYPERTENSION_DIABETES_SUSPECTED',
  '고혈압·당뇨병질환의심': 'HYPERTENSION_DIABETES_SUSPECTED',
  '고혈압·당뇨병·이상지질혈증질환의심': 'HYPERTENSION_DIABETES_SUSPECTED',
  유질: 'UNDER_TREATMENT',
  유질환: 'UNDER_TREATMENT',
  유질환자: 'UNDER_TREATMENT',
};

export const UNEXPLAINED_JUDGEMENT = '공단 결과에 인쇄된 약어로, 뜻이 확인되지 않았습니다. 원본 결과지를 확인하세요.';

function key(printed: string): string {
  return printed
    .normalize('NFKC')
    .replace(/[\s()]/g, '')
    .replace(/[∙·ㆍᆞ・.･‧•]/g, '·')
    .toLowerCase();
}

/** The printed overall judgement with its meaning; null when nothing was printed. */
export function explainOverallJudgement(printed: string | null | undefined): OverallJudgement | null {
  const text = printed?.trim();
  if (!text) return null;
  const category = PRINTED[key(text)];
  if (category === undefined) return { printed: text, category: null, label: text, description: UNEXPLAINED_JUDGEMENT };
  return { printed: text, category, ...CATEGORIES[category] };
}
