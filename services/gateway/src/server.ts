import { createDapr, createLogger, createMetrics, createServiceApp, finishServiceApp, listen, type RunningService } from '@healthsync/shared';
import { createJwtAuthenticator } from './adapters/authenticator.js';
import { createOpenApiSource } from './adapters/openapi-source.js';
import { createRateLimiter } from './adapters/rate-limit-store.js';
import { createUpstream, parseDirectUpstreams } from './adapters/upstream.js';
import type { GatewayConfig } from './config.js';
import { localiseProblem, preferredLanguage } from './domain/language.js';
import { UPSTREAM_APPS } from './domain/routing.js';
import { createProxyHandler } from './handlers/proxy.js';
import { createDocsRouter } from './routes/docs.js';
import { cors, requireAppVersion, resolveClient, securityHeaders } from './routes/edge.js';

const VERSION = '0.1.0';

/** The only public door: checks, limits and forwards `/api/**` to the services. */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createMetrics('gateway');
  const dapr = createDapr({ httpPort: config.DAPR_HTTP_PORT, ...(config.DAPR_API_TOKEN ? { apiToken: config.DAPR_API_TOKEN } : {}) });
  const direct = parseDirectUpstreams(config.DIRECT_UPSTREAMS);
  if (Object.keys(direct).length === 0) await dapr.waitUntilReady();

  const upstream = createUpstream(
    config.DAPR_HTTP_PORT,
    { ...(config.DAPR_API_TOKEN ? { dapr: config.DAPR_API_TOKEN } : {}), ...(config.APP_API_TOKEN ? { app: config.APP_API_TOKEN } : {}) },
    direct,
  );
  const openApi = createOpenApiSource(upstream, UPSTREAM_APPS, logger);
  const app = createServiceApp({
    service: 'gateway',
    logger,
    metrics,
    parseJsonBodies: false,
    traceSampleRate: config.TRACE_SAMPLE_RATE,
    localiseProblems: (req, res, body) => {
      const language = preferredLanguage(req.header('accept-language'));
      res.setHeader('Content-Language', language);
      res.vary('Accept-Language');
      return localiseProblem(body, language);
    },
    readiness: Object.keys(direct).length === 0 ? { sidecar: () => dapr.isHealthy() } : {},
  });
  app.use(securityHeaders);
  app.use(cors(config.CORS_ORIGINS));
  app.use('/api', requireAppVersion({ minimum: config.MIN_APP_VERSION, appStoreUrl: config.APP_STORE_URL, playStoreUrl: config.PLAY_STORE_URL }));
  app.use('/api', resolveClient({ frontDoorId: config.FRONT_DOOR_ID, trustedHops: config.TRUSTED_PROXY_HOPS }));
  app.use(createDocsRouter(() => openApi.get(), VERSION));
  app.use(
    '/api',
    createProxyHandler({
      config,
      upstream,
      authenticator: createJwtAuthenticator({
        upstream,
        dapr,
        issuer: config.TOKEN_ISSUER,
        audience: config.TOKEN_AUDIENCE,
        logger,
        metrics,
        policy: { minIntervalMs: config.JWKS_MIN_REFRESH_SECONDS * 1000, maxAgeMs: config.JWKS_MAX_AGE_SECONDS * 1000 },
      }),
      rateLimiter: Object.keys(direct).length === 0 ? createRateLimiter(dapr, config.RATE_LIMIT_PER_MINUTE, logger, metrics) : { check: async () => undefined },
      fragments: () => openApi.get(),
      logger,
      metrics,
    }),
  );
  finishServiceApp(app, logger);
  const server = await listen(app, config.APP_PORT, config.APP_HOST);
  logger.info('gateway started', { port: config.APP_PORT, direct: Object.keys(direct) });
  return { port: config.APP_PORT, stop: () => server.close() };
}
