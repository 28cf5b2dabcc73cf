import { buildRecord, type HealthRecord, type LatestJudged } from '../../src/domain/health-record.js';

type Item = NonNullable<LatestJudged['checkup']>['items'][number];

/** A judged item as the health service sends it. */
export function item(code: string, name: string, value: number | string | null, unit: string, grade: string, normalA = ''): Item {
  return { item: code, name, value, unit, grade, appliedRange: { normalA, normalB: null, suspected: '' } };
}

export const TYPICAL_ITEMS = [
  item('BLOOD_PRESSURE', '혈압', '142/91', 'mmHg', 'SUSPECTED_DISEASE', '120 미만/80 미만'),
  item('FASTING_GLUCOSE', '공복혈당', 104, 'mg/dL', 'NORMAL_B', '100 미만'),
  item('BMI', '체질량지수', 22.1, 'kg/m²', 'NORMAL_A'),
  item('HEMOGLOBIN', '혈색소', 13.2, 'g/dL', 'NORMAL_A'),
];

export function buildLatest(
  overrides: {
    items?: Item[];
    occupation?: string | null;
    sex?: 'M' | 'F';
    birthDate?: string;
    checkup?: null;
    outsideCriteria?: { item: string; note: string }[];
  } = {},
): LatestJudged {
  const summary = overrides.outsideCriteria ? { summary: { outsideCriteria: overrides.outsideCriteria } } : {};
  return {
    userId: 'user-1',
    profile: {
      sex: overrides.sex ?? 'F',
      birthDate: overrides.birthDate ?? '1988-04-12',
      occupation: overrides.occupation === undefined ? 'OFFICE_WORKER' : overrides.occupation,
    },
    checkup: overrides.checkup === null ? null : { examYear: 2025, examDate: '2025-03-14', items: overrides.items ?? TYPICAL_ITEMS, ...summary },
  };
}

export function buildTestRecord(overrides: Parameters<typeof buildLatest>[0] = {}): HealthRecord {
  return buildRecord(buildLatest(overrides), '2026-11-24');
}
