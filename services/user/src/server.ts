import { components, serviceInfoRoute, startOutboxRelay, type ServiceDefinition } from '@healthsync/shared';
import { createIdentityProvider } from './adapters/identity-provider.js';
import { createTokenSigner, parseSigningKeySecret } from './adapters/token-signer.js';
import { settings } from './config.js';
import { createAccounts } from './handlers/accounts.js';
import { createAuthRoutes } from './routes/auth.js';
import { createMeRoutes } from './routes/me.js';

/** Today's date in Seoul, for age checks. */
const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

export const userService: ServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ config, db, dapr, logger, metrics }) {
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
    const accounts = createAccounts({
      db,
      dapr,
      identityProvider: createIdentityProvider({
        issuer: config.OIDC_ISSUER,
        clientIds: config.OIDC_CLIENT_IDS,
        allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP,
      }),
      signer,
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      logger,
      eventsEnqueued: () => void relay.flush(),
    });
    return {
      routes: [serviceInfoRoute('user', 'users', db), ...createAuthRoutes(accounts, () => signer.jwks()), ...createMeRoutes(accounts, seoulToday)],
      onStop: async () => {
        clearInterval(reload);
        await relay.stop();
      },
    };
  },
};
