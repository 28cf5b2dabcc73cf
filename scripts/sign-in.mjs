// `npm run sign-in -- [email]`: signs a test user in through the running system the way the
// app does (Google stand-in → ID token → POST /api/auth/google) and prints the tokens, for
// trying the API with curl. Test users: see standins/google-oidc/README.md.
import { runMain, fail } from './lib/log.mjs';
import { gatewayUrl, ports } from './lib/ports.mjs';

await runMain(async () => {
  const email = process.argv[2] ?? 'minji.kim@example.com';
  const { obtainIdToken } = await import('@healthsync/standin-google-oidc');
  const nonce = `cli-${Date.now()}`;
  let idToken;
  try {
    idToken = await obtainIdToken({
      issuer: `http://127.0.0.1:${ports.oidc}`,
      clientId: 'healthsync-mobile',
      redirectUri: 'com.healthsync.app:/oauth2redirect',
      loginHint: email,
      nonce,
    });
  } catch (error) {
    fail(`Could not sign in at the Google stand-in (is \`npm start\` running?): ${error.message}`);
  }
  const response = await fetch(`${gatewayUrl}/api/auth/google`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idToken, nonce }),
  });
  const body = await response.json();
  if (!response.ok) fail(`Sign-in answered ${response.status}: ${JSON.stringify(body)}`);
  console.log(JSON.stringify(body, null, 2));
  console.error(`\nexport TOKEN=${body.accessToken}`);
});
