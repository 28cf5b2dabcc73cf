import { z } from 'zod';
import { type CanonicalField, type CheckupRecord, type Person, canonicalFields, previewKeys } from '../domain/checkup-record.js';
import { gradeItems, opinionFor, overallGrade } from '../domain/judging.js';

/**
 * Bodies of the test-only control API. A registered checkup lists the canonical record's fields
 * (docs/reference/nhis.md §4.5) as the exact strings the aggregator should print; an omitted field prints "" (not
 * measured). `raw` overrides any preview cell verbatim, for malformed-input tests.
 */
const value = z.string().max(200);
const canonicalShape = Object.fromEntries(canonicalFields.map((f) => [f, value.optional()])) as Record<CanonicalField, z.ZodOptional<z.ZodString>>;
const rawShape = Object.fromEntries(previewKeys.map((k) => [k, value.optional()]));

const checkupSchema = z.strictObject({
  year: z.string().regex(/^\d{4}$/),
  examDate: z.string().regex(/^\d{8}$/),
  organization_name: value.optional(),
  checkup_type: value.optional(),
  opinion: value.optional(),
  ...canonicalShape,
  raw: z.strictObject(rawShape).optional(),
});

export const registerPersonSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  birthDate: z.string().regex(/^\d{8}$/),
  phone: z.string().regex(/^[\d-]{10,13}$/),
  /** Only used to fill in overall_grade/opinion when they are omitted. */
  sex: z.enum(['M', 'F']).optional(),
  /** Serve a generated original sheet (PDF) for inquiryType 1/3. Default false. */
  pdf: z.boolean().optional(),
  /** How the unit row spells units: "codef" (Cm, Kg, mg/dL; default) or "cjk" (㎝, ㎏, ㎎/㎗). */
  unitStyle: z.enum(['codef', 'cjk']).optional(),
  checkups: z.array(checkupSchema).max(30),
});

export type RegisterPersonBody = z.infer<typeof registerPersonSchema>;

export const decisionSchema = z.object({ decision: z.enum(['approve', 'deny']) });

export const outageSchema = z.object({
  down: z.boolean(),
  mode: z.enum(['error', 'unavailable', 'hang']).optional(),
});

/** Turns a registration into the person the aggregator serves, printing given values verbatim. */
export function personFromRegistration(body: RegisterPersonBody): Person {
  const checkups = body.checkups.map((c): CheckupRecord => {
    const fields = Object.fromEntries(canonicalFields.map((f) => [f, c[f] ?? ''])) as Record<CanonicalField, string>;
    const record: CheckupRecord = {
      ...fields,
      year: c.year,
      examDate: c.examDate,
      organizationName: c.organization_name ?? '등록검진기관',
      checkupType: c.checkup_type ?? '일반검진',
      opinion: c.opinion ?? '',
      ...(c.raw ? { raw: c.raw } : {}),
    };
    const items = gradeItems(record, body.sex);
    if (c.overall_grade === undefined) record.overall_grade = overallGrade(items);
    if (c.opinion === undefined) record.opinion = opinionFor(record.overall_grade, items);
    return record;
  });
  return { ...(body.sex ? { sex: body.sex } : {}), ...(body.unitStyle ? { unitStyle: body.unitStyle } : {}), pdf: body.pdf ?? false, checkups };
}

/** Body of POST /_control/clock: move forward by seconds, or set the offset from real time. */
export const clockSchema = z
  .strictObject({
    advanceSeconds: z
      .number()
      .min(0)
      .max(30 * 86_400)
      .optional(),
    offsetSeconds: z
      .number()
      .min(0)
      .max(30 * 86_400)
      .optional(),
  })
  .refine((b) => (b.advanceSeconds === undefined) !== (b.offsetSeconds === undefined), 'give advanceSeconds or offsetSeconds');
