import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOrCreateKeys } from './adapters/key-file.js';
import { createLogger, type Logger } from './logger.js';
import { createProvider, type WebClient } from './provider.js';
import { avatarRoute } from './routes/avatar.js';
import { createInteractionRoutes } from './routes/interaction.js';

export interface StartOptions {
  /** Port on 127.0.0.1; 0 picks a free one (tests). */
  port: number;
  /** Issuer identifier; defaults to http://127.0.0.1:<bound port>. */
  issuer?: string;
  clientId: string;
  redirectUris: string[];
  /** A confidential web client (its codes are redeemed only with its secret). */
  webClient?: WebClient;
  /** JSON file with the signing key and cookie keys; created with mode 0600 when absent. */
  keysFile: string;
  /** Sign in the login_hint user without showing the page (tests and local use only). */
  autoLogin: boolean;
  /** Any `@healthsync.test` address signs in as its own account (tests only). */
  anyTestIdentity?: boolean;
  logger?: Logger;
}

export interface RunningProvider {
  issuer: string;
  port: number;
  clientId: string;
  redirectUris: string[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 5_000;

/** Loads (or creates) the keys, listens on 127.0.0.1 and serves oidc-provider plus our sign-in page. */
export async function start(options: StartOptions): Promise<RunningProvider> {
  const logger = options.logger ?? createLogger();
  const { keys, created, tooOpen } = await loadOrCreateKeys(options.keysFile);
  logger.info(created ? 'generated new signing and cookie keys' : 'loaded signing and cookie keys', {
    keysFile: options.keysFile,
    kid: keys.signingKey.kid,
  });
  if (tooOpen) logger.warn('keys file is readable by group or others; chmod 600 it', { keysFile: options.keysFile });

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = options.issuer ?? `http://${HOST}:${port}`;

  const provider = createProvider({
    issuer,
    clientId: options.clientId,
    redirectUris: options.redirectUris,
    ...(options.webClient ? { webClient: options.webClient } : {}),
    keys,
    logger,
    anyTestIdentity: options.anyTestIdentity ?? false,
  });
  const interactionRoute = createInteractionRoutes({
    provider,
    clientId: options.clientId,
    autoLogin: options.autoLogin,
    anyTestIdentity: options.anyTestIdentity ?? false,
    logger,
  });
  const providerCallback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    const method = req.method ?? 'GET';
    const pathname = new URL(req.url ?? '/', issuer).pathname;
    // Path only: query strings carry codes, states and nonces.
    res.on('finish', () => {
      logger.info('request', { method, path: pathname, status: res.statusCode, ms: Math.round(performance.now() - startedAt) });
    });

    const interaction = interactionRoute(method, pathname);
    if (interaction !== undefined) return void interaction(req, res);
    const avatar = avatarRoute(method, pathname);
    if (avatar !== undefined) return avatar(res);
    return void providerCallback(req, res);
  });

  server.on('clientError', (error, socket) => {
    logger.warn('bad client connection', { error: error.message });
    socket.destroy();
  });

  logger.info('google oidc stand-in listening', {
    issuer,
    host: HOST,
    port,
    clientId: options.clientId,
    redirectUris: options.redirectUris,
    webClient: options.webClient ? { clientId: options.webClient.clientId, redirectUris: options.webClient.redirectUris } : undefined,
    autoLogin: options.autoLogin,
    anyTestIdentity: options.anyTestIdentity ?? false,
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
      server.close((error) => {
        clearTimeout(force);
        if (error) return reject(error);
        logger.info('google oidc stand-in stopped', { issuer });
        resolve();
      });
      server.closeIdleConnections();
    });
    return stopping;
  };

  return { issuer, port, clientId: options.clientId, redirectUris: options.redirectUris, stop };
}
