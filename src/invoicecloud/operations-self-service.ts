/**
 * Rows of the operation table for the seed's self-service flows: Registered
 * User Payment, Paperless, AutoPay, Manage Payment Methods, Manage Accounts.
 * Same conventions as `operations.ts` (decimal dollars on the wire).
 */
import { z } from 'zod';
import { Dollars, Guid, IcAccountSummary, IcBank, IcCard, IcInvoice, IcPayment, IcSavedMethod } from './wire.ts';

/** Open and paid bills of an account. */
const RetrieveInvoices = {
  method: 'POST',
  path: 'invoices/RetrieveInvoices',
  request: z.object({ AccountNumber: z.string() }),
  response: z.object({ Invoices: z.array(IcInvoice) }),
} as const;

const InvoicePayWithSavedMethod = {
  method: 'POST',
  path: 'payments/InvoicePayWithSavedMethod',
  request: z.object({
    LoginGuid: Guid,
    AccountNumber: z.string(),
    InvoiceNumber: z.string(),
    Amount: Dollars.positive(),
    ReferenceId: z.string().min(1).max(128),
    PaymentMethodId: z.string(),
    EmailAddress: z.string().email().optional(),
  }),
  response: IcPayment,
} as const;

/** Store User Credit or ACH Banking. */
const StorePaymentMethod = {
  method: 'POST',
  path: 'remoteauth/StorePaymentMethod',
  request: z.object({
    LoginGuid: Guid,
    PaymentMethod: z.discriminatedUnion('PaymentType', [IcCard, IcBank]),
    Nickname: z.string().max(40).optional(),
    MakeDefault: z.boolean().optional(),
  }),
  response: IcSavedMethod,
} as const;

/** Manage Saved Payments: expiry, nickname, default. */
const UpdatePaymentMethod = {
  method: 'POST',
  path: 'remoteauth/UpdatePaymentMethod',
  request: z.object({
    LoginGuid: Guid,
    PaymentMethodId: z.string(),
    ExpirationMonth: z.number().int().min(1).max(12).optional(),
    ExpirationYear: z.number().int().optional(),
    Nickname: z.string().max(40).nullable().optional(),
    MakeDefault: z.literal(true).optional(),
  }),
  response: IcSavedMethod,
} as const;

/** Manage Saved Payments: remove. A method AutoPay uses is refused (409 MethodInUseByAutoPay). */
const RemovePaymentMethod = {
  method: 'POST',
  path: 'remoteauth/RemovePaymentMethod',
  request: z.object({ LoginGuid: Guid, PaymentMethodId: z.string() }),
  response: z.object({ Removed: z.literal(true) }),
} as const;

/** Enabling needs a stored method (409 NoPaymentMethod); without PaymentMethodId the default is used. */
const UpdateAutoPay = {
  method: 'POST',
  path: 'autopay/UpdateAutoPay',
  request: z.object({ LoginGuid: Guid, AccountNumber: z.string(), Enabled: z.boolean(), PaymentMethodId: z.string().optional() }),
  response: z.object({ AccountNumber: z.string(), AutoPay: z.boolean(), PaymentMethodId: z.string().nullable() }),
} as const;

const UpdatePaperless = {
  method: 'POST',
  path: 'paperless/UpdatePaperless',
  request: z.object({ LoginGuid: Guid, AccountNumber: z.string(), Enabled: z.boolean() }),
  response: z.object({ AccountNumber: z.string(), Paperless: z.boolean() }),
} as const;

/** Link Accounts: the account's customer name verifies the caller may see it (same match as the guest look-up). */
const LinkAccounts = {
  method: 'POST',
  path: 'remoteauth/LinkAccounts',
  request: z.object({ LoginGuid: Guid, AccountNumber: z.string(), CustomerName: z.string() }),
  response: z.object({ Accounts: z.array(IcAccountSummary) }),
} as const;

/**
 * Unregister Accounts. InvoiceCloud has no unlink: unregistering an account
 * also unregisters every account linked to it; the answer lists them all.
 */
const UnregisterAccounts = {
  method: 'POST',
  path: 'remoteauth/UnregisterAccounts',
  request: z.object({ LoginGuid: Guid, AccountNumber: z.string() }),
  response: z.object({ Unregistered: z.array(z.string()).min(1) }),
} as const;

export const selfServiceOperations = {
  RetrieveInvoices,
  InvoicePayWithSavedMethod,
  StorePaymentMethod,
  UpdatePaymentMethod,
  RemovePaymentMethod,
  UpdateAutoPay,
  UpdatePaperless,
  LinkAccounts,
  UnregisterAccounts,
} as const;
