/**
 * The one localization layer: a typed term table (English and Spanish), the
 * language resolution every element uses, and a controller that re-renders
 * its host when the document's language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatCents, formatDate, formatDateTime } from './money.ts';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

const en = {
  // Steps
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  findBillHeading: 'Find your bill',
  amountHeading: 'Payment amount',
  methodHeading: 'Payment method',
  reviewHeading: 'Review your payment',
  confirmingHeading: 'Confirming your payment',
  receiptHeading: 'Payment received',
  // Find bill
  accountNumber: 'Account number',
  accountNumberHint: 'As printed on your bill.',
  lastName: 'Last name',
  lastNameHint: 'The last name on the account.',
  findBill: 'Find my bill',
  findingBill: 'Looking up your bill…',
  accountNumberRequired: 'Enter your account number.',
  accountNumberInvalid: 'Use only the letters, digits and dashes printed on your bill.',
  lastNameRequired: 'Enter the last name on the account.',
  // Amount
  chooseBill: 'Bill to pay',
  billNumber: (invoice: string) => `Bill ${invoice}`,
  amountDueOn: (amount: string, date: string) => `${amount} due ${date}`,
  accountLine: (account: string) => `Account ${account}`,
  noOpenBills: 'This account has no bill to pay online right now.',
  amountLabel: 'Amount to pay',
  amountHint: 'In US dollars, for example 84.20.',
  amountRequired: 'Enter the amount to pay.',
  amountInvalid: 'Enter the amount in dollars and cents, for example 84.20.',
  amountTooSmall: 'Enter an amount greater than $0.00.',
  amountTooLarge: (max: string) => `The most you can pay online at one time is ${max}.`,
  // Method
  emailLabel: 'Email for your receipt (optional)',
  emailHint: 'We will email you a copy of the receipt.',
  emailInvalid: 'Enter an email address like name@example.com, or leave it empty.',
  payWith: 'Pay with',
  card: 'Card',
  bank: 'Bank account',
  cardNumber: 'Card number',
  cardBrand: (brand: string) => `${brand} card`,
  expiration: 'Expiration',
  expirationHint: 'MM/YY',
  securityCode: 'Security code',
  securityCodeHint: (digits: number, front: boolean) =>
    `${digits} digits on the ${front ? 'front' : 'back'} of the card.`,
  nameOnCard: 'Name on card',
  zip: 'ZIP code',
  routingNumber: 'Routing number',
  routingHint: 'The 9 digits at the bottom left of a check.',
  bankAccountNumber: 'Bank account number',
  confirmBankAccountNumber: 'Confirm bank account number',
  accountType: 'Account type',
  checking: 'Checking',
  savings: 'Savings',
  nameOnAccount: 'Name on the bank account',
  cardNumberRequired: 'Enter the card number.',
  cardNumberInvalid: 'Check the card number: it is not a valid card number.',
  expiryInvalid: 'Enter the expiration date as MM/YY, for example 08/29.',
  expiryPast: 'This card has expired. Use a different card.',
  securityCodeInvalid: (digits: number) => `Enter the ${digits}-digit security code.`,
  nameOnCardRequired: 'Enter the name as it appears on the card.',
  zipInvalid: 'Enter a 5-digit ZIP code.',
  routingRequired: 'Enter the 9-digit routing number.',
  routingInvalid: 'Check the routing number: it is not a valid US routing number.',
  bankAccountInvalid: 'Enter the bank account number: 4 to 17 digits.',
  bankAccountMismatch: 'The bank account numbers do not match.',
  nameOnAccountRequired: 'Enter the name on the bank account.',
  fixFields: (count: number) => (count === 1 ? 'Please fix 1 field.' : `Please fix ${count} fields.`),
  // Review
  reviewAmount: 'Amount',
  reviewBill: 'Bill',
  reviewAccount: 'Account',
  reviewMethod: 'Payment method',
  reviewEmail: 'Receipt email',
  cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
  bankEnding: (type: string, last4: string) => `${type} account ending in ${last4}`,
  reviewConsent: (amount: string) => `When you select Pay, you authorize a one-time payment of ${amount}.`,
  editAmount: 'Edit amount',
  editMethod: 'Edit payment method',
  // Buttons
  continue: 'Continue',
  back: 'Back',
  pay: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  checkAgain: 'Check again',
  lookUpAgain: 'Look up my bill again',
  print: 'Print receipt',
  createAccount: 'Create an account',
  // Confirming
  confirming: 'We are confirming your payment…',
  confirmingDetail: 'Please keep this page open. Do not pay again: you will not be charged twice.',
  stalled: 'We could not confirm your payment yet. Do not pay again. Select Check again in a minute.',
  // Receipt
  confirmationNumber: 'Confirmation number',
  paidOn: 'Date',
  receiptSent: (email: string) => `A copy of this receipt was sent to ${email}.`,
  registerPitch: 'Create an account to see your bills, pay faster next time and set up AutoPay.',
  // Brands
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  unknownBrand: 'Card',
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
  errLookupExpired: 'Your time to pay this bill ran out. Look up your bill again to continue.',
  errInvoiceNotPayable: 'This bill cannot be paid online right now. It may already be paid.',
  errUnavailable: 'The billing service is not available right now. Please try again in a few minutes.',
  errValidation: 'Some payment details were not accepted. Check them and try again.',
  errGeneric: 'Something went wrong on our side. Please try again.',
  errorReference: (id: string) => `Reference: ${id}`,
  // InvoiceCloud portal pages (<ic-sso-frame>)
  ssoDashboardTitle: 'InvoiceCloud customer dashboard',
  ssoPayByTextTitle: 'Pay By Text enrollment',
  ssoLoading: 'Loading your InvoiceCloud page…',
  ssoExpired: 'This page has expired.',
  reload: 'Reload',
  tryAgain: 'Try again',
  openInNewTab: 'Open in a new tab',
  opening: 'Opening…',
  errSessionEnded: 'Your session has ended. Sign in again to see this page.',
};

/** Every term, with its type. Spanish must have exactly these keys (checked by tsc and by a test). */
export type Terms = typeof en;
export type TermKey = keyof Terms;

const es: { [K in keyof Terms]: Terms[K] } = {
  stepOf: (step, total) => `Paso ${step} de ${total}`,
  findBillHeading: 'Busque su factura',
  amountHeading: 'Cantidad a pagar',
  methodHeading: 'Forma de pago',
  reviewHeading: 'Revise su pago',
  confirmingHeading: 'Confirmando su pago',
  receiptHeading: 'Pago recibido',
  accountNumber: 'Número de cuenta',
  accountNumberHint: 'Como aparece en su factura.',
  lastName: 'Apellido',
  lastNameHint: 'El apellido del titular de la cuenta.',
  findBill: 'Buscar mi factura',
  findingBill: 'Buscando su factura…',
  accountNumberRequired: 'Escriba su número de cuenta.',
  accountNumberInvalid: 'Use solo las letras, los números y los guiones que aparecen en su factura.',
  lastNameRequired: 'Escriba el apellido del titular de la cuenta.',
  chooseBill: 'Factura a pagar',
  billNumber: (invoice) => `Factura ${invoice}`,
  amountDueOn: (amount, date) => `${amount}, vence el ${date}`,
  accountLine: (account) => `Cuenta ${account}`,
  noOpenBills: 'Esta cuenta no tiene ninguna factura para pagar en línea en este momento.',
  amountLabel: 'Cantidad a pagar',
  amountHint: 'En dólares estadounidenses, por ejemplo 84.20.',
  amountRequired: 'Escriba la cantidad a pagar.',
  amountInvalid: 'Escriba la cantidad en dólares y centavos, por ejemplo 84.20.',
  amountTooSmall: 'Escriba una cantidad mayor que $0.00.',
  amountTooLarge: (max) => `Lo máximo que puede pagar en línea de una vez es ${max}.`,
  emailLabel: 'Correo electrónico para su recibo (opcional)',
  emailHint: 'Le enviaremos una copia del recibo.',
  emailInvalid: 'Escriba un correo electrónico como nombre@ejemplo.com, o déjelo vacío.',
  payWith: 'Pagar con',
  card: 'Tarjeta',
  bank: 'Cuenta bancaria',
  cardNumber: 'Número de tarjeta',
  cardBrand: (brand) => `Tarjeta ${brand}`,
  expiration: 'Vencimiento',
  expirationHint: 'MM/AA',
  securityCode: 'Código de seguridad',
  securityCodeHint: (digits, front) =>
    `${digits} dígitos en el ${front ? 'frente' : 'reverso'} de la tarjeta.`,
  nameOnCard: 'Nombre en la tarjeta',
  zip: 'Código postal',
  routingNumber: 'Número de ruta bancaria',
  routingHint: 'Los 9 dígitos en la parte inferior izquierda de un cheque.',
  bankAccountNumber: 'Número de cuenta bancaria',
  confirmBankAccountNumber: 'Confirme el número de cuenta bancaria',
  accountType: 'Tipo de cuenta',
  checking: 'Cheques',
  savings: 'Ahorros',
  nameOnAccount: 'Nombre del titular de la cuenta bancaria',
  cardNumberRequired: 'Escriba el número de la tarjeta.',
  cardNumberInvalid: 'Revise el número de la tarjeta: no es un número de tarjeta válido.',
  expiryInvalid: 'Escriba la fecha de vencimiento como MM/AA, por ejemplo 08/29.',
  expiryPast: 'Esta tarjeta está vencida. Use otra tarjeta.',
  securityCodeInvalid: (digits) => `Escriba el código de seguridad de ${digits} dígitos.`,
  nameOnCardRequired: 'Escriba el nombre tal como aparece en la tarjeta.',
  zipInvalid: 'Escriba un código postal de 5 dígitos.',
  routingRequired: 'Escriba el número de ruta bancaria de 9 dígitos.',
  routingInvalid: 'Revise el número de ruta bancaria: no es un número de ruta válido en EE. UU.',
  bankAccountInvalid: 'Escriba el número de cuenta bancaria: de 4 a 17 dígitos.',
  bankAccountMismatch: 'Los números de cuenta bancaria no coinciden.',
  nameOnAccountRequired: 'Escriba el nombre del titular de la cuenta bancaria.',
  fixFields: (count) => (count === 1 ? 'Corrija 1 campo.' : `Corrija ${count} campos.`),
  reviewAmount: 'Cantidad',
  reviewBill: 'Factura',
  reviewAccount: 'Cuenta',
  reviewMethod: 'Forma de pago',
  reviewEmail: 'Correo para el recibo',
  cardEnding: (brand, last4) => `${brand} que termina en ${last4}`,
  bankEnding: (type, last4) => `Cuenta de ${type.toLowerCase()} que termina en ${last4}`,
  reviewConsent: (amount) => `Al seleccionar Pagar, usted autoriza un pago único de ${amount}.`,
  editAmount: 'Cambiar la cantidad',
  editMethod: 'Cambiar la forma de pago',
  continue: 'Continuar',
  back: 'Atrás',
  pay: (amount) => `Pagar ${amount}`,
  paying: 'Pagando…',
  checkAgain: 'Comprobar de nuevo',
  lookUpAgain: 'Buscar mi factura de nuevo',
  print: 'Imprimir recibo',
  createAccount: 'Crear una cuenta',
  confirming: 'Estamos confirmando su pago…',
  confirmingDetail: 'Mantenga esta página abierta. No vuelva a pagar: no se le cobrará dos veces.',
  stalled: 'Todavía no pudimos confirmar su pago. No vuelva a pagar. Seleccione Comprobar de nuevo en un minuto.',
  confirmationNumber: 'Número de confirmación',
  paidOn: 'Fecha',
  receiptSent: (email) => `Enviamos una copia de este recibo a ${email}.`,
  registerPitch: 'Cree una cuenta para ver sus facturas, pagar más rápido la próxima vez y activar el pago automático.',
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  unknownBrand: 'Tarjeta',
  errAccountNotFound:
    'No encontramos una factura con ese número de cuenta y apellido. Compare ambos con su factura e inténtelo de nuevo.',
  errCardDeclined: 'Su tarjeta fue rechazada. Revise los datos de la tarjeta o use otra tarjeta.',
  errInsufficientFunds: 'El pago fue rechazado por fondos insuficientes. Use otra tarjeta o cuenta bancaria.',
  errAccountClosed: 'Esa cuenta bancaria está cerrada. Use otra cuenta bancaria o una tarjeta.',
  errPaymentDeclined: 'El pago fue rechazado. Revise los datos o use otra forma de pago.',
  errRateLimited: (when) => `Demasiados intentos. Vuelva a intentarlo ${when}.`,
  errNetwork: 'No podemos comunicarnos con el servicio de pagos. Revise su conexión a Internet e inténtelo de nuevo.',
  errTimeout: 'El servicio de pagos está tardando demasiado en responder. Inténtelo de nuevo.',
  errNotCharged: 'Su pago no se completó y no se le cobró nada. Puede intentarlo de nuevo.',
  errLookupExpired: 'Se acabó el tiempo para pagar esta factura. Busque su factura de nuevo para continuar.',
  errInvoiceNotPayable: 'Esta factura no se puede pagar en línea en este momento. Es posible que ya esté pagada.',
  errUnavailable: 'El servicio de facturación no está disponible en este momento. Inténtelo de nuevo en unos minutos.',
  errValidation: 'Algunos datos del pago no fueron aceptados. Revíselos e inténtelo de nuevo.',
  errGeneric: 'Algo salió mal de nuestra parte. Inténtelo de nuevo.',
  errorReference: (id) => `Referencia: ${id}`,
  ssoDashboardTitle: 'Panel de cliente de InvoiceCloud',
  ssoPayByTextTitle: 'Inscripción en Pay By Text',
  ssoLoading: 'Cargando su página de InvoiceCloud…',
  ssoExpired: 'Esta página ha caducado.',
  reload: 'Volver a cargar',
  tryAgain: 'Intentar de nuevo',
  openInNewTab: 'Abrir en una pestaña nueva',
  opening: 'Abriendo…',
  errSessionEnded: 'Su sesión terminó. Vuelva a iniciar sesión para ver esta página.',
};

/** The term tables, by language. */
export const TERMS: { readonly [L in Lang]: Terms } = { en, es };

/** The arguments a term function takes (none for a plain string). */
export type TermArgs<K extends TermKey> = Terms[K] extends (...args: infer A) => string ? A : [];

/** Keys of plain-string terms (no arguments). */
export type PlainTermKey = { [K in TermKey]: Terms[K] extends string ? K : never }[TermKey];

/** A term key with its arguments: a message decided now, rendered later in the element's language. */
export type Phrase = { [K in TermKey]: [K, ...TermArgs<K>] }[TermKey];

/** One term in one language; functions take their arguments (amounts, dates…) already formatted. */
export function term<K extends TermKey>(lang: Lang, key: K, ...args: TermArgs<K>): string {
  const value = TERMS[lang][key] as string | ((...a: unknown[]) => string);
  return typeof value === 'function' ? value(...args) : value;
}

/** `es-MX` → `es`; anything we do not ship → undefined. */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((l) => l === primary);
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
