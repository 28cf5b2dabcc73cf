import { z } from 'zod';

/**
 * Parameters of POST /v1/kr/public/pp/nhis-health-checkup/result (docs/reference/nhis.md §4.2). The first call
 * carries the identity; the second repeats it and adds is2Way, simpleAuth and twoWayInfo.
 * All values are strings except is2Way (boolean) and twoWayInfo's numbers, as in CODEF's samples.
 */
const isCalendarDate = (s: string) => {
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replace(/-/g, '') === s;
};

const twoWayInfoSchema = z.object({
  jobIndex: z.coerce.number().int().min(0),
  threadIndex: z.coerce.number().int().min(0),
  jti: z.string().min(1),
  twoWayTimestamp: z.coerce.number().int().positive(),
});

export const checkupParamsSchema = z.object({
  /** "0002" = 국민건강보험공단 */
  organization: z.literal('0002'),
  /** "5" = 간편인증; certificate login ("0") is not simulated. */
  loginType: z.literal('5'),
  loginTypeLevel: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']),
  userName: z.string().trim().min(1).max(50),
  /** Birth date YYYYMMDD (simple auth never takes the resident number). */
  identity: z
    .string()
    .regex(/^\d{8}$/)
    .refine(isCalendarDate),
  phoneNo: z.string().regex(/^01[016789]\d{7,8}$/),
  /** 0 SKT, 1 KT, 2 LG U+ (MVNOs included); required when loginTypeLevel is 5 (PASS). */
  telecom: z.union([z.enum(['0', '1', '2']), z.literal('')]).optional(),
  searchStartYear: z.union([z.string().regex(/^\d{4}$/), z.literal('')]).optional(),
  searchEndYear: z.union([z.string().regex(/^\d{4}$/), z.literal('')]).optional(),
  inquiryType: z.union([z.enum(['0', '1', '3', '4']), z.literal('')]).optional(),
  type: z.union([z.enum(['0', '1', '2']), z.literal('')]).optional(),
  /** Groups several products under one approval; reusing an unfinished one is refused (CF-12001). */
  id: z.string().max(200).optional(),
  is2Way: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  simpleAuth: z.string().optional(),
  twoWayInfo: twoWayInfoSchema.optional(),
});

export type CheckupParams = z.infer<typeof checkupParamsSchema>;

export type ParamProblem = { kind: 'missing' | 'invalid'; field: string };

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let v: unknown = body;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Validates and reports the first problem the way CODEF does: missing (CF-00001) or invalid (CF-00007), naming the field. */
export function parseCheckupParams(body: unknown): { ok: true; params: CheckupParams } | { ok: false; problem: ParamProblem } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problem: { kind: 'invalid', field: '' } };
  }
  const parsed = checkupParamsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const raw = valueAt(body, path);
    return {
      ok: false,
      problem: { kind: raw === undefined || raw === '' ? 'missing' : 'invalid', field: path.map(String).join('.') },
    };
  }
  const p = parsed.data;
  if (p.loginTypeLevel === '5' && !p.telecom) return { ok: false, problem: { kind: 'missing', field: 'telecom' } };
  if (p.searchStartYear && p.searchEndYear && p.searchStartYear > p.searchEndYear) {
    return { ok: false, problem: { kind: 'invalid', field: 'searchStartYear' } };
  }
  if (isTwoWay(p)) {
    if (p.simpleAuth === undefined || p.simpleAuth === '') return { ok: false, problem: { kind: 'missing', field: 'simpleAuth' } };
    if (p.simpleAuth !== '1') return { ok: false, problem: { kind: 'invalid', field: 'simpleAuth' } };
    if (!p.twoWayInfo) return { ok: false, problem: { kind: 'missing', field: 'twoWayInfo' } };
  }
  return { ok: true, params: p };
}

export function isTwoWay(p: CheckupParams): boolean {
  return p.is2Way === true || p.is2Way === 'true';
}
