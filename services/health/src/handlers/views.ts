import {
  cellForSex,
  CRITERIA_SOURCE,
  explainOverallJudgement,
  factsForCheckup,
  GRADE_LABELS,
  judgeCheckup,
  type Checkup,
  type CountedGrade,
  type Grade,
  type ItemId,
  type JudgedCheckup,
  type JudgedItem,
  type OutsideCriteriaItem,
  type OverallJudgement,
  type PersonFact,
  type ProfileFacts,
  type ProviderRange,
  type Sex,
} from '../domain/index.js';
import type { StoredCheckupRow } from '../adapters/checkups-repository.js';

/** What clients see: the judged items with printable grade names and the provider's own ranges. */
export interface ItemView extends JudgedItem {
  readonly gradeLabel: string;
  /** NHIS's printed boundaries for this item from the import (absent when the provider sent none). */
  readonly providerRange?: ProviderRange;
}

export interface SummaryView {
  /** Not-applicable items are not counted. */
  readonly counts: Readonly<Record<CountedGrade, number>>;
  /** 질환의심 first, then 정상B. */
  readonly flagged: ReadonlyArray<{
    item: ItemId;
    name: string;
    grade: 'NORMAL_B' | 'SUSPECTED_DISEASE';
    gradeLabel: string;
    value: number | string | null;
    unit: string;
  }>;
  /** The most serious grade among the judged items (NOT_TESTED when nothing was measured). */
  readonly worstGrade: Grade;
  /** Values the notice does not grade (기준보다 높음/낮음), each with its plain note. */
  readonly outsideCriteria: readonly OutsideCriteriaItem[];
}

export interface JudgedView {
  readonly criteria: string;
  readonly person: { readonly sex: Sex | null; readonly ageAtExam: number | null; readonly missingFacts: readonly PersonFact[] };
  readonly items: readonly ItemView[];
  readonly summary: SummaryView;
}

export interface LatestView extends JudgedView {
  readonly checkupId: string;
  readonly examYear: number;
  readonly examDate: string | null;
  readonly checkupType: string | null;
  readonly organizationName: string | null;
  /** 종합판정 as NHIS printed it (정A, 정B, 의심, 고∙당, 유질 …); kept beside our item grades. */
  readonly reportedJudgement: string | null;
  /** The printed 종합판정 in words, beside the printed form. */
  readonly overallJudgement: OverallJudgement | null;
  readonly hasDocument: boolean;
}

function summaryOf(judged: JudgedCheckup): SummaryView {
  const graded: readonly Grade[] = judged.items.map((i) => i.grade);
  const order: readonly Grade[] = ['SUSPECTED_DISEASE', 'NORMAL_B', 'NOT_CLASSIFIED', 'NORMAL_A'];
  return {
    counts: judged.summary.counts,
    flagged: judged.summary.flagged.map((f) => ({ ...f, gradeLabel: GRADE_LABELS[f.grade] })),
    worstGrade: order.find((g) => graded.includes(g)) ?? 'NOT_TESTED',
    outsideCriteria: judged.summary.outsideCriteria,
  };
}

/** NHIS's printed cells for the person's sex only ("남 90 미만 / 여 85 미만" → "90 미만" for a man). */
function providerRangeFor(range: ProviderRange, sex: Sex | null): ProviderRange {
  if (sex === null) return range;
  const cell = (text: string | null) => (text === null ? null : cellForSex(text, sex));
  return { unit: range.unit, normalA: cell(range.normalA), normalB: cell(range.normalB), suspected: cell(range.suspected) };
}

export function judgedView(checkup: Checkup, profile: ProfileFacts | null, ranges: Partial<Record<ItemId, ProviderRange>> = {}): JudgedView {
  const judged = judgeCheckup(checkup, factsForCheckup(profile, checkup));
  return {
    criteria: CRITERIA_SOURCE,
    person: { sex: judged.sex, ageAtExam: judged.ageAtExam, missingFacts: judged.missingFacts },
    items: judged.items.map((item) => {
      const range = ranges[item.item];
      const view = { ...item, gradeLabel: GRADE_LABELS[item.grade] };
      return range === undefined ? view : { ...view, providerRange: providerRangeFor(range, judged.sex) };
    }),
    summary: summaryOf(judged),
  };
}

export function latestView(row: StoredCheckupRow, profile: ProfileFacts | null, ranges: Partial<Record<ItemId, ProviderRange>>): LatestView {
  return {
    checkupId: row.id,
    examYear: row.checkup.examYear,
    examDate: row.checkup.examDate ?? null,
    checkupType: row.checkupType,
    organizationName: row.organizationName,
    reportedJudgement: row.checkup.reportedJudgement ?? null,
    overallJudgement: explainOverallJudgement(row.checkup.reportedJudgement),
    hasDocument: row.documentBlob !== null,
    ...judgedView(row.checkup, profile, ranges),
  };
}

export function historyEntry(row: StoredCheckupRow, profile: ProfileFacts | null) {
  const { summary } = judgedView(row.checkup, profile);
  return {
    id: row.id,
    examYear: row.checkup.examYear,
    examDate: row.checkup.examDate ?? null,
    checkupType: row.checkupType,
    organizationName: row.organizationName,
    reportedJudgement: row.checkup.reportedJudgement ?? null,
    overallJudgement: explainOverallJudgement(row.checkup.reportedJudgement),
    hasDocument: row.documentBlob !== null,
    importedAt: row.importedAt.toISOString(),
    summary: {
      counts: summary.counts,
      worstGrade: summary.worstGrade,
      flagged: summary.flagged.map(({ item, name, grade, gradeLabel }) => ({ item, name, grade, gradeLabel })),
    },
  };
}

/** Every canonical field as stored (absent = not tested), without the examination date already shown. */
function valuesOf(checkup: Checkup): Omit<Checkup, 'examYear' | 'examDate'> {
  const { examYear: _year, examDate: _date, ...values } = checkup;
  return values;
}

export function detailView(row: StoredCheckupRow, profile: ProfileFacts | null, ranges: Partial<Record<ItemId, ProviderRange>>) {
  return {
    id: row.id,
    source: row.source,
    examYear: row.checkup.examYear,
    examDate: row.checkup.examDate ?? null,
    checkupType: row.checkupType,
    organizationName: row.organizationName,
    reportedJudgement: row.checkup.reportedJudgement ?? null,
    overallJudgement: explainOverallJudgement(row.checkup.reportedJudgement),
    opinion: row.opinion,
    hasDocument: row.documentBlob !== null,
    importedAt: row.importedAt.toISOString(),
    values: valuesOf(row.checkup),
    units: row.units,
    rejectedValues: row.rejectedValues,
    judged: judgedView(row.checkup, profile, ranges),
  };
}

/** The internal contract for the intelligence service: no name or phone, only what it reasons about. */
export function internalLatestJudged(userId: string, profile: ProfileFacts | null, latest: LatestView | null) {
  return {
    userId,
    profile: profile && { sex: profile.sex, birthDate: profile.birthDate, occupation: profile.occupation },
    checkup: latest && {
      checkupId: latest.checkupId,
      examYear: latest.examYear,
      examDate: latest.examDate,
      reportedJudgement: latest.reportedJudgement,
      overallJudgement: latest.overallJudgement,
      missingFacts: latest.person.missingFacts,
      items: latest.items.map(({ item, name, value, unit, grade, appliedRange, note }) => ({
        item,
        name,
        value,
        unit,
        grade,
        appliedRange,
        ...(note === undefined ? {} : { note }),
      })),
      summary: latest.summary,
    },
  };
}
