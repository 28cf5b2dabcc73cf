import type { Sex } from './criteria.js';

export interface CkdEpiInput {
  /** Serum creatinine, mg/dL (IDMS-traceable, as Korean labs report it). */
  readonly creatinineMgDl: number;
  readonly ageYears: number;
  readonly sex: Sex;
}

/** CKD-EPI is validated for adults only; children need a height-based equation this module does not have. */
export const CKD_EPI_MIN_AGE = 18;

const CKD_EPI_2021 = {
  M: { kappa: 0.9, alpha: -0.302, factor: 1 },
  F: { kappa: 0.7, alpha: -0.241, factor: 1.012 },
} as const;

/**
 * CKD-EPI 2021 creatinine equation (race-free, NKF/ASN 2021), unrounded, in mL/min/1.73 m²:
 * 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × (1.012 if female).
 * The NHIS notice names no equation (docs/reference/nhis-checkup.md §2); this one is used only when a sheet has no eGFR.
 */
export function ckdEpi2021({ creatinineMgDl, ageYears, sex }: CkdEpiInput): number {
  if (!(creatinineMgDl > 0) || !Number.isFinite(creatinineMgDl)) {
    throw new RangeError(`creatinine must be a positive number, got ${creatinineMgDl}`);
  }
  if (!(ageYears >= CKD_EPI_MIN_AGE) || !Number.isFinite(ageYears)) {
    throw new RangeError(`CKD-EPI needs an adult age (>= ${CKD_EPI_MIN_AGE}), got ${ageYears}`);
  }
  const { kappa, alpha, factor } = CKD_EPI_2021[sex];
  const ratio = creatinineMgDl / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** ageYears * factor;
}
