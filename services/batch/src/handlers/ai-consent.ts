import type { ConsentQuery, Logger, Metrics } from '@healthsync/shared';
import { splitByAiConsent, type ConsentSplit } from '../domain/ai-consent.js';

export type AiConsentGate = ReturnType<typeof createAiConsentGate>;

/**
 * Asks the user service, once per group of users (a generation chunk, a worker's claim), who
 * holds AI_OVERSEAS_TRANSFER now, and splits the group accordingly (docs/decisions/023).
 */
export function createAiConsentGate(deps: { consents: ConsentQuery; logger: Logger; metrics: Metrics }) {
  const queries = deps.metrics.counter('batch_ai_consent_queries_total', 'Bulk consent queries before AI texts, by outcome (answered, unavailable)', [
    'outcome',
  ]);
  const users = deps.metrics.counter(
    'batch_ai_consent_users_total',
    'Users checked before their AI text, by result (allowed, NO_AI_CONSENT, CONSENT_UNAVAILABLE)',
    ['result'],
  );
  return {
    async split<T extends { userId: string }>(items: readonly T[]): Promise<ConsentSplit<T>> {
      if (items.length === 0) return { allowed: [], withheld: [] };
      const holders = await deps.consents.holders(
        'AI_OVERSEAS_TRANSFER',
        items.map((i) => i.userId),
      );
      queries.inc({ outcome: holders ? 'answered' : 'unavailable' });
      const split = splitByAiConsent(items, holders);
      if (split.allowed.length > 0) users.inc({ result: 'allowed' }, split.allowed.length);
      for (const { reason } of split.withheld) users.inc({ result: reason });
      if (!holders)
        deps.logger.error('consents unknown: rule-based texts for the whole group, nothing sent to the model', {
          users: items.length,
          code: 'CONSENT_UNAVAILABLE',
        });
      return split;
    },
  };
}
