/**
 * A minimum supported app version. The mobile app sends `X-App-Version` (e.g. `2.3.1`) and
 * `X-App-Platform` (`ios`, `android`); a version below the minimum is told to update from its
 * store. A client that sends no version (the web client, a developer's curl) is not judged. Pure.
 */
export const APP_VERSION_HEADER = 'x-app-version';
export const APP_PLATFORM_HEADER = 'x-app-platform';

const VERSION = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:[-+][0-9A-Za-z.-]{1,64})?$/;

export type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export type VersionVerdict = { kind: 'ok' } | { kind: 'invalid' } | { kind: 'too-old'; minimum: string; platform: 'ios' | 'android' | undefined };

export function judgeAppVersion(sent: string | undefined, platform: string | undefined, minimum: Version | undefined): VersionVerdict {
  if (sent === undefined || !minimum) return { kind: 'ok' };
  const version = parseVersion(sent);
  if (!version) return { kind: 'invalid' };
  if (compareVersions(version, minimum) >= 0) return { kind: 'ok' };
  const known = platform?.trim().toLowerCase();
  return { kind: 'too-old', minimum: minimum.join('.'), platform: known === 'ios' || known === 'android' ? known : undefined };
}
