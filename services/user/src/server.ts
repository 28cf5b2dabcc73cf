import { components, startOutboxRelay, type DbServiceDefinition } from '@healthsync/shared';
import { createAccountsRepository } from './adapters/accounts-repository.js';
import { createIdentityProvider } from './adapters/identity-provider.js';
import { createTokenSigner, parseSigningKeySecret } from './adapters/token-signer.js';
import { settings } from './config.js';
import { createAccounts } from './handlers/accounts.js';
import { createConsents } from './handlers/consents.js';
import { signInScheme, userRoutes } from './routes/index.js';

export const userService: DbServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
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
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics });
    const identityProvider = createIdentityProvider({
      issuer: config.OIDC_ISSUER,
      clientIds: config.OIDC_CLIENT_IDS,
      allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP,
    });
    const accounts = createAccounts({
      db,
      repository: createAccountsRepository(),
      dapr,
      identityProvider,
      signer,
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      logger,
      clock,
      eventsEnqueued: () => void relay.flush(),
    });
    return {
      routes: userRoutes({ accounts, consents: createConsents({ db, clock, logger }), jwks: () => signer.jwks(), clock, db }),
      securitySchemes: async () => signInScheme(config.OIDC_ISSUER, config.OIDC_CLIENT_IDS[0] ?? '', await identityProvider.authorizationEndpoint()),
      onStop: async () => {
        clearInterval(reload);
        await relay.stop();
      },
    };
  },
};
