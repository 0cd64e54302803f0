/**
 * The schemas the browser checks data against — every broker answer the
 * client reads, the messages of InvoiceCloud's portal pages, and what the
 * elements keep in sessionStorage — as JSON Schema. The browser carries no
 * zod (it would cost a quarter of the bundle budget): `npm run openapi` writes
 * these into src/client/answer-schemas.ts, and src/client/conforms.ts checks
 * against them. So the contract stays written once, here in zod.
 */
import * as z from 'zod/mini';
import { AttemptRecord } from './browser-state.ts';
import { AccountNumber, Cents, ErrorBody, IsoDate, IsoDateTime } from './common.ts';
import { GuestLookupResponse, Invoice } from './guest.ts';
import { MethodSummary, PaymentResult, Receipt } from './payments.ts';
import {
  AccountsResponse,
  Bill,
  BillsResponse,
  PaymentHistoryItem,
  PaymentMethodsResponse,
  SavedMethod,
  UnregisterResponse,
} from './self-service.ts';
import { MeResponse, SsoMessage, SsoResponse, SyncedAccount } from './sessions.ts';

/** What the browser checks, by the name it asks for. */
export const browserSchemas = {
  ErrorBody,
  GuestLookupResponse,
  PaymentResult,
  MeResponse,
  SsoResponse,
  SsoMessage,
  AccountsResponse,
  SyncedAccount,
  PaymentMethodsResponse,
  SavedMethod,
  BillsResponse,
  UnregisterResponse,
  AttemptRecord,
} as const;

/** Pieces used in several places: named, so each is written once (a `$ref`). */
const shared = { Cents, AccountNumber, IsoDate, IsoDateTime, MethodSummary, Receipt, Invoice, Bill, PaymentHistoryItem };

/** The keywords src/client/conforms.ts understands (`required` reaches it inverted, as `optional`); generating anything else fails. */
export const CHECKED_KEYWORDS = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'anyOf',
  'oneOf',
  'additionalProperties',
  'propertyNames',
]);
/** Keywords that only describe (or, like additionalProperties: false, would refuse a newer broker's extra fields). */
const DROPPED = new Set(['$schema', '$id', 'format', 'description', 'default']);

/**
 * Every schema as JSON Schema with `$ref`s by bare name, reduced to the
 * checked keywords, `required` turned into `optional` (the properties that
 * may be absent).
 */
export function browserSchemaDefs(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries({ ...shared, ...browserSchemas })) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => id, target: 'draft-2020-12' });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, reduce(s, id)]));
}

function reduce(node: unknown, at: string): unknown {
  if (Array.isArray(node)) return node.map((n, i) => reduce(n, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  // An object whose properties are all optional has no `required`.
  if ('properties' in node && !('required' in node)) out.optional = Object.keys((node as { properties: object }).properties);
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || (key === 'additionalProperties' && value === false)) continue;
    if (!CHECKED_KEYWORDS.has(key)) throw new Error(`${at}: the browser's checker does not know the keyword "${key}"`);
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([p, v]) => [p, reduce(v, `${at}/${p}`)]));
    } else if (key === 'required') {
      // Most properties are required: naming the few that are not is shorter than naming all that are.
      const required = value as string[];
      const optional = Object.keys((node as { properties?: object }).properties ?? {}).filter((p) => !required.includes(p));
      if (required.some((p) => !Object.hasOwn((node as { properties?: object }).properties ?? {}, p)))
        throw new Error(`${at}: a required property without a schema`);
      if (optional.length) out.optional = optional;
    } else {
      out[key] = reduce(value, `${at}/${key}`);
    }
  }
  return out;
}

/**
 * The text of src/client/answer-schemas.ts: one constant per schema, in an
 * order where each comes after those it refers to, and each `$ref` the
 * referred schema itself rather than its name, so that a build keeps only
 * the schemas its code checks.
 */
export function answerSchemasSource(): string {
  const defs = browserSchemaDefs();
  const refs = (node: unknown): string[] =>
    Array.isArray(node)
      ? node.flatMap(refs)
      : typeof node === 'object' && node !== null
        ? Object.entries(node).flatMap(([k, v]) => (k === '$ref' ? [v as string] : refs(v)))
        : [];
  const order: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (order.includes(id)) return;
    if (path.includes(id)) throw new Error(`schemas refer to each other: ${[...path, id].join(' → ')}`);
    for (const r of refs(defs[id])) visit(r, [...path, id]);
    order.push(id);
  };
  Object.keys(defs).forEach((id) => visit(id, []));
  const constant = (id: string) =>
    `export const ${id}: JsonSchema = ${JSON.stringify(defs[id], null, 2).replace(/"\$ref": "(\w+)"/g, '"$ref": $1')};\n`;
  return `// Generated by \`npm run openapi\` from src/contract/browser-schemas.ts: do not edit.
import type { JsonSchema } from './conforms.ts';

${order.map(constant).join('\n')}`;
}
