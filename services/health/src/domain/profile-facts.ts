import { ageAtExam } from './age.js';
import type { Checkup } from './checkup.js';
import type { Sex } from './criteria.js';
import type { PersonFacts } from './judging.js';

/** What the user service told us about a person (user-registered / user-profile-changed), without the name (kept apart for the NHIS identity check). */
export interface ProfileFacts {
  readonly sex: Sex | null;
  /** YYYY-MM-DD */
  readonly birthDate: string | null;
  readonly occupation: string | null;
}

/**
 * The facts usable for judging one checkup. A birth date that cannot be read, or that lies after the
 * examination (a typo in the profile, or NHIS data of someone else), is left out: that checkup is judged
 * as if the birth date were unknown instead of failing the whole request.
 */
export function factsForCheckup(profile: ProfileFacts | null, checkup: Checkup): PersonFacts {
  const sex = profile?.sex ?? undefined;
  let birthDate = profile?.birthDate ?? undefined;
  if (birthDate !== undefined) {
    try {
      ageAtExam(birthDate, checkup);
    } catch {
      birthDate = undefined;
    }
  }
  return { sex, birthDate };
}
