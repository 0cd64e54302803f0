/**
 * The sandbox's seed records, exactly as /work/shared/FIXTURES.md lists them.
 * Tests, the demo, Storybook and outside checks rely on these values, so they
 * must not change; more records may be added.
 *
 * Identifiers that FIXTURES.md does not fix (GUIDs, payment-method and payment
 * ids) are fixed here anyway, so that a reset always gives the same state.
 */

export const BILLER_NAME = 'Springfield Water & Power';
export const DEFAULT_API_KEY = 'sandbox-api-key';

/** A person. Their accounts each carry their own CustomerGUID (see FixtureAccount). */
export interface FixtureCustomer {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** An InvoiceCloud login (a registered user). Saved payment methods hang off it. */
export interface FixtureLogin {
  loginGuid: string;
  customerKey: string;
  /** Every login keeps Username == email, so Update Email can change both together. */
  username: string;
  email: string;
  /** Seeded as a scrypt hash (db.ts); null = no password yet. */
  password: string | null;
}

export interface FixtureAccount {
  accountNumber: string;
  /**
   * InvoiceCloud's customer record is per account (Create Customer Record
   * takes one AccountNumber, and `cp/{CustomerGuid}/account` answers one
   * account), so the GUID lives here, not on the person.
   */
  customerGuid: string;
  customerKey: string;
  paperless: boolean;
  payByText: boolean;
  autopayMethodId: string | null;
}

/** A login that sees an account (db.ts `registrations`): an account with none is not registered. */
export interface FixtureRegistration {
  loginGuid: string;
  accountNumber: string;
  /** The login's primary account this one is linked under; null for the primary itself. */
  linkedTo: string | null;
}

export interface FixtureInvoice {
  invoiceNumber: string;
  accountNumber: string;
  amountCents: number;
  amountDueCents: number;
  dueDate: string;
  status: 'open' | 'paid';
}

export interface FixturePaymentMethod {
  id: string;
  loginGuid: string;
  kind: 'card' | 'ach';
  /** Lowercase: visa/mastercard/amex/discover, or checking/savings for ACH. */
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  nickname: string | null;
  isDefault: boolean;
}

export interface FixturePayment {
  id: string;
  confirmationNumber: string;
  referenceId: string;
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  status: 'approved' | 'declined';
  declineCode: string | null;
  kind: 'card' | 'ach';
  brand: string;
  last4: string;
  paymentMethodId: string | null;
  createdAt: string;
}

const JOHN_LOGIN = 'd0000000-0000-4000-8000-000000000301';
const JOHN_VISA = 'PM-0000000001';
// Two logins on one account (100200306): added for identity tests, beyond FIXTURES.md's records.
const PAT_LOGIN = 'd0000000-0000-4000-8000-000000000306';
const SAM_LOGIN = 'd0000000-0000-4000-8000-000000010306';

export const customers: readonly FixtureCustomer[] = [
  { key: 'jane', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' },
  { key: 'john', firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com' },
  { key: 'maria', firstName: 'Maria', lastName: 'Garcia', email: 'maria.garcia@example.com' },
  { key: 'pat', firstName: 'Pat', lastName: 'Rivera', email: 'pat.rivera@example.com' },
];

// Maria and Alex have no InvoiceCloud login at start: registration gives them one, without a password.

export const logins: readonly FixtureLogin[] = [
  // The password is the demo sign-in's (FIXTURES.md), so MyMeter's and InvoiceCloud's credentials
  // match for John and the broker's "credentials match" branch of Update Email and Password runs.
  {
    loginGuid: JOHN_LOGIN,
    customerKey: 'john',
    username: 'john.smith@example.com',
    email: 'john.smith@example.com',
    password: 'meter-demo-1',
  },
  // A household sharing Pat's account 100200306: each has their own login (no password yet), and
  // both belong to Pat's customer record, the account's. Retrieve Users of 100200306 names both.
  { loginGuid: PAT_LOGIN, customerKey: 'pat', username: 'pat.rivera@example.com', email: 'pat.rivera@example.com', password: null },
  { loginGuid: SAM_LOGIN, customerKey: 'pat', username: 'sam.rivera@example.com', email: 'sam.rivera@example.com', password: null },
];

export const accounts: readonly FixtureAccount[] = [
  // CustomerGUIDs end in the account number, so a reset always gives the same ones.
  {
    accountNumber: '100200300',
    customerGuid: 'c0000000-0000-4000-8000-000000000300',
    customerKey: 'jane',
    paperless: false,
    payByText: false,
    autopayMethodId: null,
  },
  {
    accountNumber: '100200301',
    customerGuid: 'c0000000-0000-4000-8000-000000000301',
    customerKey: 'john',
    paperless: true,
    payByText: false,
    autopayMethodId: null,
  },
  // Linked to 100200301's login (registrations below); AutoPay draws on John's saved Visa.
  {
    accountNumber: '100200302',
    customerGuid: 'c0000000-0000-4000-8000-000000000302',
    customerKey: 'john',
    paperless: false,
    payByText: false,
    autopayMethodId: JOHN_VISA,
  },
  {
    accountNumber: '100200303',
    customerGuid: 'c0000000-0000-4000-8000-000000000303',
    customerKey: 'maria',
    paperless: false,
    payByText: false,
    autopayMethodId: null,
  },
  // John's cabin: his customer record, but not yet linked to his login (the demo links it).
  {
    accountNumber: '100200305',
    customerGuid: 'c0000000-0000-4000-8000-000000000305',
    customerKey: 'john',
    paperless: false,
    payByText: false,
    autopayMethodId: null,
  },
  // Pat Rivera's, shared with Sam: two logins see it (registrations below).
  {
    accountNumber: '100200306',
    customerGuid: 'c0000000-0000-4000-8000-000000000306',
    customerKey: 'pat',
    paperless: false,
    payByText: false,
    autopayMethodId: null,
  },
];

/** Which login sees which account; the accounts not named here are not registered. */
export const registrations: readonly FixtureRegistration[] = [
  { loginGuid: JOHN_LOGIN, accountNumber: '100200301', linkedTo: null },
  { loginGuid: JOHN_LOGIN, accountNumber: '100200302', linkedTo: '100200301' },
  // Pat first: the account view's loginId names the first login (inspect.ts).
  { loginGuid: PAT_LOGIN, accountNumber: '100200306', linkedTo: null },
  { loginGuid: SAM_LOGIN, accountNumber: '100200306', linkedTo: null },
];

/**
 * In MyMeter but not in InvoiceCloud: never seeded, so every operation treats
 * it as unknown until registration creates the customer record.
 */
export const myMeterOnlyAccounts: readonly { accountNumber: string; customerName: string; email: string }[] = [
  { accountNumber: '100200304', customerName: 'Alex Lee', email: 'alex.lee@example.com' },
];

export const invoices: readonly FixtureInvoice[] = [
  { invoiceNumber: 'INV-1001', accountNumber: '100200300', amountCents: 8420, amountDueCents: 8420, dueDate: '2026-12-15', status: 'open' },
  {
    invoiceNumber: 'INV-2001',
    accountNumber: '100200301',
    amountCents: 14275,
    amountDueCents: 14275,
    dueDate: '2026-12-10',
    status: 'open',
  },
  // FIXTURES.md gives the paid date (2026-11-10), not the due date; the due date is ours.
  { invoiceNumber: 'INV-1990', accountNumber: '100200301', amountCents: 12010, amountDueCents: 0, dueDate: '2026-11-15', status: 'paid' },
  { invoiceNumber: 'INV-3001', accountNumber: '100200303', amountCents: 5600, amountDueCents: 5600, dueDate: '2026-12-20', status: 'open' },
  { invoiceNumber: 'INV-5001', accountNumber: '100200305', amountCents: 2310, amountDueCents: 2310, dueDate: '2026-12-28', status: 'open' },
  { invoiceNumber: 'INV-6001', accountNumber: '100200306', amountCents: 6140, amountDueCents: 6140, dueDate: '2026-12-22', status: 'open' },
];

export const paymentMethods: readonly FixturePaymentMethod[] = [
  {
    id: JOHN_VISA,
    loginGuid: JOHN_LOGIN,
    kind: 'card',
    brand: 'visa',
    last4: '1111',
    expMonth: 12,
    expYear: 2030,
    nickname: null,
    isDefault: true,
  },
];

/** INV-1990's settlement, so payment history is not empty for John. */
export const payments: readonly FixturePayment[] = [
  {
    id: 'PAY-0000000001',
    confirmationNumber: 'IC-SEED1990',
    referenceId: 'seed-INV-1990',
    accountNumber: '100200301',
    invoiceNumber: 'INV-1990',
    amountCents: 12010,
    status: 'approved',
    declineCode: null,
    kind: 'card',
    brand: 'visa',
    last4: '1111',
    paymentMethodId: JOHN_VISA,
    createdAt: '2026-11-10T15:00:00.000Z',
  },
];

/** Test cards that decline, and why (FIXTURES.md "Payment test data"). Every other valid card is approved. */
export const decliningCards: ReadonlyMap<string, 'card_declined' | 'insufficient_funds'> = new Map([
  ['4000000000000002', 'card_declined'],
  ['4000000000009995', 'insufficient_funds'],
]);

/** Bank accounts that decline: routing + account number → why. Every other valid pair is approved. */
export const decliningBankAccounts: ReadonlyMap<string, 'account_closed'> = new Map([['021000021/000000000', 'account_closed']]);
