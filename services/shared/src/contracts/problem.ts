import { CONSENT_PURPOSES } from './consents.js';
import { z } from 'zod';

/**
 * RFC 9457 problem details, as every service (and the gateway) answers an error with
 * `application/problem+json`. `code` is stable and machine-readable; `detail` is for people.
 * A service in another language answers its errors in this shape too.
 */
export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ format: 'uri', description: 'Identifies the kind of problem', examples: ['https://healthsync.example/problems/validation-failed'] }),
    title: z.string().meta({ examples: ['Bad Request'] }),
    status: z.number().int().min(400).max(599),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .describe('Stable machine-readable error code (see each response for the codes it uses)'),
    detail: z.string().optional(),
    traceId: z.string().optional().describe('W3C trace id of the request, to quote when reporting a problem'),
    retryAfterSeconds: z.number().int().min(0).optional().describe('With 503: when to try again (also in Retry-After)'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('`path.`, `query.` or `body.` followed by the field, e.g. `body.birthDate`'),
          message: z.string(),
        }),
      )
      .optional()
      .describe('With VALIDATION_FAILED: one entry per invalid input'),
    consents: z.array(z.enum(CONSENT_PURPOSES)).optional().describe('With CONSENT_REQUIRED: the consents the user has not given (or withdrew) that this needs'),
  })
  .describe('RFC 9457 problem details. `code` is stable and machine-readable; `detail` is for people.');

/** The problem+json media type. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
