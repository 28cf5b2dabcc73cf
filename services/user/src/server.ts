import { components, startOutboxRelay, type ServiceDefinition } from '@healthsync/shared';
import { createIdentityProvider } from './adapters/identity-provider.js';
import { createTokenSigner } from './adapters/token-signer.js';
import { settings } from './config.js';
import { createAccounts } from './handlers/accounts.js';
import { signInScheme, userRoutes } from './routes/index.js';

/** Today's date in Seoul, for age checks. */
const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

export const userService: ServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ config, db, dapr, logger, metrics }) {
    const signer = createTokenSigner(await dapr.getSecret(components.secrets, 'jwt-signing-key'), {
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics });
    const identityProvider = createIdentityProvider({
      issuer: config.OIDC_ISSUER,
      clientIds: config.OIDC_CLIENT_IDS,
      allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP,
    });
    const accounts = createAccounts({
      db,
      dapr,
      identityProvider,
      signer,
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      logger,
      eventsEnqueued: () => void relay.flush(),
    });
    return {
      routes: userRoutes({ accounts, jwks: () => signer.jwks(), today: seoulToday, db }),
      securitySchemes: async () => signInScheme(config.OIDC_ISSUER, config.OIDC_CLIENT_IDS[0] ?? '', await identityProvider.authorizationEndpoint()),
      onStop: () => relay.stop(),
    };
  },
};
