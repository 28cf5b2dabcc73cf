/**
 * Public surface for other packages' end-to-end tests: drive a sign-in through the stand-in,
 * start it in-process, and know its test users. Importing this module starts nothing.
 */
import type { RunningProvider, StartOptions } from './server.js';

export { loginWithCode, obtainIdToken, type LoginOptions, type LoginResult } from './test-login.js';
export { testUsers, type TestUser } from './domain/test-users.js';
export type { RunningProvider, StartOptions } from './server.js';
export { createMemoryLogger } from './logger.js';

/**
 * Starts the stand-in in this process. oidc-provider is loaded only here, because importing it prints a
 * runtime warning on Node 20; tests that only call the helpers against a running stand-in never load it.
 */
export async function startGoogleOidcStandin(options: StartOptions): Promise<RunningProvider> {
  const { start } = await import('./server.js');
  return start(options);
}
