import type { JsonSchema } from './types.js';

/**
 * The "malformed" control mode: a value that violates the schema in the way models really slip —
 * a required field left out, or, when nothing is required, a field of the wrong type.
 */
export function breakValue(value: unknown, schema: JsonSchema): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { unexpected: value };
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const missing = required.find((key) => key in copy);
  if (missing !== undefined) {
    delete copy[missing];
    return copy;
  }
  const first = Object.keys(copy)[0];
  if (first === undefined) return { unexpected: true };
  const current = copy[first];
  copy[first] = typeof current === 'string' ? 12345 : 'not-the-declared-type';
  return copy;
}
