/**
 * Configuration in two steps: read the raw OIDC_* values (empty counts as unset), then build a typed
 * config that fills defaults and throws a ConfigError naming every missing or contradictory key.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  /** OIDC_PORT: port on 127.0.0.1 (default 54000). */
  port: number;
  /** OIDC_ISSUER: issuer identifier, scheme + host + port, no path (default http://127.0.0.1:<OIDC_PORT>). */
  issuer: string;
  /** OIDC_CLIENT_ID: the one registered public client, the mobile app (default healthsync-mobile). */
  clientId: string;
  /** OIDC_REDIRECT_URIS: comma-separated redirect URIs registered for that client. */
  redirectUris: string[];
  /**
   * OIDC_WEB_CLIENT_ID, OIDC_WEB_CLIENT_SECRET, OIDC_WEB_REDIRECT_URIS (all or none): a confidential
   * web client, as Google registers a "Web application" client.
   */
  webClient?: { clientId: string; clientSecret: string; redirectUris: string[] };
  /** OIDC_KEYS_FILE: JSON file with the signing JWK and cookie keys; created (mode 0600) if absent. Required. */
  keysFile: string;
  /** OIDC_AUTO_LOGIN: "true" signs in the login_hint user without a page (tests and local use only). */
  autoLogin: boolean;
  /** OIDC_TEST_IDENTITIES: "true" lets any `<name>@healthsync.test` sign in as its own account (tests only). */
  anyTestIdentity: boolean;
}

const DEFAULT_PORT = 54000;
const DEFAULT_CLIENT_ID = 'healthsync-mobile';
const DEFAULT_REDIRECT_URIS = 'com.healthsync.app:/oauth2redirect,http://127.0.0.1:54001/callback';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Step one: the raw values of our prefix, with empty strings treated as unset. */
export function readRawSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('OIDC_') && value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  return raw;
}

/** Step two: typed config, or a ConfigError naming each problem key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = readRawSettings(env);
  const problems: string[] = [];

  const port = raw.OIDC_PORT === undefined ? DEFAULT_PORT : Number(raw.OIDC_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`OIDC_PORT must be an integer between 1 and 65535 (got "${raw.OIDC_PORT}")`);
  }

  const issuer = raw.OIDC_ISSUER ?? `http://127.0.0.1:${port}`;
  const issuerUrl = URL.parse(issuer);
  if (issuerUrl === null || !['http:', 'https:'].includes(issuerUrl.protocol)) {
    problems.push(`OIDC_ISSUER must be an http(s) URL (got "${issuer}")`);
  } else if (issuerUrl.pathname !== '/' || issuer.endsWith('/') || issuerUrl.search || issuerUrl.hash) {
    // The provider is served at the root of its own port; a path would need a mount point we do not have.
    problems.push(`OIDC_ISSUER must be scheme://host:port with no path, query or trailing slash (got "${issuer}")`);
  } else if (LOOPBACK_HOSTS.has(issuerUrl.hostname) && Number(issuerUrl.port || 80) !== port) {
    problems.push(`OIDC_ISSUER ${issuer} is a loopback address on another port than OIDC_PORT ${port}`);
  }

  const clientId = raw.OIDC_CLIENT_ID ?? DEFAULT_CLIENT_ID;

  const redirectUris = (raw.OIDC_REDIRECT_URIS ?? DEFAULT_REDIRECT_URIS)
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');
  if (redirectUris.length === 0) problems.push('OIDC_REDIRECT_URIS must list at least one URI');
  for (const uri of redirectUris) {
    if (URL.parse(uri) === null) problems.push(`OIDC_REDIRECT_URIS holds an invalid URI "${uri}"`);
  }

  const webKeys = ['OIDC_WEB_CLIENT_ID', 'OIDC_WEB_CLIENT_SECRET', 'OIDC_WEB_REDIRECT_URIS'];
  const webSet = webKeys.filter((key) => raw[key] !== undefined);
  let webClient: Config['webClient'];
  if (webSet.length > 0 && webSet.length < webKeys.length) {
    problems.push(`${webKeys.filter((key) => raw[key] === undefined).join(', ')} missing: a web client needs ${webKeys.join(', ')}`);
  } else if (webSet.length === webKeys.length) {
    const webRedirects = raw
      .OIDC_WEB_REDIRECT_URIS!.split(',')
      .map((uri) => uri.trim())
      .filter((uri) => uri !== '');
    for (const uri of webRedirects) {
      if (URL.parse(uri) === null) problems.push(`OIDC_WEB_REDIRECT_URIS holds an invalid URI "${uri}"`);
    }
    if (raw.OIDC_WEB_CLIENT_SECRET!.length < 16) problems.push('OIDC_WEB_CLIENT_SECRET must be at least 16 characters');
    if (raw.OIDC_WEB_CLIENT_ID === (raw.OIDC_CLIENT_ID ?? DEFAULT_CLIENT_ID)) problems.push('OIDC_WEB_CLIENT_ID must differ from OIDC_CLIENT_ID');
    webClient = { clientId: raw.OIDC_WEB_CLIENT_ID!, clientSecret: raw.OIDC_WEB_CLIENT_SECRET!, redirectUris: webRedirects };
  }

  const keysFile = raw.OIDC_KEYS_FILE;
  if (keysFile === undefined) {
    problems.push('OIDC_KEYS_FILE is missing: path of the JSON file holding the signing key and cookie keys');
  }

  const autoLoginRaw = raw.OIDC_AUTO_LOGIN ?? 'false';
  if (autoLoginRaw !== 'true' && autoLoginRaw !== 'false') {
    problems.push(`OIDC_AUTO_LOGIN must be "true" or "false" (got "${autoLoginRaw}")`);
  }

  const testIdentitiesRaw = raw.OIDC_TEST_IDENTITIES ?? 'false';
  if (testIdentitiesRaw !== 'true' && testIdentitiesRaw !== 'false') {
    problems.push(`OIDC_TEST_IDENTITIES must be "true" or "false" (got "${testIdentitiesRaw}")`);
  }

  if (problems.length > 0 || keysFile === undefined) throw new ConfigError(problems);
  return {
    port,
    issuer,
    clientId,
    redirectUris,
    ...(webClient ? { webClient } : {}),
    keysFile,
    autoLogin: autoLoginRaw === 'true',
    anyTestIdentity: testIdentitiesRaw === 'true',
  };
}
