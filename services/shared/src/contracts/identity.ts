import { z } from 'zod';

/**
 * The headers that carry who is asking and which request this is, between the gateway, the
 * sidecars and the services. A service in any language reads the same names.
 */

/** The user id the gateway verified from the access token; the only source of a user id. Set by the gateway alone. */
export const USER_ID_HEADER = 'x-healthsync-user-id';
/** The session (refresh-token family) of the verified access token. Set by the gateway alone. */
export const SESSION_ID_HEADER = 'x-healthsync-session-id';
/** The request id, answered on every response; a caller’s well-formed one is kept. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** W3C trace context, forwarded on every outgoing call and carried by every event. */
export const TRACEPARENT_HEADER = 'traceparent';
/**
 * Between an app and its sidecar, both ways: the sidecar sends the app's APP_API_TOKEN on every
 * call to the app, and the app sends its DAPR_API_TOKEN on every call to the sidecar.
 */
export const DAPR_API_TOKEN_HEADER = 'dapr-api-token';

/** What each identity header's value looks like (documented in the internal API document). */
export const identityHeaders = {
  [USER_ID_HEADER]: {
    schema: z.uuid(),
    description:
      'The user the gateway verified from the access token (the token’s `sub`). Present on every user route; the gateway strips any value a client sent.',
  },
  [SESSION_ID_HEADER]: {
    schema: z.uuid(),
    description: 'The sign-in session of the verified access token (its `sid`), e.g. to sign that session out.',
  },
  [REQUEST_ID_HEADER]: {
    schema: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
    description: 'The request id; a well-formed one sent by the caller is kept, anything else is replaced. Answered on every response.',
  },
  [TRACEPARENT_HEADER]: {
    schema: z.string().regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
    description: 'W3C trace context (https://www.w3.org/TR/trace-context/). A service continues the caller’s trace and forwards it.',
  },
} as const;
