// Opens the API reference in headless Chromium, signs in with its Authorize button (the
// googleSignIn scheme: code + PKCE at the Google stand-in, redeemed at /api/auth/token),
// calls GET /api/users/me with try-it-out and saves a screenshot. Needs `npm start` running
// and Chromium (Debian: apt-get install chromium).
//
//   node scripts/docs-screenshot.mjs [out.png] [email]
import { chromium } from 'playwright-core';
import { gatewayUrl } from './lib/ports.mjs';

const out = process.argv[2] ?? '.data/api-docs.png';
const email = process.argv[3] ?? 'minji.kim@example.com';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 }, locale: 'ko-KR' });
  const page = await context.newPage();
  const failures = [];
  page.on('console', (message) => message.type() === 'error' && failures.push(message.text()));
  await page.goto(`${gatewayUrl}/api/docs`);
  await page.waitForSelector('.swagger-ui .info .title');

  // Authorize → googleSignIn → the issuer's sign-in page in a popup → back to the page.
  await page.click('button.authorize');
  const section = page.locator('.auth-container', { hasText: 'googleSignIn' });
  const [popup] = await Promise.all([page.waitForEvent('popup'), section.locator('button.authorize').click()]);
  await popup.waitForSelector(`button[name="email"][value="${email}"]`);
  await Promise.all([popup.waitForEvent('close'), popup.click(`button[name="email"][value="${email}"]`).catch(() => undefined)]);
  await page
    .locator('.modal-ux')
    .getByText('Authorized', { exact: true })
    .waitFor()
    .catch(async (error) => {
      throw new Error(`not signed in: ${(await page.locator('.modal-ux').innerText()).slice(0, 800)}`, { cause: error });
    });
  await page.locator('.modal-ux button.close-modal').click();

  // Try it out: GET /api/users/me with the HealthSync token the sign-in produced.
  const operation = page.locator('#operations-users-getMyAccount');
  await operation.locator('.opblock-summary-path').click();
  // The page opens operations ready to try (tryItOutEnabled); the button then reads Cancel.
  const tryOut = operation.getByRole('button', { name: 'Try it out' });
  if (await tryOut.isVisible()) await tryOut.click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const answered = (await status.innerText()).trim();
  // From the tag's heading (Korean and English) to the answer of the call.
  const top = await page.locator('#operations-tag-users').boundingBox();
  const answer = await operation.locator('.live-responses-table').boundingBox();
  if (!top || !answer) throw new Error('the operation is not on the page');
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: scrollY + top.y - 8, width: 1280, height: answer.y + answer.height - top.y + 16 } });
  const body = await operation.locator('.live-responses-table .microlight').first().innerText();
  console.log(`GET /api/users/me from the reference page: ${answered}`);
  console.log(body.slice(0, 400));
  if (failures.length > 0) console.log(`browser console errors: ${failures.join(' | ')}`);
  if (answered !== '200') process.exitCode = 1;
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}
