/**
 * The one table of InvoiceCloud web-service operations this project uses:
 * operation name (as the seed and the sandbox call log name it) → HTTP method,
 * path under `…/api/v1/`, and the wire shapes of request and response.
 *
 * Known real shapes (DESIGN.md) keep their real paths; the others are named in
 * the same style. Amounts on the wire are decimal dollars, as InvoiceCloud
 * sends them; our own contract speaks integer cents, and the client converts.
 * The sandbox validates requests against these same schemas, so the two
 * cannot drift apart.
 */
import { z } from 'zod';
import { selfServiceOperations } from './operations-self-service.ts';
import { Dollars, Guid, IcAccountSummary, IcBank, IcCard, IcInvoice, IcPayment, IcSavedMethod } from './wire.ts';

export type { IcAccountSummary, IcPayment } from './wire.ts';

/** Body of every non-2xx answer InvoiceCloud gives. */
export const IcErrorBody = z.object({ ErrorCode: z.string(), Message: z.string() });

/**
 * `GET biller/status`: a known real path (DESIGN.md), the biller's API status.
 * Not one of the seed's operations, so not in the table below nor in the
 * sandbox's call log: the broker calls it once when it starts, to learn
 * whether InvoiceCloud is reachable with its URL and key. What the answer
 * holds is not published; both fields are read when present, and any JSON
 * object counts as an answer.
 */
export const BillerStatus = {
  method: 'GET',
  path: 'biller/status',
  response: z.object({ Status: z.string().optional(), BillerName: z.string().optional() }),
} as const;

const LookupAccount = {
  method: 'POST',
  path: 'customer/LookupAccount',
  request: z.object({ AccountNumber: z.string(), CustomerName: z.string() }),
  response: z.object({
    AccountNumber: z.string(),
    CustomerName: z.string(),
    BalanceDue: Dollars,
    Invoices: z.array(IcInvoice),
  }),
} as const;

const InvoicePayWithoutSavedMethod = {
  method: 'POST',
  path: 'payments/InvoicePay',
  request: z.object({
    AccountNumber: z.string(),
    InvoiceNumber: z.string(),
    Amount: Dollars.positive(),
    ReferenceId: z.string().min(1).max(128),
    EmailAddress: z.string().email().optional(),
    PaymentMethod: z.discriminatedUnion('PaymentType', [IcCard, IcBank]),
  }),
  response: IcPayment,
} as const;

const RetrievePayments = {
  method: 'GET',
  path: 'payments',
  request: z.object({ AccountNumber: z.string(), ReferenceId: z.string().optional() }),
  response: z.object({ Payments: z.array(IcPayment) }),
} as const;

// --- Remote Authentication, customers and CloudSSO (seed: User Access, User
// Registration, Update Email and Password, Pay By Text) ---

/** Is there a customer for this account, and which logins (registered users) can see it. */
const RetrieveUsers = {
  method: 'POST',
  path: 'remoteauth/RetrieveUsers',
  request: z.object({ AccountNumber: z.string() }),
  response: z.object({
    CustomerExists: z.boolean(),
    /** Empty when the account is not registered. */
    Users: z.array(z.object({ LoginGuid: Guid, Username: z.string(), EmailAddress: z.string() })),
  }),
} as const;

/** A token that lets the biller open CloudSSO pages as this user, for one session. */
const RemoteAuthentication = {
  method: 'POST',
  path: 'remoteauth/RemoteAuthentication',
  request: z.object({ Username: z.string(), AccountNumber: z.string() }),
  response: z.object({ RemoteAuthenticationToken: z.string().min(16), ExpiresInSeconds: z.number().int().positive() }),
} as const;

/** Known real shape (DESIGN.md). */
const RetrieveCustomerGuid = {
  method: 'POST',
  path: 'customer/RetrieveCustomerGuid',
  request: z.object({ AccountNumber: z.string(), EmailAddress: z.string(), Username: z.string() }),
  response: z.object({ CustomerGuid: Guid }),
} as const;

const RetrieveLoginGuid = {
  method: 'POST',
  path: 'remoteauth/RetrieveLoginGuid',
  request: z.object({ Username: z.string() }),
  response: z.object({ LoginGuid: Guid }),
} as const;

const RetrieveUserAccounts = {
  method: 'POST',
  path: 'remoteauth/RetrieveUserAccounts',
  request: z.object({ LoginGuid: Guid }),
  // Also the login's saved methods and each account's AutoPay method and link:
  // one call syncs everything the self-service elements show.
  response: z.object({
    Accounts: z.array(IcAccountSummary.extend({ AutoPayMethodId: z.string().nullable(), LinkedTo: z.string().nullable() })),
    PaymentMethods: z.array(IcSavedMethod),
  }),
} as const;

/** Known real path (DESIGN.md): `GET cp/{customerGuid}/account`. */
const RetrieveCustomerDetails = {
  method: 'GET',
  path: 'cp/{CustomerGuid}/account',
  request: z.object({ CustomerGuid: Guid }),
  response: IcAccountSummary.extend({ CustomerGuid: Guid, EmailAddress: z.string() }),
} as const;

const CreateCustomerRecord = {
  method: 'POST',
  path: 'customers/CreateCustomerRecord',
  request: z.object({
    AccountNumber: z.string(),
    FirstName: z.string(),
    LastName: z.string(),
    EmailAddress: z.string().email(),
  }),
  response: z.object({ CustomerGuid: Guid }),
} as const;

/** Creates (or extends) a login over these accounts. The seed: LoginTypeID is always 1. */
const RegisterAccounts = {
  method: 'POST',
  path: 'remoteauth/RegisterAccounts',
  request: z.object({
    Username: z.string(),
    EmailAddress: z.string().email(),
    LoginTypeID: z.literal(1),
    AccountNumbers: z.array(z.string()).min(1),
  }),
  response: z.object({ LoginGuid: Guid, Accounts: z.array(IcAccountSummary) }),
} as const;

/**
 * With `CurrentPassword`, InvoiceCloud changes the password only if it
 * matches (409 `CurrentPasswordMismatch` otherwise); without it, the biller
 * vouches for the change (after the user approved it by email).
 */
const UpdatePassword = {
  method: 'POST',
  path: 'remoteauth/UpdatePassword',
  request: z.object({ LoginGuid: Guid, CurrentPassword: z.string().optional(), NewPassword: z.string().min(8).max(128) }),
  response: z.object({ Updated: z.literal(true) }),
} as const;

/** Same rule as UpdatePassword for `CurrentPassword`. */
const UpdateEmail = {
  method: 'POST',
  path: 'remoteauth/UpdateEmail',
  request: z.object({ LoginGuid: Guid, CurrentPassword: z.string().optional(), NewEmailAddress: z.string().email() }),
  response: z.object({ Updated: z.literal(true) }),
} as const;

/**
 * A single-use CloudSSO URL (60 s) that opens an InvoiceCloud portal page as
 * the user. RedirectId picks the page (11 = Customer Portal Pay By Text
 * Enrollment); ParentOrigin is the only origin the page will frame into and
 * talk to.
 */
const CloudSsoConnect = {
  method: 'POST',
  path: 'cloudsso/CloudSSOConnect',
  request: z.object({
    RemoteAuthenticationToken: z.string(),
    RedirectId: z.number().int().positive(),
    ParentOrigin: z.string().url(),
  }),
  response: z.object({ Url: z.string().url(), ExpiresInSeconds: z.number().int().positive() }),
} as const;

export const operations = {
  ...selfServiceOperations,
  LookupAccount,
  InvoicePayWithoutSavedMethod,
  RetrievePayments,
  RetrieveUsers,
  RemoteAuthentication,
  RetrieveCustomerGuid,
  RetrieveLoginGuid,
  RetrieveUserAccounts,
  RetrieveCustomerDetails,
  CreateCustomerRecord,
  RegisterAccounts,
  UpdatePassword,
  UpdateEmail,
  CloudSsoConnect,
} as const;

export type OperationName = keyof typeof operations;
export type OperationRequest<N extends OperationName> = z.input<(typeof operations)[N]['request']>;
export type OperationResponse<N extends OperationName> = z.output<(typeof operations)[N]['response']>;
