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

export function findTestUserByEmail(email: string): TestUser | undefined {
  const wanted = email.trim().toLowerCase();
  return testUsers.find((user) => user.email === wanted);
}

export function findTestUserBySub(sub: string): TestUser | undefined {
  return testUsers.find((user) => user.sub === sub);
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
