import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionDetails, InteractionResult } from 'oidc-provider';
import { findTestUserBySub, findTestUserByEmail, testUsers, type TestUser } from '../domain/test-users.js';
import type { Logger } from '../logger.js';
import { INTERACTION_PATH, SCOPES } from '../provider.js';

export interface InteractionRouteDeps {
  provider: Provider;
  clientId: string;
  /** OIDC_AUTO_LOGIN: sign in the login_hint user at once instead of showing the page. */
  autoLogin: boolean;
  /** Any `@healthsync.test` address signs in (see domain/test-users.ts). */
  anyTestIdentity: boolean;
  logger: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The sign-in "page" oidc-provider sends the browser to (interactions.url). It authenticates a test
 * user and records consent for the scopes Google grants, then hands back to the provider with
 * interactionFinished, so the rest of the flow is oidc-provider's own.
 *
 *   GET  /interaction/:uid          login_hint + OIDC_AUTO_LOGIN=true: finish at once; else the user list
 *   POST /interaction/:uid/login    form field `email`: finish as that user
 *   POST /interaction/:uid/abort    finish with access_denied
 *
 * Returns a handler for a request, or undefined when the path is not ours.
 */
export function createInteractionRoutes(deps: InteractionRouteDeps) {
  const { provider, clientId, autoLogin, anyTestIdentity, logger } = deps;

  const finish = (req: IncomingMessage, res: ServerResponse, result: InteractionResult) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });

  const signIn = async (req: IncomingMessage, res: ServerResponse, user: TestUser) => {
    // Consent is recorded together with the login: the app is first-party and Google does not ask either.
    const grant = new provider.Grant({ accountId: user.sub, clientId });
    grant.addOIDCScope(SCOPES);
    const grantId = await grant.save();
    logger.info('test user signed in', { sub: user.sub, auto: autoLogin });
    await finish(req, res, { login: { accountId: user.sub }, consent: { grantId } });
  };

  const unknownUser = (req: IncomingMessage, res: ServerResponse, email: string) => {
    logger.warn('sign-in refused: not a test user', { loginHint: email });
    return finish(req, res, {
      error: 'access_denied',
      error_description: `login_hint "${email}" is not a test user; known: ${testUsers.map((u) => u.email).join(', ')}`,
    });
  };

  const show = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      const user = details.session === undefined ? undefined : findTestUserBySub(details.session.accountId);
      if (user === undefined) return finish(req, res, { error: 'login_required', error_description: 'no signed-in test user' });
      return signIn(req, res, user);
    }
    if (details.prompt.name !== 'login') {
      return sendText(res, 501, `prompt "${details.prompt.name}" is not supported by this stand-in`);
    }
    const hint = loginHint(details);
    if (autoLogin && hint !== undefined) {
      const user = findTestUserByEmail(hint, { anyTestIdentity });
      return user === undefined ? unknownUser(req, res, hint) : signIn(req, res, user);
    }
    return sendHtml(res, loginPage(details.uid, hint, anyTestIdentity));
  };

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    await provider.interactionDetails(req, res); // fails clearly when the interaction is gone
    const email = (await readForm(req)).get('email') ?? '';
    const user = findTestUserByEmail(email, { anyTestIdentity });
    return user === undefined ? unknownUser(req, res, email) : signIn(req, res, user);
  };

  const abort = async (req: IncomingMessage, res: ServerResponse) => {
    await provider.interactionDetails(req, res);
    return finish(req, res, { error: 'access_denied', error_description: 'End-User cancelled the sign-in' });
  };

  const guarded =
    (handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        const status = clientErrorStatus(error);
        if (status === undefined) {
          logger.error('interaction failed', { error: error instanceof Error ? error.message : String(error) });
          return sendText(res, 500, 'internal error');
        }
        const { error: code, error_description: description } = error as { error?: string; error_description?: string };
        logger.warn('interaction refused', { status, error: code, description });
        return sendText(res, status, `error: ${code ?? 'invalid_request'}\nerror_description: ${description ?? ''}`);
      }
    };

  const pattern = new RegExp(`^${INTERACTION_PATH}/([A-Za-z0-9_-]+)(/login|/abort)?$`);
  return (method: string, pathname: string): Handler | undefined => {
    const match = pattern.exec(pathname);
    if (match === null) return undefined;
    const action = match[2];
    if (method === 'GET' && action === undefined) return guarded(show);
    if (method === 'POST' && action === '/login') return guarded(login);
    if (method === 'POST' && action === '/abort') return guarded(abort);
    return async (_req, res) => sendText(res, 405, 'method not allowed');
  };
}

function loginHint(details: InteractionDetails): string | undefined {
  const hint = details.params.login_hint;
  return typeof hint === 'string' && hint.trim() !== '' ? hint.trim() : undefined;
}

/** oidc-provider's own errors (SessionNotFound …) carry a 4xx statusCode and are safe to show. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const { statusCode } = error;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

const MAX_FORM_BYTES = 8 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw Object.assign(new Error('form too large'), { statusCode: 413, error: 'invalid_request' });
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The account chooser. With test identities on, it also has Google's "use another account" field,
 * so a browser test can sign in as its own `<name>@healthsync.test` user through the page.
 */
function loginPage(uid: string, hint: string | undefined, anyTestIdentity = false): string {
  const action = `${INTERACTION_PATH}/${uid}`;
  const rows = testUsers
    .map((user) => {
      const focus = hint !== undefined && user.email === hint.toLowerCase() ? ' autofocus' : '';
      const note = user.emailVerified ? '' : ' (email not verified)';
      return (
        `<li><button type="submit" name="email" value="${escapeHtml(user.email)}"${focus}>` +
        `${escapeHtml(user.name)} &lt;${escapeHtml(user.email)}&gt;${note}</button></li>`
      );
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>Google 계정 선택 (stand-in)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>계정 선택 — HealthSync local Google stand-in</h1>
${hint === undefined ? '' : `<p>login_hint: ${escapeHtml(hint)}</p>`}
<form method="post" action="${action}/login"><ul>
${rows}
</ul></form>
${
  anyTestIdentity
    ? `<form method="post" action="${action}/login"><label for="other-email">다른 계정 사용 (…@healthsync.test)</label>
<input id="other-email" name="email" type="email" autocomplete="off" required> <button type="submit">다음</button></form>`
    : ''
}
<form method="post" action="${action}/abort"><button type="submit">취소 (cancel)</button></form>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
