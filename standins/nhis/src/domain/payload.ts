import type { CheckupRecord, Person, PreviewRow } from './checkup-record.js';
import { buildPdf } from './pdf.js';
import { referenceRowsFor } from './reference-rows.js';

/** The request options that shape the result lists (CODEF parameter names). */
export interface ResultOptions {
  userName: string;
  /** "0" basic, "1" detail + PDF, "3" detail + PDF + questionnaire, "4" questionnaire. */
  inquiryType: '0' | '1' | '3' | '4';
  /** "0" all, "1" own checkups, "2" infant checkups (synthetic people have none). */
  type: '0' | '1' | '2';
  searchStartYear?: string;
  searchEndYear?: string;
}

const pair = (a: string, b: string) => (a === '' && b === '' ? '' : `${a}/${b}`);

/** One resPreviewList row: values as printed, blood pressure "sbp/dbp", date as MMDD. */
export function previewRow(r: CheckupRecord): PreviewRow {
  const row: PreviewRow = {
    resCheckupYear: r.year,
    resCheckupDate: r.examDate.slice(4, 8),
    resCheckupPlace: r.organizationName,
    resHeight: r.height_cm,
    resWeight: r.weight_kg,
    resWaist: r.waist_cm,
    resBMI: r.bmi,
    resSight: pair(r.vision_l, r.vision_r),
    resHearing: pair(r.hearing_l, r.hearing_r),
    resBloodPressure: pair(r.sbp, r.dbp),
    resUrinaryProtein: r.urine_protein,
    resHemoglobin: r.hemoglobin,
    resFastingBloodSuger: r.fasting_glucose,
    resTotalCholesterol: r.total_chol,
    resHDLCholesterol: r.hdl,
    resTriglyceride: r.tg,
    resLDLCholesterol: r.ldl,
    resSerumCreatinine: r.creatinine,
    resGFR: r.egfr,
    resAST: r.ast,
    resALT: r.alt,
    resyGPT: r.ggt,
    resTBChestDisease: r.chest_xray,
    resOsteoporosis: r.osteoporosis,
    resJudgement: r.overall_grade,
  };
  return { ...row, ...r.raw };
}

/** The original sheet for one checkup: ASCII only, because the PDF uses a standard Type1 font. */
export function checkupPdfBase64(r: CheckupRecord): string {
  const d = r.examDate;
  return buildPdf([
    `NHIS general health checkup ${r.year} - exam date ${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    `BP ${pair(r.sbp, r.dbp) || '-'}  glucose ${r.fasting_glucose || '-'}  BMI ${r.bmi || '-'}  eGFR ${r.egfr || '-'}`,
    'Synthetic document from the HealthSync NHIS stand-in.',
  ]).toString('base64');
}

function questionnaire(r: CheckupRecord): { resQuestion: string; resAnswer: string }[] {
  return [
    { resQuestion: '흡연상태', resAnswer: r.smoking },
    { resQuestion: '음주여부', resAnswer: r.drinking },
  ].filter((q) => q.resAnswer !== '');
}

function inWindow(year: string, options: ResultOptions): boolean {
  const y = Number(year);
  if (options.searchStartYear && y < Number(options.searchStartYear)) return false;
  if (options.searchEndYear && y > Number(options.searchEndYear)) return false;
  return true;
}

/** The `data` of a CF-00000 answer. Lists are newest first, as NHIS shows them. */
export function buildResultData(person: Person, options: ResultOptions) {
  const checkups = options.type === '2' ? [] : person.checkups.filter((c) => inWindow(c.year, options)).sort((a, b) => b.examDate.localeCompare(a.examDate));
  const withPdf = person.pdf && (options.inquiryType === '1' || options.inquiryType === '3');
  const withQuestions = options.inquiryType === '3' || options.inquiryType === '4';
  return {
    resCheckupTarget: options.userName,
    resPreviewList: checkups.map(previewRow),
    resReferenceList: referenceRowsFor(person.unitStyle).map((row) => ({ ...row })),
    resResultList: checkups.map((c) => ({
      resType: '1',
      resCheckupType: c.checkupType,
      resCheckupYear: c.year,
      resCheckupDate: c.examDate,
      resOrganizationName: c.organizationName,
      resOpinion: c.opinion,
      resOriGinalData: withPdf ? checkupPdfBase64(c) : '',
      resQuestionInfoList: withQuestions ? questionnaire(c) : [],
    })),
  };
}
