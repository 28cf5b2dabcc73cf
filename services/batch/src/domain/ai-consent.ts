/**
 * Whose progress facts may go to the AI model (Anthropic, abroad) for the morning's text: only
 * users who hold AI_OVERSEAS_TRANSFER in force, as the user service answered for the whole group
 * just before. When it did not answer, nobody's may (never sent on a guess): everyone gets the
 * marked rule-based text. Pure.
 */
export type ConsentWithheldReason = 'NO_AI_CONSENT' | 'CONSENT_UNAVAILABLE';

export interface ConsentSplit<T> {
  /** Their facts may be sent to the model. */
  allowed: T[];
  /** They get the rule-based text, with why. */
  withheld: Array<{ item: T; reason: ConsentWithheldReason }>;
}

/** `holders` is the set the user service answered, or undefined when it did not answer. */
export function splitByAiConsent<T extends { userId: string }>(items: readonly T[], holders: ReadonlySet<string> | undefined): ConsentSplit<T> {
  const allowed: T[] = [];
  const withheld: ConsentSplit<T>['withheld'] = [];
  for (const item of items) {
    if (holders === undefined) withheld.push({ item, reason: 'CONSENT_UNAVAILABLE' });
    else if (holders.has(item.userId)) allowed.push(item);
    else withheld.push({ item, reason: 'NO_AI_CONSENT' });
  }
  return { allowed, withheld };
}
