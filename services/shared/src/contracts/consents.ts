import { z } from 'zod';

/**
 * The consents a user gives under Korea's Personal Information Protection Act
 * (docs/reference/pipa.md): each a separate, explicit decision the user service records.
 *
 * - HEALTH_DATA: collecting and using health information (sensitive information, art. 23) —
 *   NHIS checkups imported, judged and kept.
 * - AI_OVERSEAS_TRANSFER: transferring that information abroad to the AI provider (Anthropic,
 *   United States; art. 28-8) — the AI reading, the recommendations and the chat.
 *
 * The user service owns the records; health and intelligence ask it at request time
 * (`GET /internal/users/{userId}/consents`, answered with `consentStateSchema`), the batch service
 * for many users at once when it writes the morning's texts (`POST /internal/consents/query`).
 */
export const CONSENT_PURPOSES = ['HEALTH_DATA', 'AI_OVERSEAS_TRANSFER'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Where the user decided: the app or the web client. */
export const CONSENT_CHANNELS = ['APP', 'WEB'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** A consent notice's version: the date its text took effect, e.g. `2026-12-01`. */
export const consentVersionSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'version must be the notice’s date, YYYY-MM-DD');

/** The current state of one consent, derived from the user's history of decisions. */
export const consentStatusSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  /** The notice version of the grant in force (null when not granted). */
  version: consentVersionSchema.nullable(),
  /** When the decision in force was recorded (null when never decided). */
  decidedAt: z.iso.datetime().nullable(),
  channel: z.enum(CONSENT_CHANNELS).nullable(),
});
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

/** What the user service answers health and intelligence: every purpose, granted or not. */
export const consentStateSchema = z.object({
  userId: z.uuid(),
  consents: z.array(consentStatusSchema),
});
export type ConsentState = z.infer<typeof consentStateSchema>;

/** The internal route health and intelligence call (service invocation of the user app). */
export const consentStatePath = (userId: string) => `internal/users/${encodeURIComponent(userId)}/consents`;

/** The most users one bulk consent query may name (its body stays far under the services' 256 kB limit). */
export const CONSENT_QUERY_MAX_USERS = 1000;

/** Who among these users holds this consent in force now (the batch service asks per chunk of users). */
export const consentQuerySchema = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    userIds: z.array(z.uuid()).min(1).max(CONSENT_QUERY_MAX_USERS).describe('The users to ask about (an unknown or deleted account holds nothing)'),
  })
  .strict();
export type ConsentQueryBody = z.infer<typeof consentQuerySchema>;

/** The answer: the users of the query who hold the consent in force; everyone else does not. */
export const consentQueryAnswerSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  holders: z.array(z.uuid()).describe('The users of the query (in its order) who hold the consent in force; the others do not'),
});
export type ConsentQueryAnswer = z.infer<typeof consentQueryAnswerSchema>;

/** The bulk internal route (service invocation of the user app). */
export const CONSENT_QUERY_PATH = 'internal/consents/query';
