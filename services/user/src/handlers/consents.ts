import {
  enqueueEvent,
  eventContracts,
  NotFoundError,
  ValidationError,
  withTransaction,
  type Clock,
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentState,
  type ConsentStatus,
  type Db,
  type Logger,
} from '@healthsync/shared';
import { consentsRepository as repo } from '../adapters/consents-repository.js';
import { CONSENT_NOTICES, currentConsents, decide, WITHDRAWAL_EFFECTS, type ConsentAction, type WithdrawalEffect } from '../domain/consents.js';

export interface ConsentView extends ConsentStatus {
  notice: { version: string; summary: string; summaryKo: string };
  /** What withdrawing this consent destroys: for the app's confirmation. */
  withdrawal: WithdrawalEffect;
}

export interface ConsentHistoryItem {
  purpose: ConsentPurpose;
  action: ConsentAction;
  version: string;
  channel: ConsentChannel;
  recordedAt: string;
}

const accountGone = () => new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');

/** The history cursor: the id of the last row of the previous page, opaque to clients. */
export const encodeCursor = (id: string) => Buffer.from(`c:${id}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  const match = /^c:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ValidationError([{ field: 'query.cursor', message: 'cursor is not one this list gave' }]);
  return BigInt(match[1]!);
}

export function createConsents(deps: { db: Db; clock: Clock; logger: Logger; eventsEnqueued(): void }) {
  const { db } = deps;
  const views = (state: ConsentStatus[]): ConsentView[] =>
    state.map((s) => ({ ...s, notice: CONSENT_NOTICES[s.purpose], withdrawal: WITHDRAWAL_EFFECTS[s.purpose] }));

  return {
    async current(userId: string): Promise<{ consents: ConsentView[] }> {
      return withTransaction(db, async (client) => {
        if (!(await repo.isLiveAccount(client, userId))) throw accountGone();
        return { consents: views(currentConsents(await repo.latestPerPurpose(client, userId))) };
      });
    },

    /** Grants or withdraws one consent; `recorded` is false when it was already so (nothing new written). */
    async decide(
      userId: string,
      request: { purpose: ConsentPurpose; action: ConsentAction; version?: string | undefined; channel: ConsentChannel },
    ): Promise<{ recorded: boolean; consents: ConsentView[]; withdrawal: WithdrawalEffect | null }> {
      const withdrawal = request.action === 'WITHDRAW' ? WITHDRAWAL_EFFECTS[request.purpose] : null;
      const answer = await withTransaction(db, async (client) => {
        if (!(await repo.lockLiveAccount(client, userId))) throw accountGone();
        const before = currentConsents(await repo.latestPerPurpose(client, userId));
        const outcome = decide(before, request, deps.clock.now());
        if (outcome.kind === 'outdated-version') {
          throw new ValidationError(
            [{ field: 'body.version', message: `the current notice of ${request.purpose} is version ${outcome.current}` }],
            `Consent must be given to the current notice (version ${outcome.current}).`,
          );
        }
        if (outcome.kind === 'unchanged') return { recorded: false, consents: views(before), withdrawal };
        await repo.insert(client, userId, outcome.decision);
        // With the decision, through the outbox: what was collected under the consent is destroyed by its holders.
        if (outcome.decision.action === 'WITHDRAW') {
          await enqueueEvent(client, eventContracts.consentWithdrawn, {
            type: 'ConsentWithdrawn',
            userId,
            occurredAt: outcome.decision.recordedAt.toISOString(),
            purpose: outcome.decision.purpose,
          });
        }
        deps.logger.info('consent recorded', { userId, purpose: request.purpose, action: request.action, channel: request.channel });
        return { recorded: true, consents: views(currentConsents(await repo.latestPerPurpose(client, userId))), withdrawal };
      });
      if (answer.recorded && request.action === 'WITHDRAW') deps.eventsEnqueued();
      return answer;
    },

    async history(userId: string, limit: number, cursor: string | undefined): Promise<{ items: ConsentHistoryItem[]; nextCursor: string | null }> {
      const before = decodeCursor(cursor);
      return withTransaction(db, async (client) => {
        if (!(await repo.isLiveAccount(client, userId))) throw accountGone();
        const rows = await repo.history(client, userId, limit + 1, before);
        const page = rows.slice(0, limit);
        return {
          items: page.map((r) => ({ purpose: r.purpose, action: r.action, version: r.version, channel: r.channel, recordedAt: r.recordedAt.toISOString() })),
          nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
        };
      });
    },

    /** For health and intelligence: what is in force; an unknown or deleted account has given nothing. */
    async stateFor(userId: string): Promise<ConsentState> {
      return withTransaction(db, async (client) => {
        const live = await repo.isLiveAccount(client, userId);
        return { userId, consents: currentConsents(live ? await repo.latestPerPurpose(client, userId) : []) };
      });
    },

    /** For the batch: which of these users hold `purpose` in force now (in the order asked; unknown or deleted accounts hold nothing). */
    async holdersOf(purpose: ConsentPurpose, userIds: readonly string[]): Promise<{ purpose: ConsentPurpose; holders: string[] }> {
      const latest = await withTransaction(db, (client) => repo.latestOfMany(client, [...new Set(userIds)], purpose));
      const holds = (userId: string) => {
        const decision = latest.get(userId);
        return decision !== undefined && currentConsents([decision]).some((c) => c.purpose === purpose && c.granted);
      };
      const seen = new Set<string>();
      const holders: string[] = [];
      for (const id of userIds) {
        if (!seen.has(id) && holds(id)) holders.push(id);
        seen.add(id);
      }
      return { purpose, holders };
    },
  };
}

export type Consents = ReturnType<typeof createConsents>;
