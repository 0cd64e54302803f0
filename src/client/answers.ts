/**
 * Checks of the data the browser reads — every broker answer the client
 * reads, the messages of InvoiceCloud's portal pages, and what the elements
 * keep in sessionStorage — each with the contract's own zod/mini schema, so
 * the contract is written once, in src/contract. Each is a type guard:
 * `PaymentResult(json)` is true only for a value the contract allows.
 *
 * zod and the schemas are several kilobytes, more than an element's own
 * code: the transport fetches this module with its first request
 * (`answerChecks()` in transport.ts) instead of every page loading it up front.
 */
import * as z from 'zod/mini';
import * as state from '../contract/browser-state.ts';
import * as common from '../contract/common.ts';
import * as guest from '../contract/guest.ts';
import * as payments from '../contract/payments.ts';
import * as selfService from '../contract/self-service.ts';
import * as sessions from '../contract/sessions.ts';

/** A check of one contract type. */
export type Check<T> = (value: unknown) => value is T;

/**
 * The caller keeps the value it checked, not zod's parsed copy: zod's objects
 * drop unknown fields, and a newer broker may add some. (So zod's trimming of
 * an account number is not applied either; the broker answers them trimmed.)
 */
const check =
  <S extends z.ZodMiniType>(schema: S): Check<z.output<S>> =>
  (value: unknown): value is z.output<S> =>
    schema.safeParse(value).success;

export const ErrorBody = check(common.ErrorBody);
export const GuestLookupResponse = check(guest.GuestLookupResponse);
export const PaymentResult = check(payments.PaymentResult);
export const MeResponse = check(sessions.MeResponse);
export const SsoResponse = check(sessions.SsoResponse);
export const SsoMessage = check(sessions.SsoMessage);
export const AccountsResponse = check(selfService.AccountsResponse);
export const SyncedAccount = check(sessions.SyncedAccount);
export const PaymentMethodsResponse = check(selfService.PaymentMethodsResponse);
export const SavedMethod = check(selfService.SavedMethod);
export const BillsResponse = check(selfService.BillsResponse);
export const UnregisterResponse = check(selfService.UnregisterResponse);
export const AttemptRecord = check(state.AttemptRecord);
/** 204: no body. */
export const NoContent = check(z.undefined());
