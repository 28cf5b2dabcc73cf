import { CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose, type ConsentStatus } from '@healthsync/shared';

/**
 * Consent records (docs/reference/pipa.md, docs/decisions/020-consents-and-access-audit.md):
 * an append-only history of decisions per user; what is in force is derived from it.
 */
export type ConsentAction = 'GRANT' | 'WITHDRAW';

export interface ConsentDecision {
  purpose: ConsentPurpose;
  action: ConsentAction;
  version: string;
  channel: ConsentChannel;
  recordedAt: Date;
}

/**
 * The notice each consent is given against, by version (its date). A grant must name the
 * current version: consenting to a text the user did not see is no consent.
 */
export const CONSENT_NOTICES: Record<ConsentPurpose, { version: string; summary: string; summaryKo: string }> = {
  HEALTH_DATA: {
    version: '2026-12-01',
    summary:
      'Collecting and using your health information (NHIS checkup results and their sheets) to judge them against the official criteria and show your trends; kept until you withdraw or delete the account.',
    summaryKo: '건강검진 결과와 결과지(민감정보)를 수집·이용하여 공식 기준으로 판정하고 추이를 보여 드립니다. 동의를 철회하거나 탈퇴할 때까지 보관합니다.',
  },
  AI_OVERSEAS_TRANSFER: {
    version: '2026-12-01',
    summary:
      'Transferring your checkup results, profile facts (age band, sex, occupation) and chat messages to Anthropic PBC (United States) over an encrypted connection, each time you use an AI feature, to write the AI reading, recommendations and chat answers.',
    summaryKo:
      'AI 기능을 쓸 때마다 검진 결과, 프로필 일부(연령대·성별·직업)와 대화 내용을 암호화된 통신으로 Anthropic PBC(미국)에 이전하여 AI 해석·추천·대화 답변을 만듭니다.',
  },
};

/** What the services destroy when a consent is withdrawn (PIPA art. 21 and 37: without delay). */
export const WITHDRAWAL_DELETES = ['CHECKUPS', 'CHECKUP_DOCUMENTS', 'NHIS_LINKS', 'DATA_EXPORTS', 'AI_READINGS', 'AI_RECOMMENDATIONS'] as const;
export type WithdrawalDelete = (typeof WITHDRAWAL_DELETES)[number];

export interface WithdrawalEffect {
  /** What is destroyed (empty: nothing stored depends on the consent). */
  deletes: WithdrawalDelete[];
  summary: string;
  summaryKo: string;
}

export const WITHDRAWAL_EFFECTS: Record<ConsentPurpose, WithdrawalEffect> = {
  HEALTH_DATA: {
    deletes: ['CHECKUPS', 'CHECKUP_DOCUMENTS', 'NHIS_LINKS', 'DATA_EXPORTS', 'AI_READINGS', 'AI_RECOMMENDATIONS'],
    summary:
      'Withdrawing destroys your stored checkups, their result sheets, your NHIS link records and your data exports, and the AI readings and recommendations made from them. ' +
      'The record of who accessed your health data is kept for its legal period. To use the features again, consent again and link NHIS anew.',
    summaryKo:
      '철회하면 저장된 건강검진 결과와 결과지, 건강보험공단 연동 기록, 내려받기용 데이터 파일, 이를 바탕으로 만든 AI 해석과 추천이 파기됩니다. ' +
      '건강정보 열람 기록은 법정 기간 동안 보관됩니다. 다시 이용하려면 다시 동의하고 연동해 주세요.',
  },
  AI_OVERSEAS_TRANSFER: {
    deletes: [],
    summary: 'Withdrawing stops every transfer to the AI provider from now on; nothing stored here is deleted (the AI features stop).',
    summaryKo: '철회하면 이후 AI 제공자에게 정보를 이전하지 않습니다(AI 기능을 쓸 수 없습니다). 저장된 정보는 삭제되지 않습니다.',
  },
};

/** The state in force for every purpose: the latest decision of each (history in any order). */
export function currentConsents(history: readonly ConsentDecision[]): ConsentStatus[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const latest = history
      .filter((d) => d.purpose === purpose)
      .reduce<ConsentDecision | undefined>((last, d) => (last === undefined || d.recordedAt.getTime() >= last.recordedAt.getTime() ? d : last), undefined);
    if (!latest) return { purpose, granted: false, version: null, decidedAt: null, channel: null };
    return {
      purpose,
      granted: latest.action === 'GRANT',
      version: latest.action === 'GRANT' ? latest.version : null,
      decidedAt: latest.recordedAt.toISOString(),
      channel: latest.channel,
    };
  });
}

export type DecisionOutcome = { kind: 'record'; decision: ConsentDecision } | { kind: 'unchanged' } | { kind: 'outdated-version'; current: string };

/**
 * What a request to grant or withdraw does, given the state in force. A grant must name the
 * current notice's version. Repeating the decision in force (a retry on a flaky network)
 * records nothing; a grant of a newer version over an older one is recorded.
 */
export function decide(
  current: readonly ConsentStatus[],
  request: { purpose: ConsentPurpose; action: ConsentAction; version?: string | undefined; channel: ConsentChannel },
  now: Date,
): DecisionOutcome {
  const notice = CONSENT_NOTICES[request.purpose];
  const state = current.find((c) => c.purpose === request.purpose);
  if (request.action === 'GRANT') {
    if (request.version !== notice.version) return { kind: 'outdated-version', current: notice.version };
    if (state?.granted && state.version === notice.version) return { kind: 'unchanged' };
  } else if (!state?.granted) {
    return { kind: 'unchanged' };
  }
  return {
    kind: 'record',
    decision: {
      purpose: request.purpose,
      action: request.action,
      // A withdrawal is of the grant in force: its version is that grant's.
      version: request.action === 'GRANT' ? notice.version : (state?.version ?? notice.version),
      channel: request.channel,
      recordedAt: now,
    },
  };
}
