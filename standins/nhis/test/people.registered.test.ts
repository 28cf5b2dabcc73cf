import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { control, fetchResults, firstStep, getToken, startStandin, uniquePerson } from './helpers.js';

/** A builder with every canonical field set to a boundary-ish value; override what the test is about. */
function buildCheckup(overrides: Record<string, unknown> = {}) {
  return {
    year: '2024',
    examDate: '20240412',
    organization_name: '경계값의원',
    height_cm: '170.0',
    weight_kg: '72.3',
    bmi: '25.0',
    waist_cm: '89.9',
    sbp: '139',
    dbp: '89',
    vision_l: '1.0',
    vision_r: '0.9',
    hearing_l: '정상',
    hearing_r: '비정상',
    fasting_glucose: '126',
    total_chol: '240',
    hdl: '39',
    ldl: '160',
    tg: '150',
    hemoglobin: '12.0',
    urine_protein: '약양성',
    creatinine: '1.5',
    egfr: '60',
    ast: '41',
    alt: '46',
    ggt: '63',
    chest_xray: '비활동성 폐결핵',
    osteoporosis: '골감소증',
    smoking: '현재도 피우고 있다',
    drinking: '마신다',
    overall_grade: '고∙당',
    opinion: '등록된 소견',
    ...overrides,
  };
}

describe('registered people', () => {
  let standin: RunningStandin;
  let token: string;
  before(async () => {
    standin = await startStandin();
    token = await getToken(standin.url);
  });
  after(() => standin.stop());

  test('when a person is registered, then the product returns exactly the registered values', async () => {
    const person = uniquePerson('19830102');
    const reg = await control(standin.url, '/_control/people', {
      name: person.userName,
      birthDate: person.identity,
      phone: `${person.phoneNo.slice(0, 3)}-${person.phoneNo.slice(3, 7)}-${person.phoneNo.slice(7)}`,
      pdf: true,
      checkups: [buildCheckup(), buildCheckup({ year: '2022', examDate: '20221130', total_chol: '', hdl: '', ldl: '', tg: '' })],
    });
    assert.deepEqual(reg, { status: 201, body: { registered: true, checkups: 2 } });

    const { data } = await fetchResults(standin.url, token, firstStep(person, { inquiryType: '3' }));
    assert.deepEqual(data.resPreviewList, [
      {
        resCheckupYear: '2024',
        resCheckupDate: '0412',
        resCheckupPlace: '경계값의원',
        resHeight: '170.0',
        resWeight: '72.3',
        resWaist: '89.9',
        resBMI: '25.0',
        resSight: '1.0/0.9',
        resHearing: '정상/비정상',
        resBloodPressure: '139/89',
        resUrinaryProtein: '약양성',
        resHemoglobin: '12.0',
        resFastingBloodSuger: '126',
        resTotalCholesterol: '240',
        resHDLCholesterol: '39',
        resTriglyceride: '150',
        resLDLCholesterol: '160',
        resSerumCreatinine: '1.5',
        resGFR: '60',
        resAST: '41',
        resALT: '46',
        resyGPT: '63',
        resTBChestDisease: '비활동성 폐결핵',
        resOsteoporosis: '골감소증',
        resJudgement: '고∙당',
      },
      {
        resCheckupYear: '2022',
        resCheckupDate: '1130',
        resCheckupPlace: '경계값의원',
        resHeight: '170.0',
        resWeight: '72.3',
        resWaist: '89.9',
        resBMI: '25.0',
        resSight: '1.0/0.9',
        resHearing: '정상/비정상',
        resBloodPressure: '139/89',
        resUrinaryProtein: '약양성',
        resHemoglobin: '12.0',
        resFastingBloodSuger: '126',
        resTotalCholesterol: '',
        resHDLCholesterol: '',
        resTriglyceride: '',
        resLDLCholesterol: '',
        resSerumCreatinine: '1.5',
        resGFR: '60',
        resAST: '41',
        resALT: '46',
        resyGPT: '63',
        resTBChestDisease: '비활동성 폐결핵',
        resOsteoporosis: '골감소증',
        resJudgement: '고∙당',
      },
    ]);
    const results = data.resResultList as Record<string, unknown>[];
    assert.deepEqual(
      results.map(({ resOriGinalData, ...rest }) => ({ ...rest, hasPdf: String(resOriGinalData).length > 0 })),
      [
        {
          resType: '1',
          resCheckupType: '일반검진',
          resCheckupYear: '2024',
          resCheckupDate: '20240412',
          resOrganizationName: '경계값의원',
          resOpinion: '등록된 소견',
          resQuestionInfoList: [
            { resQuestion: '흡연상태', resAnswer: '현재도 피우고 있다' },
            { resQuestion: '음주여부', resAnswer: '마신다' },
          ],
          hasPdf: true,
        },
        {
          resType: '1',
          resCheckupType: '일반검진',
          resCheckupYear: '2022',
          resCheckupDate: '20221130',
          resOrganizationName: '경계값의원',
          resOpinion: '등록된 소견',
          resQuestionInfoList: [
            { resQuestion: '흡연상태', resAnswer: '현재도 피우고 있다' },
            { resQuestion: '음주여부', resAnswer: '마신다' },
          ],
          hasPdf: true,
        },
      ],
    );
  });

  test('when raw preview cells are registered, then they are printed verbatim and the grade is filled if omitted', async () => {
    const person = uniquePerson();
    const checkup: Record<string, unknown> = buildCheckup({ raw: { resBloodPressure: '120 / 80', resGFR: '>90' } });
    delete checkup.overall_grade;
    delete checkup.opinion;
    await control(standin.url, '/_control/people', {
      name: person.userName,
      birthDate: person.identity,
      phone: person.phoneNo,
      checkups: [checkup],
    });
    const { data } = await fetchResults(standin.url, token, firstStep(person, { inquiryType: '1' }));
    const row = (data.resPreviewList as Record<string, string>[])[0]!;
    assert.equal(row.resBloodPressure, '120 / 80');
    assert.equal(row.resGFR, '>90');
    assert.equal(row.resJudgement, '고∙당', 'glucose 126 is 고혈압·당뇨병 질환의심');
    assert.equal((data.resResultList as { resOriGinalData: string }[])[0]!.resOriGinalData, '', 'no PDF unless pdf: true');
  });

  test('when a registration has an unknown field or a bad date, then it is refused with 400 problem+json', async () => {
    const person = uniquePerson();
    const res = await fetch(`${standin.url}/_control/people`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: person.userName,
        birthDate: person.identity,
        phone: person.phoneNo,
        checkups: [buildCheckup({ examDate: '2024-04-12', sistolic: '120' })],
      }),
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const body = (await res.json()) as { title: string; detail: string };
    assert.equal(body.title, 'Invalid request body');
    assert.match(body.detail, /examDate/);
    assert.match(body.detail, /sistolic/);
  });

  test('when the state is reset, then a registered person falls back to synthetic data', async () => {
    const person = uniquePerson();
    await control(standin.url, '/_control/people', {
      name: person.userName,
      birthDate: person.identity,
      phone: person.phoneNo,
      checkups: [buildCheckup({ organization_name: '리셋확인의원' })],
    });
    assert.equal((await control(standin.url, '/_control/reset')).status, 204);
    const { data } = await fetchResults(standin.url, token, firstStep(person));
    assert.ok((data.resPreviewList as { resCheckupPlace: string }[]).every((r) => r.resCheckupPlace !== '리셋확인의원'));
  });
});
