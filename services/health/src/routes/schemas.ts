import { z } from 'zod';
import { GRADES, LINK_REASONS, SIMPLE_AUTH_PROVIDER_NAMES, TREND_ITEM_NAMES } from '../domain/index.js';

/** Response shapes, for the OpenAPI document (handlers build them; see handlers/views.ts). */
const grade = z.enum(GRADES as [string, ...string[]]).describe('NORMAL_A 정상A, NORMAL_B 정상B(경계), SUSPECTED_DISEASE 질환의심, NOT_CLASSIFIED 기준 외, NOT_TESTED 미검사');
const personFact = z.enum(['SEX', 'BIRTH_DATE']);

export const appliedRangeSchema = z.object({
  normalA: z.string(),
  normalB: z.string().nullable(),
  suspected: z.string(),
  notClassified: z.string().optional(),
});

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
  note: z.string().optional(),
  components: z.array(z.object({ part: z.string(), value: z.union([z.number(), z.string()]).nullable(), grade })).optional(),
  missingFacts: z.array(personFact).optional(),
});

const countsSchema = z.record(z.string(), z.number().int());
export const summarySchema = z.object({
  counts: countsSchema,
  flagged: z.array(z.object({ item: z.string(), name: z.string(), grade, gradeLabel: z.string(), value: z.union([z.number(), z.string()]).nullable(), unit: z.string() })),
  worstGrade: grade,
});

const personSchema = z.object({ sex: z.enum(['M', 'F']).nullable(), ageAtExam: z.number().int().nullable(), missingFacts: z.array(personFact) });

export const latestSchema = z.object({
  checkupId: z.uuid(),
  examYear: z.number().int(),
  examDate: z.iso.date().nullable(),
  checkupType: z.string().nullable(),
  organizationName: z.string().nullable(),
  reportedJudgement: z.string().nullable(),
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
      hasDocument: z.boolean(),
      importedAt: z.iso.datetime(),
      summary: z.object({ counts: countsSchema, worstGrade: grade, flagged: z.array(z.object({ item: z.string(), name: z.string(), grade, gradeLabel: z.string() })) }),
    }),
  ),
  page: z.number().int(),
  size: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
});

export const detailSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  examYear: z.number().int(),
  examDate: z.iso.date().nullable(),
  checkupType: z.string().nullable(),
  organizationName: z.string().nullable(),
  reportedJudgement: z.string().nullable(),
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
        .array(z.object({ grade, from: z.number().nullable(), fromInclusive: z.boolean(), to: z.number().nullable(), toInclusive: z.boolean(), note: z.string().optional() }))
        .nullable(),
      missingFacts: z.array(personFact).optional(),
      points: z.array(
        z.object({ checkupId: z.uuid(), examYear: z.number().int(), examDate: z.iso.date().nullable(), value: z.number(), grade: grade.nullable(), computed: z.boolean().optional() }),
      ),
    }),
  ),
});

export const documentLinkSchema = z.object({
  url: z.url().describe('Read-only SAS URL to the original result sheet'),
  expiresAt: z.iso.datetime(),
  contentType: z.literal('application/pdf'),
});

export const linkSchema = z.object({
  id: z.uuid(),
  state: z.enum(['PENDING_APPROVAL', 'IMPORTED', 'EXPIRED', 'DENIED', 'FAILED']),
  reason: z.enum(LINK_REASONS).nullable().describe('Why a closed link imported nothing: ' + LINK_REASONS.join(', ')),
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
      missingFacts: z.array(personFact),
      items: z.array(z.object({ item: z.string(), name: z.string(), value: z.union([z.number(), z.string()]).nullable(), unit: z.string(), grade, appliedRange: appliedRangeSchema })),
      summary: summarySchema,
    })
    .nullable(),
});
