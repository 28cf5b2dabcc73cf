/**
 * One person's checkup for one year, in the canonical record of docs/reference/nhis.md §4.5, every value a string
 * exactly as the aggregator prints it. An empty string means "not measured that year".
 */
export const canonicalFields = [
  'height_cm',
  'weight_kg',
  'bmi',
  'waist_cm',
  'sbp',
  'dbp',
  'vision_l',
  'vision_r',
  'hearing_l',
  'hearing_r',
  'fasting_glucose',
  'total_chol',
  'hdl',
  'ldl',
  'tg',
  'hemoglobin',
  'urine_protein',
  'creatinine',
  'egfr',
  'ast',
  'alt',
  'ggt',
  'chest_xray',
  'osteoporosis',
  'smoking',
  'drinking',
  'overall_grade',
] as const;

export type CanonicalField = (typeof canonicalFields)[number];

/** Keys of one CODEF resPreviewList row (docs/reference/nhis.md §4.2, spelling as CODEF's, "Suger" included). */
export const previewKeys = [
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
] as const;

export type PreviewKey = (typeof previewKeys)[number];
export type PreviewRow = Record<PreviewKey, string>;

export type CheckupRecord = Record<CanonicalField, string> & {
  /** YYYY */
  year: string;
  /** YYYYMMDD */
  examDate: string;
  organizationName: string;
  checkupType: string;
  opinion: string;
  /** Registered people only: preview cells to print verbatim instead of the derived ones. */
  raw?: Partial<PreviewRow>;
};

export type Sex = 'M' | 'F';

/**
 * How the provider's unit row spells units: `codef` as CODEF's samples ("Cm", "Kg", "mg/dL"), `cjk` with the
 * CJK compatibility characters many Korean sheets use ("㎝", "㎏", "㎎/㎗", "kg/㎡").
 */
export type UnitStyle = 'codef' | 'cjk';

export interface Person {
  /** Known for synthetic people; optional for registered ones (used only to fill a missing grade). */
  sex?: Sex;
  /** Default `codef`. */
  unitStyle?: UnitStyle;
  /** Whether the original result sheet (PDF) is available for inquiryType 1/3. */
  pdf: boolean;
  checkups: CheckupRecord[];
}

export interface Identity {
  name: string;
  /** YYYYMMDD */
  birthDate: string;
  /** digits only */
  phone: string;
}

export function normalizeIdentity(identity: Identity): Identity {
  return {
    name: identity.name.normalize('NFC').trim(),
    birthDate: identity.birthDate.replace(/\D/g, ''),
    phone: identity.phone.replace(/\D/g, ''),
  };
}

export function identityKey(identity: Identity): string {
  const n = normalizeIdentity(identity);
  return `${n.name}|${n.birthDate}|${n.phone}`;
}
