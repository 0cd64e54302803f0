/**
 * The one localization layer: a typed term table (English here, Spanish in
 * i18n-es.ts, loaded on demand), the language resolution every element uses,
 * and a controller that re-renders its host when the document's language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
// Types only: the whole table is bundled only where the package entry imports it.
import type { englishTerms } from './english-terms.ts';
import { formatCents, formatDate, formatDateTime } from './money.ts';

/** The shipped languages, or one a host added with `registerTerms` (a primary subtag such as `fr`). */
export type Lang = 'en' | 'es' | (string & {});
export const LANGS: readonly Lang[] = ['en', 'es'];

/**
 * English, in parts. English is always here and is what shows until (or
 * unless) another table loads; each part is registered (`useTerms`) by the
 * modules that show it, so an element imported on its own carries only its
 * own words (a node test imports each element alone and checks it has every
 * term its code names).
 */
/** The account, name, amount and email fields and their checks (src/internal/field-rules.ts). */
export const enFields = {
  accountNumber: 'Account number',
  lastName: 'Last name',
  accountNumberRequired: 'Enter your account number.',
  accountNumberInvalid: 'Use only the letters, digits and dashes printed on your bill.',
  lastNameRequired: 'Enter the last name on the account.',
  amountRequired: 'Enter the amount to pay.',
  amountInvalid: 'Enter the amount in dollars and cents, for example 84.20.',
  amountTooSmall: 'Enter an amount greater than $0.00.',
  amountTooLarge: (max: string) => `The most you can pay online at one time is ${max}.`,
  amountBelowMinimum: (min: string) => `The smallest payment accepted online is ${min}.`,
  emailInvalid: 'Enter an email address like name@example.com, or leave it empty.',
};

/** Every element: the errors a payer can act on, shared buttons and states (registered by the base element). */
export const enCommon = {
  card: 'Card',
  // Errors a payer can act on
  errAccountNotFound:
    'We could not find a bill with that account number and last name. Check both against your bill and try again.',
  errCardDeclined: 'Your card was declined. Check the card details or use a different card.',
  errInsufficientFunds: 'The payment was declined for insufficient funds. Use a different card or bank account.',
  errAccountClosed: 'That bank account is closed. Use a different bank account or a card.',
  errPaymentDeclined: 'The payment was declined. Check the details or use a different payment method.',
  errRateLimited: (when: string) => `Too many tries. Please try again ${when}.`,
  errNetwork: 'We cannot reach the payment service. Check your internet connection and try again.',
  errTimeout: 'The payment service is taking too long to answer. Please try again.',
  errNotCharged: 'Your payment did not go through and you were not charged. You can try again.',
  // Also said in place of a bill's form: the broker marks the bill (or refuses to pay it) while a payment of it awaits confirmation.
  billBeingConfirmed: (at: string) =>
    `A payment of this bill${at ? ` made on ${at}` : ''} is still being confirmed. To keep you from paying twice, the bill cannot be paid again until then.`,
  errLookupExpired: 'Your time to pay this bill ran out. Look up your bill again to continue.',
  errInvoiceNotPayable: 'This bill cannot be paid online right now. It may already be paid.',
  errUnavailable: 'The billing service is not available right now. Please try again in a few minutes.',
  errValidation: 'Some payment details were not accepted. Check them and try again.',
  errGeneric: 'Something went wrong on our side. Please try again.',
  errPartNotLoaded: 'Part of this page did not load. Check your internet connection, then reload the page.',
  errorReference: (id: string) => `Reference: ${id}`,
  tryAgain: 'Try again',
  errSessionEnded: 'Your session has ended. Sign in again to see this page.',
  cancel: 'Cancel',
  defaultMethod: 'Default',
  loadingAccount: 'Loading…',
  errMethodInUse: 'AutoPay uses this payment method. Choose another method for AutoPay, or turn AutoPay off, first.',
  errNoMethod: 'Add a payment method first.',
  errAccountNotInSession: 'This account is not in your online account.',
  // 409 no_invoicecloud_login: each account the host listed is registered to another login, so the session has none to act through.
  errNoLogin:
    'None of your accounts can be used online: each is registered to another online account. Sign in with the email address of that online account, or contact us.',
  saving: 'Saving…',
};

/**
 * A card or bank account as the payer sees it once entered or saved ("Visa
 * ending in 1111"), and the on-demand card and bank form loading:
 * `<ic-one-time-pay>`, `<ic-bills>`, `<ic-autopay-toggle>`, `<ic-payment-methods>`.
 */
export const enPayment = {
  bank: 'Bank account',
  checking: 'Checking',
  savings: 'Savings',
  cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
  bankEnding: (type: string, last4: string) => `${type} account ending in ${last4}`,
  methodFormLoading: 'Loading the card and bank account form…',
  methodFormFailed: 'The card and bank account form did not load. Check your internet connection, then reload the page.',
  // Brands
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  unknownBrand: 'Card',
};

/** The steps of paying a bill, its review and its receipt: `<ic-one-time-pay>` and `<ic-bills>`. */
export const enPayFlow = {
  confirmationNumber: 'Confirmation number',
  amountDueOn: (amount: string, date: string) => `${amount} due ${date}`,
  // Review
  reviewAmount: 'Amount',
  reviewBill: 'Bill',
  reviewAccount: 'Account',
  reviewMethod: 'Payment method',
  reviewEmail: 'Receipt email',
  reviewConsent: (amount: string) => `When you select Pay, you authorize a one-time payment of ${amount}.`,
  pay: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  checkAgain: 'Check again',
  print: 'Print receipt',
  // Confirming
  confirming: 'We are confirming your payment…',
  confirmingDetail: 'Please keep this page open. Do not pay again: you will not be charged twice.',
  stalled: 'We could not confirm your payment yet. Do not pay again. Select Check again in a minute.',
  reviewing: 'Your payment is being confirmed. This is taking longer than usual.',
  reviewingEmail: 'We will email you once it is confirmed.',
  paidOn: 'Date',
  receiptSent: (email: string) => `A copy of this receipt was sent to ${email}.`,
  reviewHeading: 'Review your payment',
  confirmingHeading: 'Confirming your payment',
  receiptHeading: 'Payment received',
  billNumber: (invoice: string) => `Bill ${invoice}`,
  accountLine: (account: string) => `Account ${account}`,
  amountLabel: 'Amount to pay',
  amountHint: 'In US dollars, for example 84.20.',
  // Method
  emailLabel: 'Email for your receipt (optional)',
  emailHint: 'We will email you a copy of the receipt.',
  // Buttons
  continue: 'Continue',
  back: 'Back',
};

/** `<ic-one-time-pay>` only: finding a bill as a guest. */
export const enGuest = {
  // Steps
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  findBillHeading: 'Find your bill',
  amountHeading: 'Payment amount',
  methodHeading: 'Payment method',
  accountNumberHint: 'As printed on your bill.',
  lastNameHint: 'The last name on the account.',
  findBill: 'Find my bill',
  findingBill: 'Looking up your bill…',
  // Amount
  chooseBill: 'Bill to pay',
  noOpenBills: 'This account has no bill to pay online right now.',
  editAmount: 'Edit amount',
  editMethod: 'Edit payment method',
  createAccount: 'Create an account',
  registerPitch: 'Create an account to see your bills, pay faster next time and set up AutoPay.',
};

/** `<ic-bills>`. */
export const enBills = {
  newMethod: 'A new card or bank account',
  billsOpen: 'Open bills',
  billsNothingDue: 'Nothing to pay right now.',
  billsPay: 'Pay',
  billsPayHeading: (invoice: string) => `Pay bill ${invoice}`,
  billsHistory: 'Payment history',
  billsNoPayments: 'No payments yet.',
  billsStatus: 'Status',
  billsApproved: 'Approved',
  billsDeclined: 'Declined',
  billsShowMore: 'Show more',
  billsShowing: (count: number) => `Showing ${count} payments`,
  billsBack: 'Back to bills',
};

/** `<ic-autopay-toggle>`. */
export const enAutopay = {
  autopayLabel: 'AutoPay',
  autopayUses: (method: string) => `AutoPay charges ${method}.`,
  autopayWouldUse: (method: string) => `Turning AutoPay on will charge ${method} (your default).`,
  autopayAsks: 'Turning AutoPay on asks for a card or bank account.',
  autopayAddMethod: 'Add the card or bank account AutoPay will charge. It becomes your default.',
  autopaySaveOn: 'Save and turn on AutoPay',
};

/** `<ic-paperless-toggle>`. */
export const enPaperless = {
  paperlessLabel: 'Paperless billing',
  paperlessAbout: 'Get your bills by email, not by mail.',
};

/** `<ic-payment-methods>`. */
export const enMethods = {
  nickname: 'Nickname (optional)',
  makeDefault: 'Make this my default',
  methodsHeading: 'Payment methods',
  noMethods: 'No saved payment methods yet.',
  expires: (date: string) => `Expires ${date}`,
  addMethod: 'Add a card or bank account',
  defaultHint: 'AutoPay that uses your default follows it.',
  editItem: 'Edit',
  saveMethod: 'Save',
  removeMethod: 'Remove',
  removingMethod: 'Removing…',
  removeHeading: (method: string) => `Remove ${method}?`,
};

/** `<ic-linked-accounts>`. */
export const enLinked = {
  linkedTo: (account: string) => `Linked to ${account}`,
  unregistered: (accounts: string) => `Unregistered ${accounts}`,
  accountsHeading: 'Your accounts',
  noAccounts: 'No accounts are registered to you yet. Link one below.',
  balance: (amount: string) => `Balance ${amount}`,
  paperlessBadge: (on: boolean) => `Paperless ${on ? 'on' : 'off'}`,
  autopayBadge: (on: boolean) => `AutoPay ${on ? 'on' : 'off'}`,
  linkHeading: 'Link another account',
  linkAccount: 'Link account',
  linking: 'Linking…',
  accountLinked: (account: string) => `Account ${account} linked`,
  errLinkNotFound: 'We could not find an account with that number and last name. Check both against your bill and try again.',
  unregister: 'Unregister',
  unregistering: 'Unregistering…',
  unregisterQuestion: (account: string) => `Unregister ${account}?`,
  unregisterBody: (also: string, count: number) =>
    `${count ? `This also removes ${also}, which ${count > 1 ? 'are' : 'is'} linked to it. ` : ''}You can link ${count ? 'them' : 'it'} again later.`,
};

/** `<ic-sso-frame>`: InvoiceCloud portal pages. */
export const enSso = {
  ssoDashboardTitle: 'InvoiceCloud customer dashboard',
  ssoPayByTextTitle: 'Pay By Text enrollment',
  ssoLoading: 'Loading your InvoiceCloud page…',
  ssoExpired: 'This page has expired.',
  // 409 no_portal_account: every account was unregistered.
  ssoNoAccount: 'There is no page to show: none of your accounts is registered for online billing now. Link an account to see this page.',
  reload: 'Reload',
  openInNewTab: 'Open in a new tab',
  opening: 'Opening…',
};

/** Every term, with its type. Spanish (i18n-es.ts) must have exactly these keys (checked by tsc and by a test). */
export type Terms = typeof englishTerms;
export type TermKey = keyof Terms;

/** The English parts registered so far. */
const english: Partial<Terms> = {};
/** The term tables loaded so far (Spanish whole, once loaded). */
const tables: Record<string, Partial<Terms> | undefined> = { en: english };

/** Adds English parts; a module calls it (once, on import) for the parts it shows. */
export function useTerms(...parts: Partial<Terms>[]): void {
  Object.assign(english, ...parts);
}
/** What hosts set at run time (`registerTerms`), per language; wins over the shipped tables. */
const overrides: Record<string, Partial<Terms> | undefined> = {};
let spanish: Promise<void> | undefined;

/**
 * Makes a language's terms ready. Spanish is a separate chunk (~2 KB gzip
 * that English pages never download), fetched the first time something asks
 * for it; returns undefined when the terms are already here. If the chunk
 * cannot load, the promise still resolves and the text stays English.
 */
export function loadTerms(lang: Lang): Promise<void> | undefined {
  if (lang !== 'es' || tables.es) return undefined;
  return (spanish ??= import('./i18n-es.ts').then(
    (m) => void (tables.es = m.es),
    () => undefined,
  ));
}

/** The arguments a term function takes (none for a plain string). */
export type TermArgs<K extends TermKey> = Terms[K] extends (...args: infer A) => string ? A : [];

/** Keys of plain-string terms (no arguments). */
export type PlainTermKey = { [K in TermKey]: Terms[K] extends string ? K : never }[TermKey];

/** A term key with its arguments: a message decided now, rendered later in the element's language. */
export type Phrase = { [K in TermKey]: [K, ...TermArgs<K>] }[TermKey];

/**
 * One term in one language (English until that language's table has loaded:
 * see `loadTerms`); functions take their arguments (amounts, dates…) already formatted.
 */
export function term<K extends TermKey>(lang: Lang, key: K, ...args: TermArgs<K>): string {
  const value = (overrides[lang]?.[key] ?? (tables[lang] ?? english)[key]) as string | ((...a: unknown[]) => string) | undefined;
  // A part nobody registered shows its key, never blank text (the node test of each element alone prevents it).
  return typeof value === 'function' ? value(...args) : (value ?? key);
}

/** `es-MX` → `es`; anything we do not ship → undefined. */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && (LANGS.includes(primary) || overrides[primary]) ? primary : undefined;
}

/**
 * Changes the elements' words at run time, no rebuild: any term of a shipped
 * language (`registerTerms('en', { findBill: 'Look up my bill' })`), or a
 * whole new language (`registerTerms('fr', { … })`; a term it lacks reads in
 * English). Elements on the page re-render at once. Later calls add to earlier ones.
 */
export function registerTerms(lang: string, terms: Partial<Terms>): void {
  const code = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(code)) throw new TypeError(`Not a language code: "${lang}"`);
  overrides[code] = { ...overrides[code], ...terms };
  hosts.forEach((h) => h.requestUpdate());
}

/**
 * The element's own `lang`, else the one its `<ic-provider>` provides, else
 * the nearest ancestor's (crossing shadow roots), else the document's, else
 * English. The first `lang` found wins even when we do not ship it (then
 * English): a French page gets English, not the Spanish of some outer wrapper.
 */
export function resolveLang(el: Element, provided?: string): Lang {
  // The element's own property first: Lit reflects it to the attribute only after render.
  const own = (el as HTMLElement).lang || el.getAttribute('lang') || provided;
  if (own) return normalizeLang(own) ?? 'en';
  for (let node = up(el); node; node = up(node)) {
    const lang = node instanceof Element && node.getAttribute('lang');
    if (lang) return normalizeLang(lang) ?? 'en';
  }
  return normalizeLang(document.documentElement.lang) ?? 'en';
}

const up = (node: Node): Node | null => node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);

const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

/**
 * Localization for one element: terms, money and dates in the resolved
 * language. Re-renders the host when `<html lang>` changes.
 */
export class Localize implements ReactiveController {
  /** `provided`: the language an `<ic-provider>` gives the host, if any. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly provided: () => string | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The language this element renders in now. */
  get lang(): Lang {
    return resolveLang(this.host, this.provided());
  }

  term<K extends TermKey>(key: K, ...args: TermArgs<K>): string {
    return term(this.lang, key, ...args);
  }

  /** A phrase decided elsewhere (e.g. a validation rule), in this language. */
  phrase([key, ...args]: Phrase): string {
    return (term as (lang: Lang, k: TermKey, ...a: unknown[]) => string)(this.lang, key, ...args);
  }

  money(cents: number): string {
    return formatCents(cents, this.lang);
  }

  /** A calendar date (YYYY-MM-DD), as written in this language. */
  date(isoDate: string): string {
    return formatDate(isoDate, this.lang);
  }

  /** An instant, in the payer's time zone. */
  dateTime(iso: string): string {
    return formatDateTime(iso, this.lang);
  }

  /** "in 30 seconds" / "dentro de 30 segundos". */
  inSeconds(seconds: number): string {
    const rtf = new Intl.RelativeTimeFormat(this.lang, { numeric: 'always' });
    return seconds >= 90 ? rtf.format(Math.ceil(seconds / 60), 'minute') : rtf.format(Math.max(1, seconds), 'second');
  }

  hostConnected(): void {
    hosts.add(this.host);
    observer ??= new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    if (hosts.size === 1) observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0) observer?.disconnect();
  }
}
