import {
  CONSENT_PURPOSES,
  CONSENT_QUERY_PATH,
  consentQuerySchema,
  type ConsentPurpose,
  type ConsentQueryAnswer,
  type ConsentState,
} from '../contracts/consents.js';
import type { DaprDouble } from './dapr-double.js';

/**
 * Answers the user service's consent route on a Dapr double, as the user service would:
 * `granted(userId)` says which consents the user has given now (asked at every call, so a test
 * can withdraw one between two requests). Returns the user ids it was asked about, in order.
 */
export function answerConsents(dapr: DaprDouble, granted: (userId: string) => readonly ConsentPurpose[] = () => CONSENT_PURPOSES): string[] {
  const asked: string[] = [];
  dapr.onInvoke('user', /^internal\/users\/[^/?]+\/consents$/, (call) => {
    const userId = decodeURIComponent(call.path.split('/')[2]!);
    asked.push(userId);
    const given = granted(userId);
    const state: ConsentState = {
      userId,
      consents: CONSENT_PURPOSES.map((purpose) =>
        given.includes(purpose)
          ? { purpose, granted: true, version: '2026-12-01', decidedAt: '2026-12-01T00:00:00.000Z', channel: 'APP' as const }
          : { purpose, granted: false, version: null, decidedAt: null, channel: null },
      ),
    };
    return state;
  });
  return asked;
}

/**
 * Answers the user service's bulk consent query (`POST /internal/consents/query`) on a Dapr
 * double, as the user service would, from the same `granted(userId)`. Returns the groups of user
 * ids it was asked about, one entry per call.
 */
export function answerConsentQueries(dapr: DaprDouble, granted: (userId: string) => readonly ConsentPurpose[] = () => CONSENT_PURPOSES): string[][] {
  const asked: string[][] = [];
  dapr.onInvoke('user', CONSENT_QUERY_PATH, (call) => {
    const query = consentQuerySchema.parse(call.body);
    asked.push(query.userIds);
    const answer: ConsentQueryAnswer = { purpose: query.purpose, holders: query.userIds.filter((id) => granted(id).includes(query.purpose)) };
    return answer;
  });
  return asked;
}
