import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';
/** Every error answer: RFC 9457 problem details with a stable `code`. */
export type Problem = components['schemas']['Problem'];
export type ApiClient = Client<paths>;

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The gateway, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A HealthSync access token, or a function that returns the current one (sent as `Authorization: Bearer`). */
  accessToken?: string | (() => string | undefined);
}

/**
 * A typed client of the HealthSync API: paths, parameters, bodies and answers are the
 * document's (src/schema.ts is generated from openapi.json), so a call that the document
 * does not allow does not compile.
 */
export function createApiClient({ accessToken, ...options }: ApiClientOptions): ApiClient {
  // The document's list parameters are comma-separated (`items=bmi,sbp`: form style, not exploded).
  const client = createClient<paths>({ querySerializer: { array: { style: 'form', explode: false } }, ...options });
  if (accessToken !== undefined) {
    client.use({
      onRequest({ request }) {
        const token = typeof accessToken === 'function' ? accessToken() : accessToken;
        if (token) request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}

/** Body serializer for `application/x-www-form-urlencoded` (the OAuth token endpoint). */
export function formBody(body: Record<string, string | undefined>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) if (value !== undefined) form.set(key, value);
  return form;
}
