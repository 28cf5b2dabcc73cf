import type { Checkup, Person } from '../../src/domain/index.js';

/** A checkup with nothing measured: every test adds exactly the values it is about. */
export function buildCheckup(overrides: Partial<Checkup> = {}): Checkup {
  return { examYear: 2026, examDate: '2026-03-17', ...overrides };
}

/** Aged 46 on the default examination date. */
export function buildPerson(overrides: Partial<Person> = {}): Person {
  return { sex: 'M', birthDate: '1979-08-23', ...overrides };
}

export const SEX_NAMES = { M: 'man', F: 'woman' } as const;
