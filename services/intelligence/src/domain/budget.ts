/**
 * The per-user daily token budget. A day is a calendar day in Asia/Seoul, where the users are.
 * Once a user has spent the budget, answers come from the fallbacks (flagged as such) until the
 * next Seoul midnight; the model is not called at all.
 */
export interface TokenSpend {
  inputTokens: number;
  outputTokens: number;
}

export interface BudgetDecision {
  allowed: boolean;
  used: number;
  remaining: number;
}

/** Whether another model call fits: any tokens left today allow one more call. */
export function budgetDecision(spent: TokenSpend, dailyBudget: number): BudgetDecision {
  const used = Math.max(0, spent.inputTokens) + Math.max(0, spent.outputTokens);
  const remaining = Math.max(0, dailyBudget - used);
  return { allowed: remaining > 0, used, remaining };
}
