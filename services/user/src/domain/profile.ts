import { OCCUPATIONS, seoulToday, type Clock } from '@healthsync/shared';
import { z } from 'zod';

/** Occupations the app offers; the AI tailors advice to them (the list is part of the event contracts). */
export { OCCUPATIONS };

export type Occupation = (typeof OCCUPATIONS)[number];
export type Sex = 'M' | 'F';
export type AccountStatus = 'PENDING' | 'ACTIVE' | 'DELETED';

export interface Profile {
  name: string | null;
  birthDate: string | null;
  sex: Sex | null;
  occupation: Occupation | null;
}

/** The national checkup program starts at 19; the app is for adults. */
export const MIN_AGE = 19;
export const MAX_AGE = 120;

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The onboarding form: every field the judging rules and the AI need; age is checked on today in Seoul. */
export function profileInputSchema(clock: Clock) {
  const today = () => seoulToday(clock);
  return z
    .object({
      name: z.string().trim().min(1, 'name is required').max(50, 'name is at most 50 characters'),
      birthDate: z.iso
        .date('birthDate must be a date YYYY-MM-DD')
        .refine((d) => d <= today(), 'birthDate cannot be in the future')
        .refine((d) => ageOn(d, today()) >= MIN_AGE, `you must be at least ${MIN_AGE}`)
        .refine((d) => ageOn(d, today()) <= MAX_AGE, 'birthDate is not plausible'),
      sex: z.enum(['M', 'F'], 'sex must be M or F'),
      occupation: z.enum(OCCUPATIONS, `occupation must be one of ${OCCUPATIONS.join(', ')}`),
    })
    .strict();
}

export type ProfileInput = z.output<ReturnType<typeof profileInputSchema>>;

export function isComplete(profile: Profile): boolean {
  return profile.name !== null && profile.birthDate !== null && profile.sex !== null && profile.occupation !== null;
}

/** What a profile update does to the account and which event it produces. */
export function statusAfterUpdate(current: AccountStatus, updated: Profile): { status: AccountStatus; event: 'UserRegistered' | 'UserProfileChanged' } {
  if (current === 'PENDING' && isComplete(updated)) return { status: 'ACTIVE', event: 'UserRegistered' };
  return { status: current, event: 'UserProfileChanged' };
}
