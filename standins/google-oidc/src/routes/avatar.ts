import type { ServerResponse } from 'node:http';
import { avatarSvg, findTestUserBySub } from '../domain/test-users.js';

const pattern = /^\/avatars\/(\d+)\.svg$/;

/** GET /avatars/:sub.svg — the `picture` claim points here, so the app's image loads work offline. */
export function avatarRoute(method: string, pathname: string): ((res: ServerResponse) => void) | undefined {
  const sub = pattern.exec(pathname)?.[1];
  if (method !== 'GET' || sub === undefined) return undefined;
  return (res) => {
    const user = findTestUserBySub(sub);
    if (user === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no such test user');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }).end(avatarSvg(user));
  };
}
