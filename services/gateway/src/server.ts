import {
  createDapr,
  createLogger,
  daprOptionsFrom,
  createMetrics,
  createServiceApp,
  finishServiceApp,
  listen,
  openApiComponents,
  openApiPaths,
  type Dapr,
  type Logger,
  type Metrics,
  type RunningService,
} from '@healthsync/shared';
import type { Express } from 'express';
import { createJwtAuthenticator } from './adapters/authenticator.js';
import { createOpenApiSource } from './adapters/openapi-source.js';
import { createRateLimiter } from './adapters/rate-limit-store.js';
import { createUpstream, invokeOver, parseDirectUpstreams, type Upstream } from './adapters/upstream.js';
import type { GatewayConfig } from './config.js';
import { localiseProblem, preferredLanguage } from './domain/language.js';
import { GATEWAY_APP, UPSTREAM_APPS } from './domain/routing.js';
import { createHome } from './handlers/home.js';
import { createProxyHandler } from './handlers/proxy.js';
import { gatewayRoutes } from './routes/home.js';
import { createDocsRouter } from './routes/docs.js';
import { cors, requireAppVersion, resolveClient, securityHeaders } from './routes/edge.js';

const VERSION = '0.1.0';

/** What the gateway app runs on; `startGateway` makes the real ones, a component test its own. */
export interface GatewayRuntime {
  config: GatewayConfig;
  logger: Logger;
  metrics: Metrics;
  /** The gateway's sidecar (state for rate limits and revocations; invocations for the home screen). */
  dapr: Dapr;
  /** How requests are forwarded (through the sidecar; directly only in the benchmark). */
  upstream: Upstream;
  /** True in the benchmark's mode without sidecars (DIRECT_UPSTREAMS). */
  direct: boolean;
}

/** The gateway's Express app (not listening): edge checks, docs, its own routes and the proxy. */
export function buildGatewayApp({ config, logger, metrics, dapr, upstream, direct }: GatewayRuntime): Express {
  const openApi = createOpenApiSource(upstream, UPSTREAM_APPS, logger);
  const home = createHome({ dapr: direct ? invokeOver(upstream) : dapr, partTimeoutMs: config.HOME_PART_TIMEOUT_MS, logger, metrics });
  const routes = gatewayRoutes(home);
  const ownFragment = { service: GATEWAY_APP, paths: openApiPaths(routes) as never, components: openApiComponents() };
  const app = createServiceApp({
    service: 'gateway',
    logger,
    metrics,
    parseJsonBodies: false,
    traceSampleRate: config.TRACE_SAMPLE_RATE,
    trustIdentityHeaders: false,
    localiseProblems: (req, res, body) => {
      const language = preferredLanguage(req.header('accept-language'));
      res.setHeader('Content-Language', language);
      res.vary('Accept-Language');
      return localiseProblem(body, language);
    },
    readiness: direct ? {} : { sidecar: () => dapr.isHealthy() },
  });
  app.use(securityHeaders);
  app.use(cors(config.CORS_ORIGINS));
  app.use('/api', requireAppVersion({ minimum: config.MIN_APP_VERSION, appStoreUrl: config.APP_STORE_URL, playStoreUrl: config.PLAY_STORE_URL }));
  app.use('/api', resolveClient({ frontDoorId: config.FRONT_DOOR_ID, trustedHops: config.TRUSTED_PROXY_HOPS }));
  app.use(createDocsRouter(async () => [ownFragment, ...(await openApi.get())], VERSION));
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
      rateLimiter: direct ? { check: async () => undefined } : createRateLimiter(dapr, config.RATE_LIMIT_PER_MINUTE, logger, metrics),
      fragments: () => openApi.get(),
      local: { fragment: ownFragment, routes },
      logger,
      metrics,
    }),
  );
  finishServiceApp(app, logger);
  return app;
}

/** The only public door: checks, limits and forwards `/api/**` to the services. */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createMetrics('gateway');
  const dapr = createDapr(daprOptionsFrom(config, logger));
  const direct = parseDirectUpstreams(config.DIRECT_UPSTREAMS);
  if (Object.keys(direct).length === 0) await dapr.waitUntilReady();
  // Forwarding stays on the sidecar's HTTP API (not the SDK): bodies stream both ways, the
  // chat's server-sent events among them, and the SDK reads and parses whole bodies.
  const upstream = createUpstream(
    config.DAPR_HTTP_PORT,
    { ...(config.DAPR_API_TOKEN ? { dapr: config.DAPR_API_TOKEN } : {}), ...(config.APP_API_TOKEN ? { app: config.APP_API_TOKEN } : {}) },
    direct,
  );
  const app = buildGatewayApp({ config, logger, metrics, dapr, upstream, direct: Object.keys(direct).length > 0 });
  const server = await listen(app, config.APP_PORT, config.APP_HOST);
  logger.info('gateway started', { port: config.APP_PORT, direct: Object.keys(direct) });
  return { port: config.APP_PORT, stop: () => server.close() };
}
