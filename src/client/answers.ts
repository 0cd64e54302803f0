/**
 * Typed checks of the data the browser reads, one per contract schema the
 * browser needs (src/contract/browser-schemas.ts). Each is a type guard:
 * `PaymentResult(json)` is true only for a value the contract allows. Only
 * types come from zod here; the checking is src/client/conforms.ts.
 */
import type * as z from 'zod/mini';
import type { browserSchemas } from '../contract/browser-schemas.ts';
import { defs } from './answer-schemas.ts';
import { conforms } from './conforms.ts';

type Schemas = typeof browserSchemas;

/** A check of one contract type. */
export type Check<T> = (value: unknown) => value is T;

const check =
  <K extends keyof Schemas>(name: K): Check<z.infer<Schemas[K]>> =>
  (value: unknown): value is z.infer<Schemas[K]> =>
    conforms(value, defs[name]!, defs);

export const ErrorBody = check('ErrorBody');
export const GuestLookupResponse = check('GuestLookupResponse');
export const PaymentResult = check('PaymentResult');
export const MeResponse = check('MeResponse');
export const SsoResponse = check('SsoResponse');
export const SsoMessage = check('SsoMessage');
export const AccountsResponse = check('AccountsResponse');
export const SyncedAccount = check('SyncedAccount');
export const PaymentMethodsResponse = check('PaymentMethodsResponse');
export const SavedMethod = check('SavedMethod');
export const BillsResponse = check('BillsResponse');
export const UnregisterResponse = check('UnregisterResponse');
export const AttemptRecord = check('AttemptRecord');
