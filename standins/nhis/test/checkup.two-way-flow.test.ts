import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { type TwoWayData, approve, callProduct, control, deny, firstStep, getToken, secondStep, startStandin, uniquePerson } from './helpers.js';

const previewKeys = [
  'resCheckupYear',
  'resCheckupDate',
  'resCheckupPlace',
  'resHeight',
  'resWeight',
  'resWaist',
  'resBMI',
  'resSight',
  'resHearing',
  'resBloodPressure',
  'resUrinaryProtein',
  'resHemoglobin',
  'resFastingBloodSuger',
  'resTotalCholesterol',
  'resHDLCholesterol',
  'resTriglyceride',
  'resLDLCholesterol',
  'resSerumCreatinine',
  'resGFR',
  'resAST',
  'resALT',
  'resyGPT',
  'resTBChestDisease',
  'resOsteoporosis',
  'resJudgement',
];

describe('two-way simple auth on the checkup product', () => {
  let standin: RunningStandin;
  let token: string;
  before(async () => {
    standin = await startStandin();
    token = await getToken(standin.url);
  });
  after(() => standin.stop());

  test('when the first call carries an identity, then it answers CF-03002 with the two-way info', async () => {
    const before = Date.now();
    const { status, envelope, text } = await callProduct(standin.url, token, firstStep(uniquePerson()));
    assert.equal(status, 200);
    assert.ok(!text.startsWith('{'), 'the body is URL-encoded, not raw JSON');
    const { transactionId } = envelope.result;
    assert.match(transactionId, /^[0-9a-f]{24}$/);
    const data = envelope.data as unknown as TwoWayData;
    assert.ok(data.twoWayTimestamp >= before && data.twoWayTimestamp <= Date.now());
    assert.deepEqual(envelope, {
      result: {
        code: 'CF-03002',
        extraMessage: 'API 요청 처리가 정상 진행 중입니다. 추가 정보를 입력하세요.',
        message: '성공',
        transactionId,
      },
      data: {
        jobIndex: 0,
        threadIndex: 0,
        jti: transactionId,
        twoWayTimestamp: data.twoWayTimestamp,
        continue2Way: true,
        extraInfo: { commSimpleAuth: '' },
        method: 'simpleAuth',
      },
    });
  });

  test('when the user has not approved yet, then confirming answers CF-03002 again until the retry limit, then CF-12872', async () => {
    const first = firstStep(uniquePerson());
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    for (let i = 0; i < 2; i++) {
      const { envelope } = await callProduct(standin.url, token, secondStep(first, step1));
      assert.equal(envelope.result.code, 'CF-03002');
      assert.deepEqual(envelope.data, step1, 'the same two-way info is handed back');
    }
    const third = await callProduct(standin.url, token, secondStep(first, step1));
    assert.equal(third.envelope.result.code, 'CF-12872');
    assert.deepEqual(third.envelope.data, {});
    const approveLate = await approve(standin.url, step1.jti);
    assert.equal(approveLate.status, 409);
  });

  test('when the user approves on the phone, then confirming returns the checkup lists with plausible values', async () => {
    const first = firstStep(uniquePerson(), { inquiryType: '1' });
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    const pending = await callProduct(standin.url, token, secondStep(first, step1));
    assert.equal(pending.envelope.result.code, 'CF-03002');

    assert.deepEqual(await approve(standin.url, step1.jti), { status: 200, body: { state: 'approved' } });
    const { envelope } = await callProduct(standin.url, token, secondStep(first, step1));
    assert.equal(envelope.result.code, 'CF-00000');
    assert.equal(envelope.result.message, '성공');
    const data = envelope.data as {
      resCheckupTarget: string;
      resPreviewList: Record<string, string>[];
      resReferenceList: Record<string, string>[];
      resResultList: Record<string, unknown>[];
    };
    assert.equal(data.resCheckupTarget, first.userName);
    assert.ok(data.resPreviewList.length >= 1 && data.resPreviewList.length <= 10);
    assert.equal(data.resResultList.length, data.resPreviewList.length);

    for (const row of data.resPreviewList) {
      assert.deepEqual(Object.keys(row).sort(), [...previewKeys].sort());
      for (const v of Object.values(row)) assert.equal(typeof v, 'string');
      assert.match(row.resCheckupYear!, /^20\d\d$/);
      assert.match(row.resCheckupDate!, /^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, 'preview dates are MMDD');
      assert.match(row.resBloodPressure!, /^\d{2,3}\/\d{2,3}$/);
      const [sbp, dbp] = row.resBloodPressure!.split('/').map(Number) as [number, number];
      assert.ok(sbp > dbp && sbp >= 80 && sbp <= 220);
      assert.ok(Number(row.resHeight) > 130 && Number(row.resHeight) < 210);
      assert.ok(Number(row.resBMI) >= 15 && Number(row.resBMI) <= 40);
      assert.ok(Number(row.resFastingBloodSuger) >= 60 && Number(row.resFastingBloodSuger) <= 350);
      assert.match(row.resHemoglobin!, /^\d{1,2}\.\d$/);
      assert.match(row.resSerumCreatinine!, /^\d\.\d$/);
      assert.match(row.resUrinaryProtein!, /^(음성|약양성|양성\(\+[1-4]\))$/);
      assert.match(row.resSight!, /^\d\.\d\/\d\.\d$/);
      assert.match(row.resHearing!, /^(정상|비정상)\/(정상|비정상)$/);
      assert.ok(['정A', '정B', '의심', '고∙당', '유질'].includes(row.resJudgement!));
      for (const lipid of ['resTotalCholesterol', 'resHDLCholesterol', 'resTriglyceride', 'resLDLCholesterol']) {
        assert.match(row[lipid]!, /^(\d{2,3})?$/, 'lipids are numbers or blank when not tested that year');
      }
    }
    assert.deepEqual(
      data.resReferenceList.map((r) => r.resType),
      ['단위', '정상(A)', '정상(B)', '질환의심'],
    );
    const latest = data.resResultList[0]!;
    assert.equal(latest.resCheckupType, '일반검진');
    assert.match(String(latest.resCheckupDate), /^20\d{6}$/);
    assert.equal(String(latest.resCheckupDate).slice(4), data.resPreviewList[0]!.resCheckupDate);
    const pdf = Buffer.from(String(latest.resOriGinalData), 'base64').toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.4') && pdf.trimEnd().endsWith('%%EOF'));

    const again = await callProduct(standin.url, token, secondStep(first, step1));
    assert.equal(again.envelope.result.code, 'CF-00007', 'a finished session cannot be confirmed twice');
    assert.equal(again.envelope.result.extraMessage, 'twoWayInfo');
  });

  test('when the user denies on the phone, then confirming answers the denial code', async () => {
    const first = firstStep(uniquePerson());
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    assert.deepEqual(await deny(standin.url, step1.jti), { status: 200, body: { state: 'denied' } });
    const { envelope } = await callProduct(standin.url, token, secondStep(first, step1));
    assert.deepEqual(
      { code: envelope.result.code, message: envelope.result.message, data: envelope.data },
      { code: 'CF-12863', message: '사용자가 인증을 취소했습니다.', data: {} },
    );
  });

  test('when a required parameter is missing or malformed, then it answers CF-00001 / CF-00007 naming the field', async () => {
    const person = uniquePerson();
    const missing = { ...firstStep(person) };
    delete missing.phoneNo;
    const r1 = await callProduct(standin.url, token, missing);
    assert.deepEqual([r1.envelope.result.code, r1.envelope.result.extraMessage], ['CF-00001', 'phoneNo']);

    const r2 = await callProduct(standin.url, token, firstStep(person, { identity: '19751345' }));
    assert.deepEqual([r2.envelope.result.code, r2.envelope.result.extraMessage], ['CF-00007', 'identity']);

    const pass = await callProduct(standin.url, token, firstStep(person, { loginTypeLevel: '5', telecom: '' }));
    assert.deepEqual([pass.envelope.result.code, pass.envelope.result.extraMessage], ['CF-00001', 'telecom']);

    const bad = await callProduct(standin.url, token, {}, { raw: '%7B%22broken' });
    assert.equal(bad.envelope.result.code, 'CF-00002');
  });

  test('when the second step changes the identity, then it is refused with CF-00007', async () => {
    const first = firstStep(uniquePerson());
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    const { envelope } = await callProduct(standin.url, token, { ...secondStep(first, step1), phoneNo: '01099998888' });
    assert.deepEqual([envelope.result.code, envelope.result.extraMessage], ['CF-00007', 'phoneNo']);
  });

  test('when a body is sent as plain JSON instead of URL-encoded, then it is accepted too', async () => {
    const first = firstStep(uniquePerson());
    const { envelope } = await callProduct(standin.url, token, {}, { raw: JSON.stringify(first) });
    assert.equal(envelope.result.code, 'CF-03002');
  });

  test('when a new request reuses the id of an unfinished one, then it answers CF-12001', async () => {
    const first = firstStep(uniquePerson(), { id: 'group-1' });
    assert.equal((await callProduct(standin.url, token, first)).envelope.result.code, 'CF-03002');
    const again = await callProduct(standin.url, token, first);
    assert.equal(again.envelope.result.code, 'CF-12001');
  });

  test('when someone opens the approvals page, then pending requests are listed with masked name and phone', async () => {
    const person = uniquePerson();
    const step1 = (await callProduct(standin.url, token, firstStep(person))).envelope.data as unknown as TwoWayData;
    const res = await fetch(`${standin.url}/_control/approvals`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    assert.ok(html.includes(`/_control/approvals/${step1.jti}`));
    assert.ok(!html.includes(person.userName) && !html.includes(person.phoneNo), 'no full name or phone on the page');
    assert.ok(html.includes(`${person.phoneNo.slice(0, 3)}****${person.phoneNo.slice(-4)}`));

    // The page's buttons post forms and are sent back to the list.
    const form = await fetch(`${standin.url}/_control/approvals/${step1.jti}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
      redirect: 'manual',
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get('location'), '/_control/approvals');
    const unknown = await control(standin.url, '/_control/approvals/000000000000000000000000', { decision: 'approve' });
    assert.equal(unknown.status, 404);
  });
});

describe('control routes switched off', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin({ NHIS_STANDIN_CONTROL: 'false' });
  });
  after(() => standin.stop());

  test('when NHIS_STANDIN_CONTROL is not true, then the control routes do not exist', async () => {
    assert.equal((await fetch(`${standin.url}/_control/approvals`)).status, 404);
    assert.equal((await control(standin.url, '/_control/reset')).status, 404);
  });
});
