import { buildTrends, CRITERIA_SOURCE, factsForCheckup, type Checkup, type ProfileFacts } from '../domain/index.js';
import type { StoredCheckupRow } from '../adapters/checkups-repository.js';
import { detailView, historyEntry, internalLatestJudged, latestView } from '../handlers/views.js';

/**
 * Examples for the API document, made by the same view code the handlers answer with, from
 * two checkups of a 38-year-old office worker: the answers are what that user would see.
 */
const profile: ProfileFacts = { sex: 'F', birthDate: '1988-04-12', occupation: 'OFFICE_WORKER' };

const checkup2026: Checkup = {
  examYear: 2026,
  examDate: '2026-03-17',
  heightCm: 162.3,
  weightKg: 68.4,
  waistCm: 86,
  sbp: 134,
  dbp: 86,
  fastingGlucose: 108,
  totalCholesterol: 214,
  hdlCholesterol: 52,
  ldlCholesterol: 138,
  triglycerides: 121,
  hemoglobin: 12.9,
  serumCreatinine: 0.74,
  ast: 24,
  alt: 31,
  gammaGtp: 22,
  reportedJudgement: '정상B(경계)',
};
const checkup2024: Checkup = { ...checkup2026, examYear: 2024, examDate: '2024-05-09', weightKg: 64.1, waistCm: 81, sbp: 124, dbp: 79, fastingGlucose: 97 };

function row(id: string, checkup: Checkup, importedAt: string): StoredCheckupRow {
  return {
    id,
    userId: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    linkId: null,
    source: 'NHIS',
    sourceKey: `${checkup.examYear}`,
    checkup,
    checkupType: '일반건강검진',
    organizationName: '서울내과의원',
    opinion: '혈압과 공복혈당이 경계 범위입니다. 식사 조절과 규칙적인 운동을 권합니다.',
    units: { heightCm: 'cm', weightKg: 'kg', sbp: 'mmHg', dbp: 'mmHg', fastingGlucose: 'mg/dL' },
    rejectedValues: [],
    rawBlob: null,
    documentBlob: `${id}.pdf`,
    importedAt: new Date(importedAt),
  };
}

const latestRow = row('8c1d2e3f-4a5b-4c6d-9e7f-a1b2c3d4e5f6', checkup2026, '2026-04-02T01:12:45.000Z');
const olderRow = row('1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9', checkup2024, '2026-04-02T01:12:45.000Z');

export const latestExample = latestView(latestRow, profile, {});
/** What the intelligence service reads for the AI: the same view, without the name. */
export const internalLatestExample = internalLatestJudged(latestRow.userId, profile, latestExample);
export const exampleUserId = latestRow.userId;
export const detailExample = detailView(latestRow, profile, {});
export const historyExample = { items: [historyEntry(latestRow, profile), historyEntry(olderRow, profile)], page: 1, size: 10, total: 2, totalPages: 1 };
export const trendsExample = {
  criteria: CRITERIA_SOURCE,
  sex: profile.sex,
  checkups: 2,
  series: buildTrends(
    [olderRow, latestRow].map((r) => ({ id: r.id, checkup: r.checkup })),
    ['bmi', 'sbp'],
    (checkup) => factsForCheckup(profile, checkup),
    'F',
  ),
};
export const checkupIds = { latest: latestRow.id, older: olderRow.id };
