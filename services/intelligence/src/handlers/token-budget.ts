import { AccountDeletedError, seoulToday, withLiveUser, type Clock, type Db, type Logger } from '@healthsync/shared';
import type { TokenUsageRepository } from '../adapters/usage.js';
import type { TokenSpend } from '../domain/budget.js';

/** A reservation taken for one model call; `settle` records what the call spent and frees the rest. */
export interface Reservation {
  readonly tokens: number;
  settle(spend: TokenSpend): Promise<void>;
}

export type ReserveResult =
  | { kind: 'RESERVED'; reservation: Reservation }
  /** The call does not fit what is left of today's budget. */
  | { kind: 'EXCEEDED' }
  /** The budget could not be read: no call, since nothing would bound what it spends. */
  | { kind: 'UNAVAILABLE' };

export interface TokenBudgetDeps {
  db: Db;
  tokenUsage: TokenUsageRepository['tokenUsage'];
  dailyTokenBudget: number;
  clock: Clock;
  logger: Logger;
}

/** The daily token budget as reservations (see domain/budget.ts). */
export function createTokenBudget(deps: TokenBudgetDeps) {
  const { tokenUsage } = deps;
  return {
    async reserve(userId: string, tokens: number): Promise<ReserveResult> {
      const day = seoulToday(deps.clock);
      let taken: boolean;
      try {
        // No model call for an erased account (a token still valid for a few minutes): 401 ACCOUNT_DELETED.
        taken = await withLiveUser(deps.db, userId, (client) => tokenUsage.reserve(client, userId, day, tokens, deps.dailyTokenBudget));
      } catch (error) {
        if (error instanceof AccountDeletedError) throw error;
        deps.logger.warn('token budget unreachable; the model is not called', { error: String(error) });
        return { kind: 'UNAVAILABLE' };
      }
      if (!taken) return { kind: 'EXCEEDED' };
      let settled = false;
      return {
        kind: 'RESERVED',
        reservation: {
          tokens,
          async settle(spend) {
            if (settled) return;
            settled = true;
            // If this fails the reservation stays counted until the day ends: too much, never too little.
            await tokenUsage
              .settle(deps.db, userId, day, tokens, spend)
              .catch((error: unknown) => deps.logger.warn('token usage not recorded; the reservation stays counted today', { error: String(error) }));
          },
        },
      };
    },
  };
}

export type TokenBudget = ReturnType<typeof createTokenBudget>;
