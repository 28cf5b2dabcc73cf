import { components, serviceInfoRoute, startOutboxRelay, type DbServiceDefinition } from '@healthsync/shared';
import { createAccountsRepository } from './adapters/accounts-repository.js';
import { createIdentityProvider } from './adapters/identity-provider.js';
import { createTokenSigner } from './adapters/token-signer.js';
import { settings } from './config.js';
import { createAccounts } from './handlers/accounts.js';
import { createAuthRoutes } from './routes/auth.js';
import { createMeRoutes } from './routes/me.js';

export const userService: DbServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    const signer = createTokenSigner(await dapr.getSecret(components.secrets, 'jwt-signing-key'), {
      issuer: config.TOKEN_ISSUER,
      audience: config.TOKEN_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics });
    const accounts = createAccounts({
      db,
      repository: createAccountsRepository(),
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
      clock,
      eventsEnqueued: () => void relay.flush(),
    });
    return {
      routes: [serviceInfoRoute('user', 'users', db), ...createAuthRoutes(accounts, () => signer.jwks()), ...createMeRoutes(accounts, clock)],
      onStop: () => relay.stop(),
    };
  },
};
