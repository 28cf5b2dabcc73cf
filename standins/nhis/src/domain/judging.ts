import type { CheckupRecord, Sex } from './checkup-record.js';

/**
 * Per-item grades and the overall grade the stand-in prints in resJudgement, following the
 * thresholds of docs/reference/nhis.md §2.2 (waist read as A/D, Hb-high and γ-GTP-low "not classified").
 * This only has to make the synthetic sheet self-consistent; the app keeps its own rule table.
 */
export type Grade = 'A' | 'B' | 'D' | 'NC';

export interface ItemGrade {
  item: string;
  grade: Grade;
}

/**
 * A printed value as a number. A censored result (">90", "<5") counts as just beyond its bound, which
 * grades it the way its whole range would be graded for the bounds this stand-in prints.
 */
const num = (s: string): number | undefined => {
  const censored = /^\s*([<>]=?|[≤≥])\s*(\d+(?:\.\d+)?)\s*$/.exec(s);
  if (censored) {
    const bound = Number(censored[2]);
    return censored[1] === '>' ? bound + 0.001 : censored[1] === '<' ? bound - 0.001 : bound;
  }
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

const band = (x: number, a: (x: number) => boolean, b: (x: number) => boolean): Grade => (a(x) ? 'A' : b(x) ? 'B' : 'D');

export function gradeItems(r: CheckupRecord, sex?: Sex): ItemGrade[] {
  const out: ItemGrade[] = [];
  const add = (item: string, grade: Grade | undefined) => {
    if (grade) out.push({ item, grade });
  };
  const v = (s: string, f: (x: number) => Grade) => {
    const x = num(s);
    return x === undefined ? undefined : f(x);
  };

  add(
    '비만',
    v(r.bmi, (x) => (x >= 30 ? 'D' : x >= 18.5 && x < 25 ? 'A' : 'B')),
  );
  add(
    '복부비만',
    v(r.waist_cm, (x) => (!sex ? 'NC' : x < (sex === 'M' ? 90 : 85) ? 'A' : 'D')),
  );
  const sbp = num(r.sbp);
  const dbp = num(r.dbp);
  if (sbp !== undefined && dbp !== undefined) {
    add('고혈압', sbp >= 140 || dbp >= 90 ? 'D' : sbp < 120 && dbp < 80 ? 'A' : 'B');
  }
  add(
    '당뇨병',
    v(r.fasting_glucose, (x) =>
      band(
        x,
        (y) => y < 100,
        (y) => y < 126,
      ),
    ),
  );
  add(
    '이상지질혈증(총콜레스테롤)',
    v(r.total_chol, (x) =>
      band(
        x,
        (y) => y < 200,
        (y) => y < 240,
      ),
    ),
  );
  add(
    '이상지질혈증(HDL)',
    v(r.hdl, (x) =>
      band(
        x,
        (y) => y >= 60,
        (y) => y >= 40,
      ),
    ),
  );
  add(
    '이상지질혈증(중성지방)',
    v(r.tg, (x) =>
      band(
        x,
        (y) => y < 150,
        (y) => y < 200,
      ),
    ),
  );
  add(
    '이상지질혈증(LDL)',
    v(r.ldl, (x) =>
      band(
        x,
        (y) => y < 130,
        (y) => y < 160,
      ),
    ),
  );
  add(
    '빈혈',
    v(r.hemoglobin, (x) => {
      if (!sex) return 'NC';
      const [d, b, hi] = sex === 'M' ? [12, 13, 16.5] : [10, 12, 15.5];
      return x < d ? 'D' : x < b ? 'B' : x <= hi ? 'A' : 'NC';
    }),
  );
  add(
    '간장질환(AST)',
    v(r.ast, (x) =>
      band(
        x,
        (y) => y <= 40,
        (y) => y <= 50,
      ),
    ),
  );
  add(
    '간장질환(ALT)',
    v(r.alt, (x) =>
      band(
        x,
        (y) => y <= 35,
        (y) => y <= 45,
      ),
    ),
  );
  add(
    '간장질환(감마지티피)',
    v(r.ggt, (x) => {
      if (!sex) return 'NC';
      const [lo, a, b] = sex === 'M' ? [11, 63, 77] : [8, 35, 45];
      return x < lo ? 'NC' : x <= a ? 'A' : x <= b ? 'B' : 'D';
    }),
  );
  add('신장질환(요단백)', urineGrade(r.urine_protein));
  add(
    '신장질환(크레아티닌)',
    v(r.creatinine, (x) => (x <= 1.5 ? 'A' : 'D')),
  );
  add(
    '신장질환(e-GFR)',
    v(r.egfr, (x) => (x >= 60 ? 'A' : 'D')),
  );
  add('폐결핵·흉부질환', textGrade(r.chest_xray, { 정상: 'A', '비활동성 폐결핵': 'B' }));
  add('골다공증', textGrade(r.osteoporosis, { 정상: 'A', 골감소증: 'B' }));
  for (const ear of [r.hearing_l, r.hearing_r]) if (ear === '비정상') add('청각이상', 'D');
  return out;
}

function urineGrade(s: string): Grade | undefined {
  if (s === '') return undefined;
  if (s === '음성') return 'A';
  if (s === '약양성') return 'B';
  return s.startsWith('양성') ? 'D' : 'NC';
}

function textGrade(s: string, known: Record<string, Grade>): Grade | undefined {
  if (s === '') return undefined;
  return known[s] ?? 'D';
}

/**
 * Overall grade as NHIS's summary table abbreviates it (the abbreviations are the ones docs/reference/nhis.md §4.3
 * lists as observed: 정A, 정B, 의심, 고∙당, 유질). `medicated` marks a diagnosed, treated person.
 */
export function overallGrade(items: ItemGrade[], medicated = false): string {
  if (medicated) return '유질';
  const d = items.filter((i) => i.grade === 'D');
  if (d.some((i) => i.item === '고혈압' || i.item === '당뇨병')) return '고∙당';
  if (d.length > 0) return '의심';
  return items.some((i) => i.grade === 'B') ? '정B' : '정A';
}

export function opinionFor(grade: string, items: ItemGrade[], treated: string[] = []): string {
  const names = (g: Grade) => [...new Set(items.filter((i) => i.grade === g).map((i) => i.item))].join(', ');
  switch (grade) {
    case '정A':
      return '정상A: 건강이 양호합니다.';
    case '정B':
      return `정상B(경계): 자기관리 및 예방조치가 필요합니다. (${names('B')})`;
    case '고∙당':
      return `고혈압·당뇨병 질환의심: 확진검사가 필요합니다. (${names('D')})`;
    case '의심':
      return `일반 질환의심: 추적검사 또는 전문 의료기관 진단이 필요합니다. (${names('D')})`;
    case '유질':
      return `유질환자: 치료 중인 질환(${treated.join(', ') || '고혈압'})을 지속적으로 관리하세요.`;
    default:
      return '';
  }
}
