import { CONSENT_PURPOSES, consentStatePath, consentStateSchema, type ConsentPurpose } from './contracts/consents.js';
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
