/**
 * BrokerClient: the transport with every call as a method, for hosts that
 * would rather write `client.payBill(…)` than `payBill(client, …)`. Each
 * method is the call function of the same operation. The elements never
 * import this module (they import the functions they call), so an element
 * bundle carries none of the calls it does not make.
 */
import type * as C from '../contract/index.ts';
import {
  getBillPayment,
  linkAccount,
  listAccounts,
  listBills,
  payBill,
  unregisterAccount,
  updateAutopay,
  updatePaperless,
} from './accounts.ts';
import { getGuestPayment, lookupGuestAccount, payAsGuest } from './guest.ts';
import { getMe } from './me.ts';
import { listPaymentMethods, removePaymentMethod, storePaymentMethod, updatePaymentMethod } from './payment-methods.ts';
import { openPortalPage } from './sso.ts';
import { BrokerTransport, type RequestOptions } from './transport.ts';

/** A `BrokerTransport` (what an element's `client` and `<ic-provider>` take) with every call as a method. */
export class BrokerClient extends BrokerTransport {
  /** `lookupGuestAccount`: the account and its open bills, for a guest. */
  lookupAccount(request: C.GuestLookupRequest, options?: RequestOptions): Promise<C.GuestLookupResponse> {
    return lookupGuestAccount(this, request, options);
  }

  /** `payAsGuest`: one guest payment attempt. */
  payAsGuest(
    lookupToken: string,
    idempotencyKey: string,
    request: C.GuestPaymentRequest,
    options?: RequestOptions,
  ): Promise<C.PaymentResult> {
    return payAsGuest(this, lookupToken, idempotencyKey, request, options);
  }

  /** `getGuestPayment`: where a guest payment attempt stands. */
  guestPaymentStatus(lookupToken: string, idempotencyKey: string, options?: RequestOptions): Promise<C.PaymentResult> {
    return getGuestPayment(this, lookupToken, idempotencyKey, options);
  }

  /** `getMe`: the signed-in user and their accounts. */
  me(options?: RequestOptions): Promise<C.MeResponse> {
    return getMe(this, options);
  }

  /** `listAccounts`: the user's accounts. */
  accounts(options?: RequestOptions): Promise<C.SyncedAccount[]> {
    return listAccounts(this, options);
  }

  /** `listPaymentMethods`: the saved payment methods. */
  paymentMethods(options?: RequestOptions): Promise<C.SavedMethod[]> {
    return listPaymentMethods(this, options);
  }

  /** `listBills`: open bills and one page of payment history. */
  bills(accountNumber: string, page?: { before?: string; limit?: number }, options?: RequestOptions): Promise<C.BillsResponse> {
    return listBills(this, accountNumber, page, options);
  }

  /** `updatePaperless`: paperless billing on or off. */
  setPaperless(accountNumber: string, enabled: boolean, options?: RequestOptions): Promise<C.SyncedAccount> {
    return updatePaperless(this, accountNumber, enabled, options);
  }

  /** `updateAutopay`: AutoPay on or off. */
  setAutopay(accountNumber: string, request: C.AutopayRequest, options?: RequestOptions): Promise<C.SyncedAccount> {
    return updateAutopay(this, accountNumber, request, options);
  }

  /** `storePaymentMethod`: saves a card or bank account. */
  storePaymentMethod(request: C.StoreMethodRequest, options?: RequestOptions): Promise<C.SavedMethod> {
    return storePaymentMethod(this, request, options);
  }

  /** `updatePaymentMethod`: a saved method's expiry, nickname or default. */
  updatePaymentMethod(id: string, change: C.UpdateMethodRequest, options?: RequestOptions): Promise<C.SavedMethod> {
    return updatePaymentMethod(this, id, change, options);
  }

  /** `removePaymentMethod`: deletes a saved method. */
  removePaymentMethod(id: string, options?: RequestOptions): Promise<void> {
    return removePaymentMethod(this, id, options);
  }

  /** `linkAccount`: links another account. */
  linkAccount(request: C.LinkAccountRequest, options?: RequestOptions): Promise<C.SyncedAccount[]> {
    return linkAccount(this, request, options);
  }

  /** `unregisterAccount`: unregisters an account and those linked under it. */
  unregisterAccount(accountNumber: string, options?: RequestOptions): Promise<string[]> {
    return unregisterAccount(this, accountNumber, options);
  }

  /** `payBill`: one bill payment attempt. */
  payBill(
    accountNumber: string,
    idempotencyKey: string,
    request: C.BillPaymentRequest,
    options?: RequestOptions,
  ): Promise<C.PaymentResult> {
    return payBill(this, accountNumber, idempotencyKey, request, options);
  }

  /** `getBillPayment`: where a bill payment attempt stands. */
  billPaymentStatus(accountNumber: string, idempotencyKey: string, options?: RequestOptions): Promise<C.PaymentResult> {
    return getBillPayment(this, accountNumber, idempotencyKey, options);
  }

  /** `openPortalPage`: a new single-use URL of an InvoiceCloud portal page. */
  ssoUrl(page: C.SsoTarget | C.SsoRequest, options?: RequestOptions): Promise<C.SsoResponse> {
    return openPortalPage(this, page, options);
  }
}
