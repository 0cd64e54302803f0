/**
 * Checks data against the contract's JSON Schemas (src/client/answer-schemas.ts,
 * generated from the zod contract). Only the keywords that generation keeps
 * (CHECKED_KEYWORDS in src/contract/browser-schemas.ts) exist here, so this
 * stays a few hundred bytes where zod would cost the browser ~8 KB gzip.
 * Unknown properties are allowed: a newer broker may add fields.
 */
export interface JsonSchema {
  /** The schema referred to (generated as the object itself, not its name). */
  $ref?: JsonSchema;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  /** The `properties` that may be absent; every other one must be present (JSON Schema's `required`, inverted: shorter). */
  optional?: string[];
  items?: JsonSchema;
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** For records: the schema of every value. */
  additionalProperties?: JsonSchema;
  propertyNames?: JsonSchema;
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const patterns = new Map<string, RegExp>();

function typeOk(t: JsonType, v: unknown): boolean {
  switch (t) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    default:
      return typeof v === t;
  }
}

/** True when `value` satisfies `schema`. */
export function conforms(value: unknown, schema: JsonSchema): boolean {
  const s = schema;
  const ok = conforms;
  if (s.$ref !== undefined && !ok(value, s.$ref)) return false;
  if (s.type !== undefined && !(Array.isArray(s.type) ? s.type : [s.type]).some((t) => typeOk(t, value))) return false;
  if (s.const !== undefined && value !== s.const) return false;
  if (s.enum && !s.enum.includes(value)) return false;
  if (s.anyOf && !s.anyOf.some((sub) => ok(value, sub))) return false;
  if (s.oneOf && s.oneOf.filter((sub) => ok(value, sub)).length !== 1) return false;
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) return false;
    if (s.maxLength !== undefined && value.length > s.maxLength) return false;
    if (s.pattern !== undefined) {
      let re = patterns.get(s.pattern);
      if (!re) patterns.set(s.pattern, (re = new RegExp(s.pattern)));
      if (!re.test(value)) return false;
    }
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return false;
    if (s.maximum !== undefined && value > s.maximum) return false;
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return false;
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return false;
  }
  if (Array.isArray(value) && s.items && !value.every((v) => ok(v, s.items!))) return false;
  if (typeOk('object', value)) {
    const o = value as Record<string, unknown>;
    for (const [k, sub] of Object.entries(s.properties ?? {})) {
      if (Object.hasOwn(o, k) ? !ok(o[k], sub) : !s.optional?.includes(k)) return false;
    }
    const extra = Object.keys(o).filter((k) => !s.properties || !Object.hasOwn(s.properties, k));
    if (s.additionalProperties && !extra.every((k) => ok(o[k], s.additionalProperties!))) return false;
    if (s.propertyNames && !Object.keys(o).every((k) => ok(k, s.propertyNames!))) return false;
  }
  return true;
}
