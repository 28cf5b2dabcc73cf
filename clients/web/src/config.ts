/**
 * Where this deployment's API and sign-in live. Read at start-up from /config.json, which the
 * deployment writes next to the static files (locally the web server makes it; in Azure the
 * pipeline uploads it), so one build runs against any environment.
 */
export interface WebConfig {
  /** The gateway, e.g. http://127.0.0.1:3000 or https://api.healthsync.example */
  apiBaseUrl: string;
  oidc: {
    /** The OpenID Connect issuer (Google: https://accounts.google.com) */
    issuer: string;
    /** Its authorization endpoint, where the browser signs in */
    authorizationEndpoint: string;
    /** The client id the gateway redeems codes for */
    clientId: string;
  };
}

function isConfig(value: unknown): value is WebConfig {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const oidc = v.oidc as Record<string, unknown> | undefined;
  return (
    typeof v.apiBaseUrl === 'string' &&
    typeof oidc === 'object' &&
    oidc !== null &&
    typeof oidc.issuer === 'string' &&
    typeof oidc.authorizationEndpoint === 'string' &&
    typeof oidc.clientId === 'string'
  );
}

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const body: unknown = await response.json();
  if (!isConfig(body)) throw new Error('config.json lacks apiBaseUrl or oidc settings');
  return { ...body, apiBaseUrl: body.apiBaseUrl.replace(/\/+$/, '') };
}
