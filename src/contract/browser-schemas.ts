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
import { AccountsResponse, Bill, BillsResponse, PaymentHistoryItem, PaymentMethodsResponse, SavedMethod, UnregisterResponse } from './self-service.ts';
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

/** The keywords src/client/conforms.ts understands; generating anything else fails. */
export const CHECKED_KEYWORDS = new Set([
  '$ref', 'type', 'properties', 'required', 'items', 'enum', 'const', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'anyOf', 'oneOf', 'additionalProperties', 'propertyNames',
]);
/** Keywords that only describe (or, like additionalProperties: false, would refuse a newer broker's extra fields). */
const DROPPED = new Set(['$schema', '$id', 'format', 'description', 'default']);

/** Every schema as JSON Schema with `$ref`s by bare name, reduced to the checked keywords. */
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
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || (key === 'additionalProperties' && value === false)) continue;
    if (!CHECKED_KEYWORDS.has(key)) throw new Error(`${at}: the browser's checker does not know the keyword "${key}"`);
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([p, v]) => [p, reduce(v, `${at}/${p}`)]));
    } else {
      out[key] = reduce(value, `${at}/${key}`);
    }
  }
  return out;
}
