/**
 * The web client in a real browser against the real running system: one person goes through every
 * flow the way they would — Google sign-in (authorization code + PKCE at the Google stand-in's page),
 * onboarding, NHIS linking with the approval on the NHIS stand-in's "phone" page, the judged checkup,
 * the trend charts, the AI reading (and its rule-based fallback), missions with check-offs, streaks and
 * a celebration, the streamed chat (and the emergency guidance), the inbox, quiet hours and opt-out,
 * sign-out and account deletion. Every page is scanned with axe-core and photographed
 * (.data/screenshots/web). What the test itself arranges is only what a person cannot do from the web:
 * NHIS's records (the stand-in's registry), and, for the inbox and the celebration, activity from
 * earlier days.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { seoulDay } from '../support/goals.js';
import { identity, nhisClock, nhisUrl, registerNhisPerson, type NhisIdentity } from '../support/health.js';
import { setClaudeBehaviour } from '../support/intelligence.js';
import { chooseMissionsDaysAgo, seoulClock } from '../support/notifications.js';
import { gatewayUrl, secrets } from '../support/system.js';
import { api, newIdentity } from '../support/users.js';
import { launch, styleOf, tokenOf, Visit, webUrl } from './support.js';

const PROFILE = { name: '박하늘', birthDate: '1985-06-15' };

/** NHIS's records of this person: 2024 with a diabetes-range fasting glucose and no haemoglobin result. */
function checkups() {
  const common = {
    organization_name: '하늘내과의원',
    height_cm: '162.0',
    weight_kg: '56.0',
    bmi: '21.3',
    waist_cm: '74.0',
    vision_l: '1.0',
    vision_r: '1.0',
    hearing_l: '정상',
    hearing_r: '정상',
    urine_protein: '음성',
    creatinine: '0.7',
    egfr: '104',
    ast: '21',
    alt: '17',
    ggt: '19',
    chest_xray: '정상',
    smoking: '피우지 않는다',
    drinking: '마신다',
  };
  return [
    // No hemoglobin: a blood test offered and not done (미검사).
    { ...common, year: '2024', examDate: '20240611', sbp: '128', dbp: '82', fasting_glucose: '131' },
    { ...common, year: '2022', examDate: '20220608', sbp: '116', dbp: '74', fasting_glucose: '94', hemoglobin: '13.1' },
  ];
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor();
}

/** A link of the main menu. */
function menu(page: Page, name: string) {
  return page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name, exact: true });
}

/** No raw HTTP status or machine code in what the person reads. */
function assertPlainKorean(message: string): void {
  assert.match(message, /[가-힣]/, `Korean: ${message}`);
  assert.doesNotMatch(message, /\b[45]\d\d\b|[A-Z]{3,}_[A-Z_]+|status/i, `no status or code: ${message}`);
}

describe('the web client in a browser, every flow against the running system', () => {
  let browser: Browser;
  let visit: Visit;
  let page: Page;
  const email = newIdentity('web');
  let nhis: NhisIdentity;
  let userId: string;
  let token: string;
  let missionIds: string[] = [];
  const started = Date.now();

  before(async () => {
    browser = await launch();
    visit = await Visit.open(browser);
    page = visit.page;
    nhis = identity(PROFILE.name, PROFILE.birthDate);
    // The stand-ins as a person meets them: real time at NHIS, ordinary answers from Claude.
    await nhisClock(0);
    await setClaudeBehaviour({ mode: 'normal' });
  });

  after(async () => {
    await setClaudeBehaviour({ mode: 'normal' }).catch(() => undefined);
    await visit?.close();
    await browser?.close();
    if (visit) {
      console.log(`browser test: ${((Date.now() - started) / 1000).toFixed(1)} s; pages scanned with axe-core:`);
      for (const s of visit.scanned) console.log(`  ${s.name.padEnd(22)} ${s.violations} violations, ${s.serious} serious or critical`);
      assert.deepEqual(visit.pageErrors, [], 'no uncaught error in the page');
    }
  });

  test('when the web client is served, then hashed assets are cached for a year, the page is revalidated, app paths get the page, and the gateway lets it call', async () => {
    const index = await fetch(`${webUrl}/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, new RegExp(`connect-src 'self' ${gatewayUrl.replace(/[.]/g, '\\.')}`));
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html loads a hashed script');
    const asset = await fetch(`${webUrl}${script}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    const deep = await fetch(`${webUrl}/missions`);
    assert.equal(deep.headers.get('cache-control'), 'no-cache');
    assert.equal(await deep.text(), html, 'an app path is answered with the page');
    assert.equal((await fetch(`${webUrl}/assets/missing-0123456789.js`)).status, 404);
    assert.equal((await fetch(`${webUrl}/%2e%2e/package.json`)).status, 404);
    assert.equal((await fetch(`${webUrl}/`, { method: 'POST' })).status, 405);
    const config = (await (await fetch(`${webUrl}/config.json`)).json()) as { apiBaseUrl: string };
    assert.equal(config.apiBaseUrl, gatewayUrl);

    const preflight = (origin: string) =>
      fetch(`${gatewayUrl}/api/users/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(webUrl);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), webUrl);
    assert.equal((await preflight('http://127.0.0.1:3999')).status, 403, 'another origin is refused');
  });

  test('when a person signs in with Google, then the browser runs the code flow with PKCE at the sign-in page and lands on onboarding', async () => {
    await visit.step('sign-in page', async () => {
      await page.goto(webUrl);
      await expectHeading(page, 'HealthSync에 오신 것을 환영해요');
      await visit.record('01-sign-in');
    });
    const authorize = await visit.step('to the Google sign-in page', async () => {
      const request = page.waitForRequest((r) => r.url().startsWith('http://127.0.0.1:14000/auth?'));
      await page.getByRole('button', { name: 'Google 계정으로 로그인' }).click();
      return new URL((await request).url());
    });
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 22, 'a state');
    assert.ok((authorize.searchParams.get('nonce') ?? '').length >= 22, 'a nonce');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${webUrl}/auth/callback`);

    await visit.step('choose another account on the Google page', async () => {
      await page.locator('#other-email').fill(email);
      await page.getByRole('button', { name: '다음' }).click();
      await expectHeading(page, '프로필을 알려 주세요');
    });
    assert.equal(new URL(page.url()).search, '', 'the code and state are gone from the address bar');
    token = await tokenOf(page);
    const me = await api('/api/users/me', { token });
    const account = (await me.json()) as { id: string; email: string; onboardingRequired: boolean };
    assert.equal(account.email, email);
    assert.equal(account.onboardingRequired, true);
    userId = account.id;
    await visit.step('onboarding page', () => visit.record('02-onboarding'));
  });

  test('when the person completes onboarding with a mistake first, then the mistake is named in Korean and the second try opens the home screen', async () => {
    await visit.step('onboarding with a birth date in the future', async () => {
      await page.getByLabel('이름').fill(PROFILE.name);
      await page.getByLabel('생년월일').fill('2090-01-01');
      await page.getByLabel('여성').check();
      await page.getByLabel('직업').selectOption('OFFICE_WORKER');
      await page.getByRole('button', { name: '시작하기' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const message = await alert.innerText();
      assert.match(message, /생년월일/);
      assertPlainKorean(message);
    });
    await visit.step('onboarding completed', async () => {
      await page.getByLabel('생년월일').fill(PROFILE.birthDate);
      // The two consents (PIPA) are separate, optional and unticked until the person ticks them.
      const healthData = page.getByLabel(/건강정보\(민감정보\) 수집·이용에 동의/);
      const overseas = page.getByLabel(/국외 이전/);
      assert.equal(await healthData.isChecked(), false);
      assert.equal(await overseas.isChecked(), false);
      await healthData.check();
      await overseas.check();
      await page.getByRole('button', { name: '시작하기' }).click();
      await expectHeading(page, `${PROFILE.name}님, 안녕하세요`);
      await page.getByRole('link', { name: '건강검진 연동하기' }).waitFor();
    });
    // What NHIS holds about this person, and (for the inbox) missions chosen eight days ago, as the
    // goal service would have announced them then.
    await registerNhisPerson(nhis, checkups(), { sex: 'F', pdf: true });
    await chooseMissionsDaysAgo(userId, 8);
  });

  test('when the person links NHIS and approves on the phone page, then the import finishes; a wrong name is refused in Korean first', async () => {
    await visit.step('link form', async () => {
      await page.getByRole('link', { name: '건강검진 연동하기' }).click();
      await expectHeading(page, '건강검진 연동');
      await visit.record('03-link-form');
    });
    await visit.step('someone else’s name is refused', async () => {
      await page.getByLabel('이름').fill('김다른');
      await page.getByLabel('휴대폰 번호').fill(nhis.phone);
      await page.getByLabel('간편인증 앱').selectOption('KAKAO');
      await page.getByRole('button', { name: '인증 요청 보내기' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const message = await alert.innerText();
      assert.match(message, /본인의 검진만/);
      assertPlainKorean(message);
    });
    await visit.step('approval requested', async () => {
      await page.getByLabel('이름').fill(PROFILE.name);
      await page.getByRole('button', { name: '인증 요청 보내기' }).click();
      await expectHeading(page, '인증 앱에서 승인해 주세요');
      await page.getByText('카카오톡', { exact: true }).waitFor();
      await visit.record('04-link-pending');
    });
    await visit.step('completing before approving says so', async () => {
      await page.getByRole('button', { name: '인증 완료' }).click();
      await page.getByText('아직 승인되지 않았어요').waitFor();
    });
    await visit.step('approve on the NHIS stand-in’s phone page', async () => {
      const phone = await visit.context.newPage();
      try {
        await phone.goto(`${nhisUrl}/_control/approvals`);
        const digits = nhis.phone.replace(/\D/g, '');
        const masked = `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
        const row = phone.locator('tr', { hasText: masked });
        await row.getByRole('button', { name: /승인/ }).click();
        await phone.waitForURL(`${nhisUrl}/_control/approvals`);
        assert.equal(await phone.locator('tr', { hasText: masked }).count(), 0, 'no longer pending');
      } finally {
        await phone.close();
      }
    });
    await visit.step('import finished', async () => {
      await page.getByRole('button', { name: '인증 완료' }).click();
      await expectHeading(page, '검진 결과를 가져왔어요');
      await page.getByText('새 검진 결과 2건을 가져왔어요.').waitFor();
      await visit.record('05-link-imported');
    });
  });

  test('when the person opens the checkup, then every item is judged in colour with its range beside it, and the untested one says so', async () => {
    await visit.step('latest checkup', async () => {
      await page.getByRole('link', { name: '검진 결과 보기' }).click();
      await expectHeading(page, '최근 건강검진 결과');
      await page.locator('tr.item').first().waitFor();
    });
    const glucose = page.locator('tr[data-item="FASTING_GLUCOSE"]');
    assert.equal(await glucose.getAttribute('data-grade'), 'SUSPECTED_DISEASE');
    assert.match(await glucose.locator('.value').innerText(), /131 mg\/dL/);
    assert.equal((await glucose.locator('.badge').innerText()).trim(), '질환의심');
    const glucoseRanges = await glucose.locator('.ranges').innerText();
    assert.match(glucoseRanges, /정상A\s*100 미만/);
    assert.match(glucoseRanges, /질환의심\s*126 이상/);
    const pressure = page.locator('tr[data-item="BLOOD_PRESSURE"]');
    assert.equal((await pressure.locator('.badge').innerText()).trim(), '정상B');
    assert.match(await pressure.locator('.value').innerText(), /128\/82/);
    const alt = page.locator('tr[data-item="ALT"]');
    assert.equal((await alt.locator('.badge').innerText()).trim(), '정상A');
    const hemoglobin = page.locator('tr[data-item="HEMOGLOBIN"]');
    assert.equal(await hemoglobin.getAttribute('data-grade'), 'NOT_TESTED');
    assert.equal((await hemoglobin.locator('.value').innerText()).trim(), '검사 안 함');
    assert.equal((await hemoglobin.locator('.badge').innerText()).trim(), '미검사');
    // The colours a person sees: red, amber, green, grey.
    assert.equal(await styleOf(page, 'tr[data-item="FASTING_GLUCOSE"] .badge', 'background-color'), 'rgb(253, 226, 223)');
    assert.equal(await styleOf(page, 'tr[data-item="BLOOD_PRESSURE"] .badge', 'background-color'), 'rgb(255, 241, 204)');
    assert.equal(await styleOf(page, 'tr[data-item="ALT"] .badge', 'background-color'), 'rgb(227, 242, 230)');
    assert.equal(await styleOf(page, 'tr[data-item="HEMOGLOBIN"] .badge', 'background-color'), 'rgb(241, 241, 241)');
    const history = page.locator('ul.history li');
    assert.equal(await history.count(), 2);
    assert.match(await history.first().innerText(), /2024년 6월 11일/);
    await visit.step('checkup page', () => visit.record('06-checkup'));
    await visit.step('an older checkup from the history', async () => {
      await history.nth(1).getByRole('link').click();
      await expectHeading(page, '2022년 6월 8일 검진 결과');
      assert.equal(await page.locator('tr[data-item="FASTING_GLUCOSE"]').getAttribute('data-grade'), 'NORMAL_A');
      await visit.record('07-checkup-2022');
    });
  });

  test('when the person opens the trends, then each item is drawn as a line over its grade bands', async () => {
    await visit.step('trends page', async () => {
      await menu(page, '추이').click();
      await expectHeading(page, '검진 항목별 추이');
      await page.locator('figure.trend').first().waitFor();
    });
    const chart = page.locator('figure[data-item="fasting_glucose"] svg.trend-chart');
    assert.equal(await chart.getAttribute('data-points'), '2');
    const points = chart.locator('g.point');
    assert.equal(await points.count(), 2);
    assert.deepEqual(await points.first().locator('text').first().allTextContents(), ['94']);
    assert.match((await chart.locator('path.trend-line').getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    const grades = await chart.locator('rect.band').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-grade')));
    assert.deepEqual([...new Set(grades)].sort(), ['NORMAL_A', 'NORMAL_B', 'SUSPECTED_DISEASE']);
    // The 2024 point (131) is drawn inside the red band, the 2022 one (94) inside the green one.
    const inside = await chart.evaluate((svg) => {
      const bandAt = (y: number) =>
        [...svg.querySelectorAll('rect.band')]
          .find((r) => y >= Number(r.getAttribute('y')) && y <= Number(r.getAttribute('y')) + Number(r.getAttribute('height')))
          ?.getAttribute('data-grade');
      return [...svg.querySelectorAll('g.point circle')].map((c) => bandAt(Number(c.getAttribute('cy'))));
    });
    assert.deepEqual(inside, ['NORMAL_A', 'SUSPECTED_DISEASE']);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, 'the chart is drawn at a readable size');
    await visit.step('trends page', () => visit.record('08-trends'));
  });

  test('when the AI cannot be used, then the reading is marked as the rule-based one; once it can, the AI’s three lines and score show', async () => {
    await setClaudeBehaviour({ mode: 'malformed' });
    try {
      await visit.step('fallback reading', async () => {
        await menu(page, 'AI 해석').click();
        await expectHeading(page, 'AI 검진 해석');
        await page.locator('article.reading').waitFor();
        assert.equal(await page.locator('article.reading').getAttribute('data-source'), 'FALLBACK');
        await page.getByText('규칙 기반 해석').waitFor();
        assert.equal(await page.locator('ol.lines li').count(), 3);
        await visit.record('09-reading-fallback');
      });
    } finally {
      await setClaudeBehaviour({ mode: 'normal' });
    }
    await visit.step('AI reading', async () => {
      await page.getByRole('button', { name: '다시 불러오기' }).click();
      await page.locator('article.reading[data-source="AI"]').waitFor();
      assert.equal(await page.getByText('규칙 기반 해석').count(), 0);
      const lines = page.locator('ol.lines li');
      assert.deepEqual(await lines.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))), ['OVERALL', 'MAIN_RISK', 'OCCUPATION']);
      for (const text of await lines.allInnerTexts()) assert.ok(text.trim().length > 10, text);
      const score = Number(await page.locator('.score-number .value').innerText());
      assert.ok(score >= 0 && score <= 100, `score ${score}`);
      await visit.record('10-reading');
    });
  });

  test('when the person sets quiet hours away from now, then the day’s nudge arrives in the inbox and can be read', async () => {
    const quiet = { start: seoulClock(180), end: seoulClock(240) };
    await visit.step('quiet hours', async () => {
      await menu(page, '설정').click();
      await expectHeading(page, '설정');
      await page.getByLabel('시작', { exact: true }).fill(quiet.start);
      await page.getByLabel('끝', { exact: true }).fill(quiet.end);
      await page.getByRole('button', { name: '알림 설정 저장' }).click();
      await page.getByText(`${quiet.start}–${quiet.end}에는 알림을 미룰게요.`).waitFor();
      await visit.record('11-settings');
    });
    await visit.step('consents and who read the health data', async () => {
      // The AI reading read the checkup for this person: the log says so, and so do their own reads.
      await page
        .getByText(/HealthSync AI 서비스가 AI 건강검진 해석을 위해/)
        .first()
        .waitFor();
      await page
        .getByText(/본인이 .*열람했습니다/)
        .first()
        .waitFor();
      // Before withdrawing health data: what it destroys (PIPA art. 21, 37).
      await page.getByText(/철회하면 저장된 건강검진 결과와 결과지, 건강보험공단 연동 기록/).waitFor();
      const overseas = 'AI 기능을 위한 건강정보 국외 이전(미국 Anthropic)';
      await page.getByRole('button', { name: `${overseas} 동의 철회` }).click();
      await page.getByRole('button', { name: `${overseas} 동의하기` }).waitFor();
      // Given again, for the chat later on.
      await page.getByRole('button', { name: `${overseas} 동의하기` }).click();
      await page.getByRole('button', { name: `${overseas} 동의 철회` }).waitFor();
    });
    await visit.step('the nudge in the inbox', async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        await menu(page, '알림함').click();
        await expectHeading(page, '알림함');
        await page.getByTestId('unread').waitFor();
        if ((await page.locator('ul.inbox li').count()) > 0) break;
        if (Date.now() > deadline) assert.fail('no nudge in the inbox within 60 s');
        await menu(page, '홈').click();
        await page.waitForTimeout(2_000);
      }
      assert.equal((await page.getByTestId('unread').innerText()).trim(), '읽지 않은 알림 1개');
      const item = page.locator('ul.inbox li').first();
      assert.equal(await item.getAttribute('data-read'), 'false');
      assert.ok((await item.locator('.inbox-text').innerText()).trim().length > 5);
      await visit.record('12-inbox');
      await item.getByRole('button', { name: '읽음으로 표시' }).click();
      await page.locator('ul.inbox li[data-read="true"]').waitFor();
      assert.equal((await page.getByTestId('unread').innerText()).trim(), '읽지 않은 알림 0개');
    });
  });

  test('when the person takes five AI missions, then at most five can be chosen, check-offs of today and yesterday count, and a three-day streak is celebrated', async () => {
    await visit.step('five recommendations', async () => {
      await menu(page, '미션').click();
      await expectHeading(page, '건강 미션');
      await page.getByRole('button', { name: 'AI 추천 미션 받기' }).click();
      await page.getByRole('list', { name: 'AI 추천 미션' }).waitFor();
      const recommended = page.getByRole('list', { name: 'AI 추천 미션' }).getByRole('checkbox');
      assert.equal(await recommended.count(), 5);
      for (let i = 0; i < 5; i++) await recommended.nth(i).check();
      await page.getByText('5개 선택 · 최대 5개까지 고를 수 있어요').waitFor();
      await page.getByText('기본 미션에서 고르기').click();
      const catalogue = page.getByRole('list', { name: '기본 미션' }).getByRole('checkbox');
      assert.ok((await catalogue.count()) > 0);
      assert.equal(await catalogue.first().isDisabled(), true, 'a sixth cannot be chosen');
      await visit.record('13-missions-choose');
      // Three of them.
      await recommended.nth(3).uncheck();
      await recommended.nth(4).uncheck();
      await page.getByRole('button', { name: '선택한 미션으로 시작하기' }).click();
      await page.locator('li.mission').nth(2).waitFor();
      assert.equal(await page.locator('li.mission').count(), 3);
      missionIds = await page.locator('li.mission').evaluateAll((items) => items.map((i) => i.getAttribute('data-mission') ?? ''));
    });
    // The first mission was also done the day before yesterday (the API takes only today and yesterday).
    const db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    try {
      await db.query('insert into goal_service.completions (user_id, mission_id, completed_on) values ($1, $2, $3)', [userId, missionIds[0], seoulDay(-2)]);
    } finally {
      await db.end();
    }
    const first = page.locator(`li.mission[data-mission="${missionIds[0]}"]`);
    await visit.step('yesterday checked off', async () => {
      await first.getByLabel('어제 완료').check();
      await first.getByText('2일 연속').waitFor();
      await page.getByTestId('today-rate').getByText('0%').waitFor();
    });
    await visit.step('today checked off: a celebration', async () => {
      await first.getByLabel('오늘 완료').check();
      await first.getByText('3일 연속').waitFor();
      await page.locator('.celebration').waitFor();
      assert.match(await page.locator('.celebration').innerText(), /🎉/);
      await page.getByTestId('today-rate').getByText('33.3%').waitFor();
      assert.match(await page.getByTestId('today-rate').innerText(), /\(1\/3\)/);
      await page.locator('ul.celebrations li').first().waitFor();
      assert.match(await page.locator('ul.celebrations li').first().innerText(), /3일 연속/);
      assert.notEqual((await page.getByTestId('overall-rate').innerText()).trim(), '–');
      await visit.record('14-missions');
    });
    await visit.step('an undo counts too', async () => {
      const second = page.locator(`li.mission[data-mission="${missionIds[1]}"]`);
      await second.getByLabel('오늘 완료').check();
      await page.getByTestId('today-rate').getByText('66.7%').waitFor();
      await second.getByLabel('오늘 완료').uncheck();
      await page.getByTestId('today-rate').getByText('33.3%').waitFor();
    });
  });

  test('when the person asks the AI, then the answer streams in piece by piece; an emergency gets the 119 guidance first', async () => {
    await visit.step('chat page', async () => {
      await menu(page, 'AI 상담').click();
      await expectHeading(page, 'AI 건강 상담');
    });
    // The stand-in pauses between the model's events, so the stream can be watched arriving.
    await setClaudeBehaviour({ mode: 'normal', chunkDelayMs: 150 });
    try {
      const lengths = await visit.step('a streamed answer', async () => {
        await page.getByLabel('질문').fill('공복혈당을 낮추려면 어떤 운동과 식단이 좋을까요?');
        const watching = page.evaluate(
          () =>
            new Promise<number[]>((resolve) => {
              const seen: number[] = [];
              const started = Date.now();
              const timer = setInterval(() => {
                const answer = [...document.querySelectorAll('li.message-assistant')].at(-1);
                if (answer) {
                  const length = answer.querySelector('.bubble')?.textContent?.replace(/^…$/, '').length ?? 0;
                  if (answer.getAttribute('data-streaming') === 'true' && seen.at(-1) !== length) seen.push(length);
                  if (answer.getAttribute('data-streaming') === 'false' || Date.now() - started > 30_000) {
                    clearInterval(timer);
                    resolve(seen);
                  }
                }
              }, 15);
            }),
        );
        await page.getByRole('button', { name: '보내기' }).click();
        // A picture of the answer arriving (it may have finished by the time it is taken).
        await page
          .waitForFunction(() => {
            const answer = document.querySelector('li.message-assistant[data-streaming="true"] .bubble');
            return (answer?.textContent ?? '').length > 20;
          })
          .then(() => visit.screenshot('15-chat-streaming'))
          .catch(() => undefined);
        const seen = await watching;
        await page.locator('li.message-assistant[data-streaming="false"]').waitFor();
        return seen;
      });
      const growing = lengths.filter((n) => n > 0);
      assert.ok(growing.length >= 3, `the answer grew in at least three steps while streaming: ${lengths.join(' → ')}`);
      assert.deepEqual(
        growing,
        [...growing].sort((a, b) => a - b),
        'it only grows',
      );
      const answer = (await page.locator('li.message-assistant .bubble').last().innerText()).trim();
      assert.ok(answer.length > growing[0]!, 'the whole answer is longer than its first piece');
      assert.match(answer, /[가-힣]/);
      await page.locator('.suggested button').first().waitFor();
      await visit.step('streamed chat page', () => visit.record('15-chat'));

      await visit.step('an emergency', async () => {
        await page.getByLabel('질문').fill('갑자기 가슴이 쥐어짜듯 아프고 식은땀이 나요');
        const firstPiece = page.evaluate(
          () =>
            new Promise<{ emergencyShown: boolean; text: string }>((resolve) => {
              const before = document.querySelectorAll('li.message-assistant').length;
              const timer = setInterval(() => {
                const answers = document.querySelectorAll('li.message-assistant');
                const answer = answers[answers.length - 1];
                const text = answer?.querySelector('.bubble')?.textContent ?? '';
                if (answers.length > before && text !== '' && text !== '…') {
                  clearInterval(timer);
                  resolve({ emergencyShown: answer!.querySelector('.emergency') !== null, text });
                }
              }, 10);
            }),
        );
        await page.getByRole('button', { name: '보내기' }).click();
        const seen = await firstPiece;
        assert.ok(seen.emergencyShown, 'the guidance box is there before the answer’s first words');
        assert.match(seen.text, /119/, `the first words are the 119 guidance: ${seen.text}`);
        await page.locator('li.message-assistant[data-streaming="false"]').nth(1).waitFor();
        const box = page.locator('.emergency[data-emergency="CARDIAC"]').last();
        assert.match(await box.innerText(), /119/);
        await visit.record('16-chat-emergency');
      });
    } finally {
      await setClaudeBehaviour({ mode: 'normal' });
    }
  });

  test('when the person opts out, then it is kept; signing out ends the session; deleting the account ends everything', async () => {
    await visit.step('opt out', async () => {
      await menu(page, '설정').click();
      await page.getByLabel('응원 메시지 받지 않기').check();
      await page.getByRole('button', { name: '알림 설정 저장' }).click();
      await page.getByText('응원 메시지를 보내지 않을게요.').waitFor();
      await page.reload();
      await expectHeading(page, '설정');
      await page.getByRole('button', { name: '알림 설정 저장' }).waitFor();
      assert.equal(await page.getByLabel('응원 메시지 받지 않기').isChecked(), true, 'kept after a reload');
    });
    await visit.step('home with everything', async () => {
      await menu(page, '홈').click();
      await expectHeading(page, `${PROFILE.name}님, 안녕하세요`);
      await page.getByText('1 / 3 완료').waitFor();
      await page.getByText('2024년 6월 11일').waitFor();
      await visit.record('17-home');
    });
    await visit.step('an expired access token is refreshed once and the page still loads', async () => {
      const stored = JSON.parse((await page.evaluate(() => sessionStorage.getItem('healthsync.session'))) ?? '{}') as {
        accessToken: string;
        refreshToken: string;
      };
      const claims = JSON.parse(Buffer.from(stored.accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
      const jwks = (await (await api('/api/auth/jwks')).json()) as { keys: { kid: string }[] };
      const expired = jwt.sign({ sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 60 }, secrets['jwt-signing-key']!, {
        algorithm: 'ES256',
        keyid: jwks.keys[0]!.kid,
        issuer: 'healthsync',
        audience: 'healthsync-api',
      });
      await page.evaluate((session) => sessionStorage.setItem('healthsync.session', session), JSON.stringify({ ...stored, accessToken: expired }));
      const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
      await page.reload();
      await refreshed;
      await expectHeading(page, `${PROFILE.name}님, 안녕하세요`);
      const now = JSON.parse((await page.evaluate(() => sessionStorage.getItem('healthsync.session'))) ?? '{}') as {
        accessToken: string;
        refreshToken: string;
      };
      assert.notEqual(now.accessToken, expired);
      assert.notEqual(now.refreshToken, stored.refreshToken, 'the refresh token rotated');
    });
    const before = await tokenOf(page);
    await visit.step('sign out', async () => {
      await menu(page, '설정').click();
      await page.getByRole('button', { name: '로그아웃' }).click();
      await expectHeading(page, 'HealthSync에 오신 것을 환영해요');
      await page.getByText('로그아웃했어요.').waitFor();
    });
    assert.equal((await api('/api/users/me', { token: before })).status, 401, 'the signed-out token no longer works');

    await visit.step('sign in again', async () => {
      await page.getByRole('button', { name: 'Google 계정으로 로그인' }).click();
      // The Google page may remember the account (its own session) or ask again.
      const chooser = page.locator('#other-email');
      await Promise.race([chooser.waitFor(), page.locator('h1', { hasText: '안녕하세요' }).waitFor()]);
      if (await chooser.isVisible()) {
        await chooser.fill(email);
        await page.getByRole('button', { name: '다음' }).click();
      }
      await expectHeading(page, `${PROFILE.name}님, 안녕하세요`);
    });
    const again = await tokenOf(page);
    await visit.step('delete the account', async () => {
      await menu(page, '설정').click();
      await page.getByRole('button', { name: '회원 탈퇴' }).click();
      await page.getByText('정말 탈퇴할까요?').waitFor();
      await visit.record('18-delete-confirm');
      await page.getByRole('button', { name: '탈퇴하기' }).click();
      await expectHeading(page, 'HealthSync에 오신 것을 환영해요');
      await page.getByText('탈퇴가 끝났어요').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('healthsync.session')), null);
    });
    assert.equal((await api('/api/users/me', { token: again })).status, 401, 'the deleted account’s token no longer works');
    assert.equal(await heading(page), 'HealthSync에 오신 것을 환영해요');
  });
});
