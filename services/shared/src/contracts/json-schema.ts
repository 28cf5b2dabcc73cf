import { z } from 'zod';
import type { EventContract } from './events.js';

/**
 * JSON Schemas of the contracts, for validators in any language. Draft-07, the dialect AsyncAPI
 * 3.0 names for JSON Schema payloads (`application/schema+json;version=draft-07`) and that every
 * mainstream validator implements (Python's jsonschema, ajv, everit, ...).
 *
 * Objects are left open (no `additionalProperties: false`): a field added later as optional must
 * not make an older consumer refuse the event. Producers are held to the exact shape by the
 * contract tests instead.
 */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
export const ASYNCAPI_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

/** Where a contract's schema file is published in the repository, and its `$id`. */
export const schemaFileOf = (contract: Pick<EventContract, 'type'>) => `contracts/schemas/${contract.type}.json`;
export const schemaIdOf = (contract: Pick<EventContract, 'type'>) => `https://healthsync.example/${schemaFileOf(contract)}`;

/** A zod schema as draft-07 JSON Schema (input shape: defaults not required, objects open). */
export function toDraft07(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
}

/** The standalone schema file of one event's payload (`contracts/schemas/<type>.json`). */
export function eventJsonSchema(contract: EventContract): Record<string, unknown> {
  const { $schema: _dialect, ...body } = toDraft07(contract.schema);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: schemaIdOf(contract),
    title: contract.type,
    ...body,
    description: `${contract.summary}. ${contract.description} Published by ${contract.producer} on topic \`${contract.topic}\` of the pub/sub component \`${contract.pubsub}\` as the data of a CloudEvent of type \`${contract.type}\`.`,
  };
}

/** Keywords that only explain; changing them breaks nobody. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);

const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

function compare(before: unknown, after: unknown, at: string, out: string[]): void {
  if (!isObject(before) || !isObject(after)) {
    if (!sameJson(before, after)) out.push(`${at}: changed from ${show(before)} to ${show(after)}`);
    return;
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !ANNOTATIONS.has(k)));
  const hasProperties = isObject(before.properties) || isObject(after.properties);
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (key === 'properties' && isObject(b) && isObject(a)) {
      const requiredBefore = new Set((before.required as string[] | undefined) ?? []);
      const requiredAfter = new Set((after.required as string[] | undefined) ?? []);
      for (const name of Object.keys(b)) {
        if (!(name in a)) {
          out.push(`${at}.${name}: removed`);
          continue;
        }
        if (requiredBefore.has(name) && !requiredAfter.has(name)) out.push(`${at}.${name}: made optional`);
        if (!requiredBefore.has(name) && requiredAfter.has(name)) out.push(`${at}.${name}: made required`);
        compare(b[name], a[name], `${at}.${name}`, out);
      }
      for (const name of Object.keys(a)) if (!(name in b) && requiredAfter.has(name)) out.push(`${at}.${name}: added as a required field`);
    } else if (key === 'required' && hasProperties) {
      continue; // judged field by field above
    } else if (['items', 'additionalProperties', 'not', 'contains', 'propertyNames'].includes(key) && isObject(b) && isObject(a)) {
      compare(b, a, key === 'items' ? `${at}[]` : `${at}(${key})`, out);
    } else if (['anyOf', 'oneOf', 'allOf'].includes(key) && Array.isArray(b) && Array.isArray(a) && a.length === b.length) {
      b.forEach((entry, i) => compare(entry, a[i], `${at}(${key}[${i}])`, out));
    } else if (['definitions', '$defs'].includes(key) && isObject(b) && isObject(a)) {
      for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) compare(b[name], a[name], `#/${key}/${name}`, out);
    } else if (!sameJson(b, a)) {
      out.push(`${at}: ${key} changed from ${show(b)} to ${show(a)}`);
    }
  }
}

/**
 * What in `after` could break a consumer written against `before` (empty: compatible). Only new
 * optional fields and changed annotations are compatible; removing or renaming a field, changing
 * its type, format, bounds or values, or changing whether it is required, is breaking.
 */
export function breakingChanges(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  compare(before, after, 'payload', out);
  return out;
}
