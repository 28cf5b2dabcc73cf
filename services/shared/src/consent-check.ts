import {
  CONSENT_PURPOSES,
  CONSENT_QUERY_MAX_USERS,
  CONSENT_QUERY_PATH,
  consentQueryAnswerSchema,
  consentStatePath,
  consentStateSchema,
  type ConsentPurpose,
} from './contracts/consents.js';
import type { Dapr } from './dapr.js';
import { AppError, UpstreamUnavailableError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * A feature ran into a consent the user has not given (or withdrew): 403 CONSENT_REQUIRED,
 * naming the missing consents in `consents` so the app can ask for exactly those.
 */
export class ConsentRequiredError extends AppError {
  constructor(readonly missing: ConsentPurpose[]) {
    super(403, 'CONSENT_REQUIRED', `This needs your consent first: ${missing.join(', ')}. Give it in the app's privacy settings.`, {
      consents: missing,
    });
  }
}

export class ConsentUnavailableError extends UpstreamUnavailableError {
  constructor() {
    super('CONSENT_UNAVAILABLE', 'Your consents could not be checked right now; nothing was done. Try again shortly.', 5);
  }
}

/** The documented answers of a route that checks consents (merge into its `responses`). */
export const consentResponses = (purposes: readonly ConsentPurpose[]) => ({
  403: {
    description: `The user has not given (or withdrew) a consent this needs (${purposes.join(', ')}); \`consents\` names the missing ones`,
    codes: { CONSENT_REQUIRED: `This needs your consent first: ${purposes.join(', ')}.` },
  },
  503: {
    description: 'The consents could not be checked; nothing was done',
    codes: { CONSENT_UNAVAILABLE: 'Your consents could not be checked right now; nothing was done. Try again shortly.' },
  },
});

export interface ConsentCheck {
  /** Resolves when every purpose is granted now; otherwise throws ConsentRequiredError (or ConsentUnavailableError). */
  require(userId: string, purposes: readonly ConsentPurpose[]): Promise<void>;
}

/**
 * Asks the user service at the moment of the request, with no cache: a withdrawal takes effect
 * on the very next request (docs/decisions/020-consents-and-access-audit.md). When the user
 * service cannot answer, the feature is refused (503), never run on a guess.
 */
export function createConsentCheck(deps: { dapr: Dapr; timeoutMs: number; logger: Logger; appId?: string }): ConsentCheck {
  return {
    async require(userId, purposes) {
      let body: unknown;
      try {
        body = await deps.dapr.invoke(deps.appId ?? 'user', consentStatePath(userId), { method: 'GET', timeoutMs: deps.timeoutMs });
      } catch (error) {
        deps.logger.warn('the user service did not answer the consents', { error: String(error) });
        throw new ConsentUnavailableError();
      }
      const parsed = consentStateSchema.safeParse(body);
      if (!parsed.success || parsed.data.userId !== userId) {
        deps.logger.error('the user service answered the consents outside their contract', { issues: parsed.error?.issues.slice(0, 5) });
        throw new ConsentUnavailableError();
      }
      const granted = new Set(parsed.data.consents.filter((c) => c.granted).map((c) => c.purpose));
      const missing = CONSENT_PURPOSES.filter((p) => purposes.includes(p) && !granted.has(p));
      if (missing.length > 0) throw new ConsentRequiredError(missing);
    },
  };
}

export interface ConsentQuery {
  /**
   * The users among `userIds` who hold `purpose` in force now, asked in one call per
   * CONSENT_QUERY_MAX_USERS users; undefined when the user service did not answer (or answered
   * outside the contract) for any part — the caller must then treat every one of them as not
   * consenting, never guess.
   */
  holders(purpose: ConsentPurpose, userIds: readonly string[]): Promise<Set<string> | undefined>;
}

/**
 * The bulk form of the consent check, for work over many users at once (the batch's morning
 * texts): `POST /internal/consents/query` on the user app, no cache, the same zero staleness as
 * the per-request check.
 */
export function createConsentQuery(deps: { dapr: Dapr; timeoutMs: number; logger: Logger; appId?: string }): ConsentQuery {
  return {
    async holders(purpose, userIds) {
      const holders = new Set<string>();
      for (let start = 0; start < userIds.length; start += CONSENT_QUERY_MAX_USERS) {
        const part = userIds.slice(start, start + CONSENT_QUERY_MAX_USERS);
        let body: unknown;
        try {
          body = await deps.dapr.invoke(deps.appId ?? 'user', CONSENT_QUERY_PATH, {
            method: 'POST',
            body: { purpose, userIds: part },
            timeoutMs: deps.timeoutMs,
          });
        } catch (error) {
          deps.logger.warn('the user service did not answer the consent query', { purpose, users: part.length, error: String(error) });
          return undefined;
        }
        const parsed = consentQueryAnswerSchema.safeParse(body);
        if (!parsed.success || parsed.data.purpose !== purpose) {
          deps.logger.error('the user service answered the consent query outside its contract', { issues: parsed.error?.issues.slice(0, 5) });
          return undefined;
        }
        const asked = new Set(part);
        for (const id of parsed.data.holders) if (asked.has(id)) holders.add(id);
      }
      return holders;
    },
  };
}
