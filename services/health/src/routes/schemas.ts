import { z } from 'zod';
import { COUNTED_GRADES, GRADES, LINK_REASONS, SIMPLE_AUTH_PROVIDER_NAMES, TREND_ITEM_NAMES } from '../domain/index.js';

/** Response shapes, for the OpenAPI document (handlers build them; see handlers/views.ts). */
const grade = z
  .enum(GRADES as [string, ...string[]])
  .describe(
    'NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 판정 기준 외 (the notice gives no grade, or a needed fact is missing), ' +
      'NOT_TESTED 미검사 (offered, or eligibility unknown, and no result), NOT_APPLICABLE 해당 없음 (not offered to this person that year; not counted)',
  );
const personFact = z.enum(['SEX', 'BIRTH_DATE']);

export const appliedRangeSchema = z
  .object({
    normalA: z.string(),
    normalB: z.string().nullable(),
    suspected: z.string(),
    notClassified: z.string().optional(),
  })
  .describe(
    'In the result sheet’s notation (“18.5~24.9”, “90 미만”, “120 미만/80 미만”), for the person’s sex only; both sexes (“남 … / 여 …”) only when the sex is unknown',
  );

const overallJudgementSchema = z
  .object({
    printed: z.string().describe('As NHIS printed it, e.g. 정A, 고∙당, 유질'),
    category: z
      .enum(['NORMAL_A', 'NORMAL_B', 'GENERAL_DISEASE_SUSPECTED', 'HYPERTENSION_DIABETES_SUSPECTED', 'UNDER_TREATMENT'])
      .nullable()
      .describe('null when the abbreviation has no known meaning'),
    label: z.string().describe('The category in words, e.g. 고혈압·당뇨병 질환의심; the printed text when unknown'),
    description: z.string().describe('What it means for the user, in one or two sentences'),
  })
  .nullable()
  .describe('The printed overall judgement (종합판정) explained; null when none was printed');

const providerRangeSchema = z.object({
  unit: z.string().nullable(),
  normalA: z.string().nullable(),
  normalB: z.string().nullable(),
  suspected: z.string().nullable(),
});

export const judgedItemSchema = z.object({
  item: z.string().describe('BMI, WAIST, BLOOD_PRESSURE, FASTING_GLUCOSE, … BONE_DENSITY'),
  name: z.string(),
  value: z.union([z.number(), z.string()]).nullable().describe('null when not tested'),
  unit: z.string(),
  grade,
  gradeLabel: z.string(),
  appliedRange: appliedRangeSchema.describe('The criteria that applied to this person'),
  providerRange: providerRangeSchema.optional().describe('NHIS’s own printed reference for the item, from the import'),
  computed: z.boolean().optional(),
  method: z.enum(['BMI_FROM_HEIGHT_WEIGHT', 'CKD_EPI_2021']).optional(),
  note: z
    .string()
    .optional()
    .describe('Band sub-label (저체중), plain note on a value outside the graded range (기준보다 높음, 의사와 상의), or why an item was not applicable'),
  censored: z
    .object({ comparator: z.enum(['>', '≥', '<', '≤']), bound: z.number() })
    .optional()
    .describe('Present when the sheet printed a bound (">90", "<5"): value is then the printed text, judged by the bound'),
  components: z.array(z.object({ part: z.string(), value: z.union([z.number(), z.string()]).nullable(), grade })).optional(),
  missingFacts: z.array(personFact).optional(),
});

const countsSchema = z
  .record(z.enum(COUNTED_GRADES as [string, ...string[]]), z.number().int())
  .describe('Items per grade; NOT_APPLICABLE items are not counted');
const outsideCriteriaSchema = z
  .array(z.object({ item: z.string(), name: z.string(), value: z.union([z.number(), z.string()]), unit: z.string(), note: z.string() }))
  .describe('Measured values the notice does not grade (e.g. haemoglobin above the 정상A range), each with a plain note');
export const summarySchema = z.object({
  counts: countsSchema,
  flagged: z.array(
    z.object({ item: z.string(), name: z.string(), grade, gradeLabel: z.string(), value: z.union([z.number(), z.string()]).nullable(), unit: z.string() }),
  ),
  worstGrade: grade,
  outsideCriteria: outsideCriteriaSchema,
});

const personSchema = z.object({ sex: z.enum(['M', 'F']).nullable(), ageAtExam: z.number().int().nullable(), missingFacts: z.array(personFact) });

export const latestSchema = z.object({
  checkupId: z.uuid(),
  examYear: z.number().int(),
  examDate: z.iso.date().nullable(),
  checkupType: z.string().nullable(),
  organizationName: z.string().nullable(),
  reportedJudgement: z.string().nullable(),
  overallJudgement: overallJudgementSchema,
  hasDocument: z.boolean(),
  criteria: z.string(),
  person: personSchema,
  items: z.array(judgedItemSchema),
  summary: summarySchema,
});

export const historySchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      examYear: z.number().int(),
      examDate: z.iso.date().nullable(),
      checkupType: z.string().nullable(),
      organizationName: z.string().nullable(),
      reportedJudgement: z.string().nullable(),
      overallJudgement: overallJudgementSchema,
      hasDocument: z.boolean(),
      importedAt: z.iso.datetime(),
      summary: z.object({
        counts: countsSchema,
        worstGrade: grade,
        flagged: z.array(z.object({ item: z.string(), name: z.string(), grade, gradeLabel: z.string() })),
      }),
    }),
  ),
  total: z.number().int().describe('Checkups in the whole history'),
  nextCursor: z.string().nullable().describe('Opaque; pass as `cursor` for the next page; null on the last page'),
});

export const detailSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  examYear: z.number().int(),
  examDate: z.iso.date().nullable(),
  checkupType: z.string().nullable(),
  organizationName: z.string().nullable(),
  reportedJudgement: z.string().nullable(),
  overallJudgement: overallJudgementSchema,
  opinion: z.string().nullable(),
  hasDocument: z.boolean(),
  importedAt: z.iso.datetime(),
  values: z.record(z.string(), z.unknown()).describe('Every canonical field that was measured (absent = not tested)'),
  units: z.record(z.string(), z.string()),
  rejectedValues: z.array(z.object({ field: z.string(), raw: z.union([z.string(), z.number()]), reason: z.string() })),
  judged: z.object({ criteria: z.string(), person: personSchema, items: z.array(judgedItemSchema), summary: summarySchema }),
});

export const trendsSchema = z.object({
  criteria: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  checkups: z.number().int(),
  series: z.array(
    z.object({
      item: z.enum(TREND_ITEM_NAMES as [string, ...string[]]),
      name: z.string(),
      unit: z.string(),
      bands: z
        .array(
          z.object({
            grade,
            from: z.number().nullable(),
            fromInclusive: z.boolean(),
            to: z.number().nullable(),
            toInclusive: z.boolean(),
            note: z.string().optional(),
          }),
        )
        .nullable(),
      missingFacts: z.array(personFact).optional(),
      points: z.array(
        z.object({
          checkupId: z.uuid(),
          examYear: z.number().int(),
          examDate: z.iso.date().nullable(),
          value: z.number(),
          grade: grade.nullable(),
          computed: z.boolean().optional(),
        }),
      ),
    }),
  ),
});

export const linkSchema = z.object({
  id: z.uuid(),
  state: z.enum(['PENDING_APPROVAL', 'IMPORTED', 'EXPIRED', 'DENIED', 'FAILED']),
  reason: z
    .enum(LINK_REASONS)
    .nullable()
    .describe('Why a closed link imported nothing: ' + LINK_REASONS.join(', ')),
  provider: z.enum(SIMPLE_AUTH_PROVIDER_NAMES),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  imported: z.object({ newCheckups: z.number().int(), alreadyImported: z.number().int(), checkupIds: z.array(z.uuid()) }).nullable(),
});

export const internalLatestSchema = z.object({
  userId: z.string(),
  profile: z.object({ sex: z.enum(['M', 'F']).nullable(), birthDate: z.string().nullable(), occupation: z.string().nullable() }).nullable(),
  checkup: z
    .object({
      checkupId: z.uuid(),
      examYear: z.number().int(),
      examDate: z.iso.date().nullable(),
      reportedJudgement: z.string().nullable(),
      overallJudgement: overallJudgementSchema,
      missingFacts: z.array(personFact),
      items: z.array(
        z.object({
          item: z.string(),
          name: z.string(),
          value: z.union([z.number(), z.string()]).nullable(),
          unit: z.string(),
          grade,
          appliedRange: appliedRangeSchema,
          note: z.string().optional(),
        }),
      ),
      summary: summarySchema,
    })
    .nullable(),
});
