import { type CheckupRecord, type Identity, type Person, type Sex, identityKey } from './checkup-record.js';
import { gradeItems, opinionFor, overallGrade } from './judging.js';
import { type Rng, seededRng } from './random.js';

/**
 * Deterministic synthetic people. Everything below is drawn from one generator seeded by the
 * identity, in a fixed order, so the same (name, birth date, phone) always gets the same history.
 * Years are anchored to a constant, not to today, for the same reason.
 */
export const LATEST_CHECKUP_YEAR = 2025;
const EARLIEST_CHECKUP_YEAR = 2010;

const clinics = [
  '새봄내과의원',
  '한빛건강검진센터',
  '푸른솔의원',
  '중앙가정의학과의원',
  '하늘병원 건강증진센터',
  '누리내과의원',
  '바른연합의원 검진센터',
  '도담의료재단 검진센터',
] as const;

const visionSteps = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0] as const;

interface Traits {
  hypertension: boolean;
  diabetes: boolean;
  dyslipidemia: boolean;
  liver: boolean;
  anemia: boolean;
  kidney: boolean;
  proteinuria: boolean;
  tbScar: boolean;
  hearingLoss: boolean;
  /** Diagnosed and treated for hypertension from this age on (prints 유질). */
  medicatedFromAge?: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const f1 = (x: number) => x.toFixed(1);
const i0 = (x: number) => String(Math.round(x));

/** CKD-EPI 2021 (race-free), docs/reference/nhis.md §3: the equation the stand-in uses to print resGFR. */
export function ckdEpi2021(scr: number, age: number, sex: Sex): number {
  const [kappa, alpha, femaleFactor] = sex === 'F' ? [0.7, -0.241, 1.012] : [0.9, -0.302, 1];
  const r = scr / kappa;
  return 142 * Math.min(r, 1) ** alpha * Math.max(r, 1) ** -1.2 * 0.9938 ** age * femaleFactor;
}

/** Lipid panel: men from 24, women from 40; every 4 years since 2018, every 2 before (docs/reference/nhis.md §1.6, §2.5). */
export function lipidPanelDue(year: number, age: number, sex: Sex): boolean {
  const start = sex === 'M' ? 24 : 40;
  if (age < start) return false;
  return (age - start) % (year >= 2018 ? 4 : 2) === 0;
}

/** Bone density: women at 54, 60 and 66 (docs/reference/nhis.md §2.5). */
export function boneDensityDue(age: number, sex: Sex): boolean {
  return sex === 'F' && (age === 54 || age === 60 || age === 66);
}

function drawTraits(rng: Rng, sex: Sex, birthYear: number): Traits {
  const hypertension = rng.chance(0.25);
  const traits: Traits = {
    hypertension,
    diabetes: rng.chance(0.12),
    dyslipidemia: rng.chance(0.3),
    liver: rng.chance(0.15),
    anemia: rng.chance(sex === 'F' ? 0.15 : 0.04),
    kidney: rng.chance(0.06),
    proteinuria: rng.chance(0.08),
    tbScar: rng.chance(0.03),
    hearingLoss: rng.chance(0.05),
  };
  const medicated = hypertension && rng.chance(0.4);
  const medicatedAge = rng.int(45, 60);
  if (medicated && LATEST_CHECKUP_YEAR - birthYear >= medicatedAge) traits.medicatedFromAge = medicatedAge;
  return traits;
}

/** Years with a checkup: from age 20, yearly (non-office workers) or every other year by birth-year parity. */
function drawYears(rng: Rng, birthYear: number): number[] {
  const yearly = rng.chance(0.4);
  const wanted = rng.int(1, 10);
  const first = Math.max(EARLIEST_CHECKUP_YEAR, birthYear + 20);
  const years: number[] = [];
  for (let y = LATEST_CHECKUP_YEAR; y >= first && years.length < wanted; y--) {
    const eligible = yearly || (y - birthYear) % 2 === 0;
    // Some eligible years are skipped, as real people skip checkups.
    if (eligible && !rng.chance(0.15)) years.push(y);
  }
  // Anyone asked for has at least one checkup, even if too young or unlucky above.
  if (years.length === 0) years.push(LATEST_CHECKUP_YEAR);
  return years.reverse();
}

/**
 * How this person's clinic prints its sheet, from a generator of its own so that adding it left everyone's
 * values as they were: about a third print units with CJK compatibility characters (㎎/㎗, ㎝, ㎏ …) and
 * print results beyond the laboratory's reporting range as a bound (eGFR above 90 as ">90", γ-GTP below 5
 * as "<5"); a few people have a very low γ-GTP.
 */
export interface SheetStyle {
  cjk: boolean;
  lowGgt: boolean;
}

export function sheetStyleOf(identity: Identity): SheetStyle {
  const rng = seededRng(`nhis-standin/sheet-style/v1|${identityKey(identity)}`);
  return { cjk: rng.chance(0.35), lowGgt: rng.chance(0.08) };
}

export function generatePerson(identity: Identity): Person {
  const style = sheetStyleOf(identity);
  const rng = seededRng(`nhis-standin/v1|${identityKey(identity)}`);
  const birthYear = Number(identity.birthDate.slice(0, 4));
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const traits = drawTraits(rng, sex, birthYear);
  const years = drawYears(rng, birthYear);
  const clinic = rng.pick(clinics);

  // Stable per-person baselines.
  const height = sex === 'M' ? rng.normal(172, 6) : rng.normal(159, 5.5);
  let weight = clamp(sex === 'M' ? rng.normal(23.8, 3.2) : rng.normal(22.5, 3.3), 16.5, 36) * (height / 100) ** 2;
  const waistOffset = rng.normal(0, 3);
  const sbpBase = rng.normal(114, 8) + (traits.hypertension ? 22 : 0);
  const glucoseBase = rng.normal(90, 6) + (traits.diabetes ? 28 : 0);
  const tcBase = rng.normal(188, 26) + (traits.dyslipidemia ? 42 : 0);
  const hdlBase = (sex === 'M' ? rng.normal(51, 8) : rng.normal(61, 10)) - (traits.dyslipidemia ? 8 : 0);
  const tgMedian = (sex === 'M' ? 115 : 85) * (traits.dyslipidemia ? 1.7 : 1);
  const hbBase = (sex === 'M' ? rng.normal(15, 0.8) : rng.normal(13.2, 0.8)) - (traits.anemia ? 2.3 : 0);
  const scrBase = (sex === 'M' ? rng.normal(0.95, 0.1) : rng.normal(0.72, 0.08)) + (traits.kidney ? 0.75 : 0);
  const visionBase = [rng.int(2, 12), rng.int(2, 12)] as const;
  const smoking =
    sex === 'M'
      ? rng.pick(['피우지 않는다', '피우지 않는다', '이전에 피웠으나 끊었다', '현재도 피우고 있다'] as const)
      : rng.chance(0.9)
        ? '피우지 않는다'
        : rng.pick(['이전에 피웠으나 끊었다', '현재도 피우고 있다'] as const);
  const drinks = rng.chance(sex === 'M' ? 0.75 : 0.5);
  const ggtMedian = (sex === 'M' ? 30 : 17) * (traits.liver ? 2.6 : 1) * (drinks ? 1.3 : 1);

  const checkups = years.map((year, n): CheckupRecord => {
    const age = year - birthYear;
    const aging = age - 40;
    const medicated = traits.medicatedFromAge !== undefined && age >= traits.medicatedFromAge;

    const h = height + rng.normal(0, 0.3);
    // Weight drifts a little between checkups but stays within a plausible BMI.
    weight = clamp(weight + (n === 0 ? 0 : rng.normal(0.3, 1.3)), 16.5 * (h / 100) ** 2, 37 * (h / 100) ** 2);
    const bmi = weight / (h / 100) ** 2;
    const waist = (sex === 'M' ? 2.6 * bmi + 22 : 2.5 * bmi + 18.5) + waistOffset + rng.normal(0, 1.5);

    const sbp = clamp(sbpBase + 0.35 * aging - (medicated ? 16 : 0) + rng.normal(0, 6), 85, 200);
    const dbp = clamp(0.62 * sbp + rng.normal(2, 5), 50, 125);
    const glucose = clamp(glucoseBase + 0.2 * aging + (traits.diabetes ? 2 * n : 0) + rng.normal(0, 4), 70, 320);

    let tc = '',
      hdl = '',
      ldl = '',
      tg = '';
    if (lipidPanelDue(year, age, sex)) {
      const tcv = clamp(tcBase + 0.3 * aging + rng.normal(0, 12), 110, 360);
      const hdlv = clamp(hdlBase + rng.normal(0, 4), 26, 110);
      const tgv = clamp(tgMedian * Math.exp(rng.normal(0, 0.4)), 35, 900);
      // LDL: Friedewald below TG 400, otherwise a direct measurement (docs/reference/nhis.md §1.6).
      const ldlv = tgv < 400 ? tcv - hdlv - tgv / 5 : tcv * rng.normal(0.55, 0.05);
      [tc, hdl, tg, ldl] = [i0(tcv), i0(hdlv), i0(tgv), i0(clamp(ldlv, 30, 280))];
    }

    const hb = clamp(hbBase + rng.normal(0, 0.4), 7, 19);
    const scr = clamp(scrBase + 0.004 * Math.max(0, aging) + rng.normal(0, 0.06), sex === 'M' ? 0.6 : 0.5, 6);
    const scrPrinted = Number(f1(scr));
    const egfr = ckdEpi2021(scrPrinted, age, sex);

    const ast = clamp(rng.normal(22, 5) + (traits.liver ? 22 : 0), 8, 400);
    const alt = clamp((sex === 'M' ? rng.normal(24, 8) : rng.normal(16, 5)) + (traits.liver ? 30 : 0), 5, 500);
    const ggt = style.lowGgt ? clamp(ggtMedian * 0.2 * Math.exp(rng.normal(0, 0.35)), 2, 900) : clamp(ggtMedian * Math.exp(rng.normal(0, 0.35)), 5, 900);

    const urine = traits.proteinuria ? rng.pick(['약양성', '양성(+1)', '양성(+1)', '양성(+2)', '음성'] as const) : rng.chance(0.05) ? '약양성' : '음성';
    const chest = traits.tbScar ? '비활동성 폐결핵' : rng.chance(0.01) ? '질환의심' : '정상';
    const osteo = boneDensityDue(age, sex)
      ? rng.pick(age >= 60 ? (['정상', '골감소증', '골감소증', '골다공증'] as const) : (['정상', '정상', '골감소증'] as const))
      : '';
    const ear = (): string => (traits.hearingLoss || (age >= 65 && rng.chance(0.15)) ? rng.pick(['정상', '비정상'] as const) : '정상');
    const eye = (base: number) => {
      const step = visionSteps[clamp(base - Math.floor(Math.max(0, aging) / 12) + rng.int(-1, 1), 0, visionSteps.length - 1)];
      return f1(step ?? 1);
    };

    const month = rng.int(3, 11);
    const day = rng.int(1, 28);
    const record: CheckupRecord = {
      year: String(year),
      examDate: `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
      organizationName: clinic,
      checkupType: '일반검진',
      opinion: '',
      height_cm: f1(h),
      weight_kg: f1(weight),
      bmi: f1(bmi),
      waist_cm: f1(waist),
      sbp: i0(sbp),
      dbp: i0(dbp),
      vision_l: eye(visionBase[0]),
      vision_r: eye(visionBase[1]),
      hearing_l: ear(),
      hearing_r: ear(),
      fasting_glucose: i0(glucose),
      total_chol: tc,
      hdl,
      ldl,
      tg,
      hemoglobin: f1(hb),
      urine_protein: urine,
      creatinine: f1(scrPrinted),
      egfr: style.cjk && egfr > 90 ? '>90' : i0(egfr),
      ast: i0(ast),
      alt: i0(alt),
      ggt: style.cjk && ggt < 5 ? '<5' : i0(ggt),
      chest_xray: chest,
      osteoporosis: osteo,
      smoking,
      drinking: drinks ? '마신다' : '마시지 않는다',
      overall_grade: '',
    };
    const items = gradeItems(record, sex);
    record.overall_grade = overallGrade(items, medicated);
    record.opinion = opinionFor(record.overall_grade, items, medicated ? ['고혈압'] : []);
    return record;
  });

  return { sex, pdf: true, unitStyle: style.cjk ? 'cjk' : 'codef', checkups };
}
