import { components, outboxLimitsOf, startOutboxRelay, type Dapr, type DbServiceDefinition } from '@healthsync/shared';
import { createAccountsRepository } from './adapters/accounts-repository.js';
import { createIdentityProviders } from './adapters/identity-provider.js';
import { createTokenSigner, parseSigningKeySecret } from './adapters/token-signer.js';
import { retentionPolicyOf, settings } from './config.js';
import { createAccounts } from './handlers/accounts.js';
import { createConsents } from './handlers/consents.js';
import { createRetention } from './handlers/retention.js';
import { ACCOUNT_RETENTION_BINDING, createAccountRetentionTrigger } from './subscriptions/account-retention.js';
import { signInScheme, userRoutes } from './routes/index.js';

/** The web sign-in client, when configured: its id, redirect URIs and secret (from the secret store). */
async function webClientOf(config: { OIDC_WEB_CLIENT_ID?: string | undefined; OIDC_WEB_REDIRECT_URIS?: string[] | undefined }, dapr: Dapr) {
  const { OIDC_WEB_CLIENT_ID: clientId, OIDC_WEB_REDIRECT_URIS: redirectUris } = config;
  if (clientId === undefined && redirectUris === undefined) return {};
  if (clientId === undefined || redirectUris === undefined) {
    throw new Error(
      `${clientId === undefined ? 'OIDC_WEB_CLIENT_ID' : 'OIDC_WEB_REDIRECT_URIS'} is missing: a web sign-in client needs both OIDC_WEB_CLIENT_ID and OIDC_WEB_REDIRECT_URIS`,
    );
  }
  // The Google web client's secret (the deployment checks read secret names from calls like this one).
  const clientSecret = await dapr.getSecret(components.secrets, 'oidc-web-client-secret');
  if (!clientSecret) throw new Error("the secret oidc-web-client-secret is empty: the web client's codes cannot be redeemed without it");
  return { webClient: { clientId, clientSecret, redirectUris } };
}

export const userService: DbServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    // Settings and secrets first: a service that cannot start must not leave a relay or timer behind.
    const retentionPolicy = retentionPolicyOf(config);
    const webClient = await webClientOf(config, dapr);
    const readKeys = async () => parseSigningKeySecret(await dapr.getSecret(components.secrets, 'jwt-signing-key'));
    const signer = createTokenSigner(await readKeys(), {
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      graceSeconds: config.SIGNING_KEY_GRACE_SECONDS,
    });
    signer.onRotation((state) => logger.info('new signing key published', { kid: state.current, signsAfterSeconds: config.SIGNING_KEY_GRACE_SECONDS }));
    // Key rotation without a restart (README: "Signing keys"); a failed read keeps the keys we have.
    const reload = setInterval(() => {
      readKeys().then(signer.update, (error: unknown) => logger.warn('could not reload the signing keys; keeping the current ones', { error: String(error) }));
    }, config.SIGNING_KEYS_RELOAD_SECONDS * 1000);
    reload.unref();
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics, limits: outboxLimitsOf(config) });
    const identityProvider = createIdentityProviders(
      {
        issuer: config.OIDC_ISSUER,
        clientIds: config.OIDC_CLIENT_IDS,
        allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP,
        ...webClient,
      },
      config.OIDC_ADDITIONAL_ISSUERS,
    );
    const repository = createAccountsRepository();
    const accounts = createAccounts({
      db,
      repository,
      dapr,
      identityProvider,
      signer,
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      logger,
      clock,
      eventsEnqueued: () => void relay.flush(),
    });
    const retention = createRetention({
      db,
      repository,
      accounts,
      policy: retentionPolicy,
      clock,
      logger,
      metrics,
      eventsEnqueued: () => void relay.flush(),
    });
    return {
      inputBindings: [{ name: ACCOUNT_RETENTION_BINDING, handle: createAccountRetentionTrigger(retention) }],
      routes: userRoutes({
        accounts,
        consents: createConsents({ db, clock, logger, eventsEnqueued: () => void relay.flush() }),
        jwks: () => signer.jwks(),
        clock,
        db,
      }),
      securitySchemes: async () => signInScheme(config.OIDC_ISSUER, config.OIDC_CLIENT_IDS[0] ?? '', await identityProvider.authorizationEndpoint()),
      onStop: async () => {
        clearInterval(reload);
        await relay.stop();
      },
    };
  },
};
