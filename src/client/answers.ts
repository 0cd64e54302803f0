/**
 * Typed checks of the data the browser reads, one per contract schema the
 * browser needs (src/contract/browser-schemas.ts). Each is a type guard:
 * `PaymentResult(json)` is true only for a value the contract allows. Only
 * types come from zod here; the checking is src/client/conforms.ts.
 */
import type * as z from 'zod/mini';
import type { browserSchemas } from '../contract/browser-schemas.ts';
import * as schemas from './answer-schemas.ts';
import { conforms, type JsonSchema } from './conforms.ts';

type Schemas = typeof browserSchemas;

/** A check of one contract type. */
export type Check<T> = (value: unknown) => value is T;

// Pure: a build drops the checks (and with them the schemas) its code never makes.
const check =
  <K extends keyof Schemas>(schema: JsonSchema): Check<z.infer<Schemas[K]>> =>
  (value: unknown): value is z.infer<Schemas[K]> =>
    conforms(value, schema);

export const ErrorBody = /* @__PURE__ */ check<'ErrorBody'>(schemas.ErrorBody);
export const GuestLookupResponse = /* @__PURE__ */ check<'GuestLookupResponse'>(schemas.GuestLookupResponse);
export const PaymentResult = /* @__PURE__ */ check<'PaymentResult'>(schemas.PaymentResult);
export const MeResponse = /* @__PURE__ */ check<'MeResponse'>(schemas.MeResponse);
export const SsoResponse = /* @__PURE__ */ check<'SsoResponse'>(schemas.SsoResponse);
export const SsoMessage = /* @__PURE__ */ check<'SsoMessage'>(schemas.SsoMessage);
export const AccountsResponse = /* @__PURE__ */ check<'AccountsResponse'>(schemas.AccountsResponse);
export const SyncedAccount = /* @__PURE__ */ check<'SyncedAccount'>(schemas.SyncedAccount);
export const PaymentMethodsResponse = /* @__PURE__ */ check<'PaymentMethodsResponse'>(schemas.PaymentMethodsResponse);
export const SavedMethod = /* @__PURE__ */ check<'SavedMethod'>(schemas.SavedMethod);
export const BillsResponse = /* @__PURE__ */ check<'BillsResponse'>(schemas.BillsResponse);
export const UnregisterResponse = /* @__PURE__ */ check<'UnregisterResponse'>(schemas.UnregisterResponse);
export const AttemptRecord = /* @__PURE__ */ check<'AttemptRecord'>(schemas.AttemptRecord);
