import { createHash } from 'node:crypto';

/**
 * The fixed test accounts. Subjects look like Google's (21 decimal digits) so that code which stores
 * or validates `sub` meets the real shape; one account has an unverified email so the backend's
 * "reject unverified email" rule can be exercised.
 */
export interface TestUser {
  readonly sub: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
}

export const testUsers: readonly TestUser[] = Object.freeze([
  { sub: '110000000000000000001', email: 'minji.kim@example.com', emailVerified: true, name: '김민지', givenName: '민지', familyName: '김' },
  { sub: '110000000000000000002', email: 'junho.lee@example.com', emailVerified: true, name: '이준호', givenName: '준호', familyName: '이' },
  { sub: '110000000000000000003', email: 'seoyeon.park@example.com', emailVerified: true, name: '박서연', givenName: '서연', familyName: '박' },
  { sub: '110000000000000000004', email: 'yujin.choi@example.com', emailVerified: false, name: '최유진', givenName: '유진', familyName: '최' },
]);

/**
 * Test identities: with OIDC_TEST_IDENTITIES=true any address at this domain signs in, so each
 * test can make its own users (`<anything>@healthsync.test`; the `.test` TLD is reserved for
 * testing). The same address is always the same account (its sub is derived from it); an address
 * whose local part starts with `unverified` has an unverified email.
 */
export const TEST_IDENTITY_DOMAIN = 'healthsync.test';
const TEST_IDENTITY = /^([a-z0-9][a-z0-9._+-]{0,63})@healthsync\.test$/;
/** Identities handed out so far, by sub: a sub only comes back after its address was seen. */
const identities = new Map<string, TestUser>();

function testIdentity(email: string): TestUser | undefined {
  const local = TEST_IDENTITY.exec(email)?.[1];
  if (local === undefined) return undefined;
  // 21 digits like Google's subjects, starting with 2 so they never meet the fixed accounts' 1….
  const digits = BigInt(`0x${createHash('sha256').update(email).digest('hex')}`)
    .toString()
    .slice(0, 20);
  const user: TestUser = {
    sub: `2${digits}`,
    email,
    emailVerified: !local.startsWith('unverified'),
    name: `테스트 ${local}`,
    givenName: local,
    familyName: '테스트',
  };
  identities.set(user.sub, user);
  return user;
}

export function findTestUserByEmail(email: string, options: { anyTestIdentity?: boolean } = {}): TestUser | undefined {
  const wanted = email.trim().toLowerCase();
  return testUsers.find((user) => user.email === wanted) ?? (options.anyTestIdentity ? testIdentity(wanted) : undefined);
}

export function findTestUserBySub(sub: string): TestUser | undefined {
  return testUsers.find((user) => user.sub === sub) ?? identities.get(sub);
}

/** The claims Google puts in an ID token for scopes openid email profile. */
export function googleClaims(user: TestUser, issuer: string): Record<string, string | boolean> & { sub: string } {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: user.emailVerified,
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    picture: `${issuer}/avatars/${user.sub}.svg`,
  };
}

/** A round avatar with the given name's first character, standing in for Google's profile picture. */
export function avatarSvg(user: TestUser): string {
  const initial = user.givenName.slice(0, 1);
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">' +
    '<circle cx="48" cy="48" r="48" fill="#1a73e8"/>' +
    `<text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text>` +
    '</svg>'
  );
}
