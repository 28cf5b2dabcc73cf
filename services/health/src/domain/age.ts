import { parseDate, type IsoDate } from './checkup.js';

/**
 * EXAM_DATE: exact age in completed years (만 나이) on the examination day.
 * EXAM_YEAR: only the examination year is known (open dataset); the age is the one reached during that
 * year, i.e. exam year − birth year. NHIS itself assigns checkup eligibility by birth year this way, and
 * for eGFR it errs towards the older age, which gives the slightly lower (more cautious) value.
 */
export type AgeBasis = 'EXAM_DATE' | 'EXAM_YEAR';

export interface AgeAtExam {
  readonly years: number;
  readonly basis: AgeBasis;
}

function parts(date: IsoDate): readonly [year: number, month: number, day: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/**
 * Completed years between two dates. Someone born on 29 February turns a year older on 1 March in a
 * common year, which matches 민법 §160(3) (a period ending on a missing day ends with that month).
 */
export function completedYears(birthDate: IsoDate, onDate: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  const birthdayReached = m > bm || (m === bm && d >= bd);
  return y - by - (birthdayReached ? 0 : 1);
}

/** Throws RangeError for a malformed birth date or an examination before birth: both are caller bugs. */
export function ageAtExam(birthDate: string, exam: { examYear: number; examDate?: IsoDate }): AgeAtExam {
  const birth = parseDate(birthDate);
  if (birth === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    throw new RangeError(`birthDate must be a real date in YYYY-MM-DD form, got "${birthDate}"`);
  }
  const examDate = exam.examDate === undefined ? undefined : parseDate(exam.examDate);
  const age: AgeAtExam =
    examDate === undefined
      ? { years: exam.examYear - Number(birth.slice(0, 4)), basis: 'EXAM_YEAR' }
      : { years: completedYears(birth, examDate), basis: 'EXAM_DATE' };
  if (age.years < 0) throw new RangeError(`examination (${exam.examDate ?? exam.examYear}) is before birth (${birthDate})`);
  return age;
}
