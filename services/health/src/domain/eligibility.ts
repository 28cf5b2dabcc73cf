import type { Sex } from './criteria.js';
import type { ItemId } from './judging.js';

/**
 * Which checkup items a person was offered in a given year (docs/reference/nhis-checkup.md §5). An item
 * absent from the sheet of someone who was not offered it is "not applicable", not "not tested".
 *
 * NHIS decides eligibility by the age reached in the checkup year (checkup year − birth year), so that is
 * the age used here, not the completed years on the examination day.
 */

/** The lipid panel's 4-yearly schedule is the rule since 2018; before that we do not claim one. */
const LIPID_CYCLE_FROM_YEAR = 2018;
const LIPID_START_AGE: Readonly<Record<Sex, number>> = { M: 24, F: 40 };
const LIPID_CYCLE_YEARS = 4;
const BONE_DENSITY_AGES: readonly number[] = [54, 60, 66];

const LIPID_ITEMS: ReadonlySet<ItemId> = new Set(['TOTAL_CHOLESTEROL', 'HDL_CHOLESTEROL', 'TRIGLYCERIDES', 'LDL_CHOLESTEROL']);

export const LIPID_NOT_OFFERED_NOTE = '이번 검진 대상 아님 (남성 24세·여성 40세부터 4년마다 검사)';
export const BONE_DENSITY_NOT_OFFERED_NOTE = '검진 대상 아님 (여성 54·60·66세에 검사)';

export interface EligibilityFacts {
  readonly sex?: Sex | undefined;
  /** YYYY-MM-DD; only the year is used. */
  readonly birthDate?: string | undefined;
}

/** Offered, not offered (with the reason to show), or unknown because a needed fact is missing. */
export type Offer = { readonly offered: true } | { readonly offered: false; readonly note: string } | { readonly offered: 'UNKNOWN' };

const OFFERED: Offer = { offered: true };
const UNKNOWN: Offer = { offered: 'UNKNOWN' };

function lipidOffer(sex: Sex | undefined, age: number | undefined, examYear: number): Offer {
  if (sex === undefined || age === undefined) return UNKNOWN;
  const start = LIPID_START_AGE[sex];
  if (age < start) return { offered: false, note: LIPID_NOT_OFFERED_NOTE };
  if (examYear < LIPID_CYCLE_FROM_YEAR) return UNKNOWN;
  return (age - start) % LIPID_CYCLE_YEARS === 0 ? OFFERED : { offered: false, note: LIPID_NOT_OFFERED_NOTE };
}

function boneDensityOffer(sex: Sex | undefined, age: number | undefined): Offer {
  if (sex === 'M') return { offered: false, note: BONE_DENSITY_NOT_OFFERED_NOTE };
  if (sex === undefined || age === undefined) return UNKNOWN;
  return BONE_DENSITY_AGES.includes(age) ? OFFERED : { offered: false, note: BONE_DENSITY_NOT_OFFERED_NOTE };
}

/** Whether the person was offered this item at the checkup of `examYear`. */
export function offerOf(item: ItemId, person: EligibilityFacts, examYear: number): Offer {
  const birthYear = person.birthDate === undefined ? undefined : Number(person.birthDate.slice(0, 4));
  const age = birthYear === undefined || !Number.isInteger(birthYear) ? undefined : examYear - birthYear;
  if (LIPID_ITEMS.has(item)) return lipidOffer(person.sex, age, examYear);
  if (item === 'BONE_DENSITY') return boneDensityOffer(person.sex, age);
  return OFFERED;
}
