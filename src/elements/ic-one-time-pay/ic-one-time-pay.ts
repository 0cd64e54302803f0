import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { IcApiError } from '../../client/errors.ts';
import { lookupGuestAccount } from '../../client/guest.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest, Invoice } from '../../contract/guest.ts';
import type { PaymentMethodInput, Receipt } from '../../contract/payments.ts';
import { busyButton, textField } from '../../templates/field.ts';
import { errorPhrase } from '../../i18n/error-phrases.ts';
import { accountNumberError, amountError, emailError, lastNameError } from '../../templates/field-rules.ts';
import type { Phrase, PlainTermKey } from '../../i18n/localize.ts';
import { onDemand } from '../../client/on-demand.ts';
import { defineElement, IcElement } from '../../base/ic-element.ts';
import { centsToInput, parseAmount } from '../../i18n/money.ts';
// Defined first, so a provider around this element answers its first request.
import '../ic-provider/ic-provider.ts';
import { ATTEMPT_STORAGE_KEY, hasStoredAttempt } from '../../payments/attempt-store.ts';
import type { PayFlow } from '../../payments/pay-flow.ts';
import type { IcPaymentMethodForm } from '../ic-payment-method-form/ic-payment-method-form.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enFields } from '../../i18n/terms/fields.ts';
import { enGuest } from '../../i18n/terms/guest.ts';
import { enPayFlow } from '../../i18n/terms/pay-flow.ts';
import { enPayment } from '../../i18n/terms/payment.ts';
import { styles } from './ic-one-time-pay.styles.ts';

// The pay flow's words too: the headings of every step are this element's, before their code is here.
const terms = { ...enCommon, ...enPayment, ...enPayFlow, ...enFields, ...enGuest };

type Step = 'lookup' | 'amount' | 'method' | 'review' | 'receipt';
const HEADINGS: Record<Step | 'confirming', PlainTermKey<typeof terms>> = {
  lookup: 'findBillHeading',
  amount: 'amountHeading',
  method: 'methodHeading',
  review: 'reviewHeading',
  confirming: 'confirmingHeading',
  receipt: 'receiptHeading',
};
const NUMBERED: readonly Step[] = ['lookup', 'amount', 'method', 'review'];

/** The steps after the look-up, loaded on demand (src/elements/ic-one-time-pay/guest-steps.ts). */
type Steps = typeof import('./guest-steps.ts');
const guestSteps = onDemand(() => import('./guest-steps.ts'));

/**
 * A guest pays a bill: find it by account number and last name, choose the
 * amount, enter a card or bank account, review, pay, get a receipt. Each
 * payment is sent exactly once, even across double clicks, lost answers and reloads.
 *
 * @summary One-time guest payment of a utility bill (InvoiceCloud).
 * @fires ic-payment-succeeded - `{ receipt }` once a payment is confirmed.
 * @fires ic-payment-failed - `{ code, message }` when a payment is declined or not completed, or refused because another payment of the bill is being confirmed (`payment_being_confirmed`).
 * @fires ic-register-requested - `{ accountNumber, email }` when the payer asks to create an account.
 * @fires ic-error - `{ code, message, requestId }` for every error shown to the payer.
 * @csspart base - The wrapper of everything.
 * @csspart form - Each step's form.
 * @csspart field - A label + input group.
 * @csspart label - A visible label.
 * @csspart input - A text input.
 * @csspart button - Every button.
 * @csspart error - Error messages (the alert and each field's).
 * @csspart receipt - The receipt.
 * @cssprop --ic-color-primary - Buttons, links and focus ring.
 * @cssprop --ic-color-on-primary - Text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - Hints and secondary text.
 * @cssprop --ic-color-surface - Background of the element and inputs.
 * @cssprop --ic-color-surface-subtle - Background of the review and receipt panels.
 * @cssprop --ic-color-border - Input borders.
 * @cssprop --ic-color-error - Errors and invalid borders.
 * @cssprop --ic-color-success - The receipt's accent.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-one-time-pay-max-width - Widest the element grows (default 36rem).
 */
export class IcOneTimePay extends IcElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);

  /** Broker base URL, e.g. `https://pay.example.com/api/v1`; else the `<ic-provider>`'s. */
  @property() endpoint = '';
  /** Prefills the account number. */
  @property({ attribute: 'account-number' }) accountNumber = '';
  /** A broker transport to use instead of one built from `endpoint` (one the page's code shares, or one with its own `fetch`). */
  @property({ attribute: false }) client?: BrokerTransport;

  @state() private f = { account: '', lastName: '', amount: '', email: '' };
  @state() private showErrors = new Set<Step>();
  @state() private invoiceNumber = '';
  @state() private receipt?: Receipt;
  private method?: PaymentMethodInput;
  @query('ic-payment-method-form') private methodForm!: IcPaymentMethodForm;

  /** The look-up, and with it the steps that follow it: the bill is shown once both are here. */
  private readonly lookup = new Task(this, {
    autoRun: false,
    task: async ([req]: readonly [GuestLookupRequest], { signal }) =>
      (await Promise.all([lookupGuestAccount(this.api, req, { signal }), this.loadSteps()]))[0],
    onComplete: (r) => this.onLookedUp(r),
    onError: (e) => this.fail(e),
  });

  /** The code of the steps after the look-up, once here. */
  private steps?: Steps;

  /** The steps, the exactly-once attempt, and what follows its outcome: made when their code is here. */
  private flow?: PayFlow<Step, GuestPaymentRequest>;

  override connectedCallback(): void {
    super.connectedCallback();
    // A kept attempt awaits its answer (a reload mid-payment): its steps come at once, and it is asked about.
    if (hasStoredAttempt(ATTEMPT_STORAGE_KEY)) void this.loadSteps().catch(() => undefined);
  }

  /** The steps after the look-up (fetched once per page, see `onDemand`), and this element's flow made of them. */
  private async loadSteps(): Promise<Steps> {
    const steps = await guestSteps();
    if (this.steps) return steps;
    this.steps = steps;
    this.flow = new steps.PayFlow<Step, GuestPaymentRequest>(this, {
      start: 'lookup',
      fix: 'method',
      review: 'review',
      receipt: 'receipt',
      channel: steps.guestChannel(() => this.api),
      hasForm: () => !!this.method,
      fail: (e) => this.fail(e),
      emit: (name, detail) => this.emit(name, detail),
      succeeded: (receipt) => {
        this.receipt = receipt;
        this.method = undefined;
        this.methodForm?.reset();
      },
      // Back to the look-up, with the account of the attempt that awaits it.
      expired: () => (this.f = { ...this.f, account: this.flow!.attempt.pending?.accountNumber ?? this.f.account }),
      // Marked as the broker now marks it in a look-up: the amount step then shows why it cannot be paid.
      beingConfirmed: (at) => {
        const bill = this.lookup.value?.account.invoices.find((i) => i.invoiceNumber === this.invoiceNumber);
        if (bill) bill.paymentPendingSince = at ?? '';
        return 'amount';
      },
    });
    this.requestUpdate();
    return steps;
  }

  private get api(): BrokerTransport {
    return this.client ?? this.brokerClient(this.endpoint);
  }

  /** True while a look-up or a payment is running; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.isLookingUp || !!this.flow?.attempt.busy;
  }

  /** True while the bill is being looked up. */
  private get isLookingUp(): boolean {
    return this.lookup.status === TaskStatus.PENDING;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('accountNumber') && (this.flow?.step ?? 'lookup') === 'lookup') this.f = { ...this.f, account: this.accountNumber };
  }

  override render() {
    const t = this.localize;
    const flow = this.flow;
    const view = flow?.view ?? 'lookup';
    const n = view === 'confirming' ? -1 : NUMBERED.indexOf(view);
    return html`<div part="base" class="base">
      <h2 tabindex="-1">
        ${n >= 0 ? html`<span class="step">${t.term('stepOf', n + 1, NUMBERED.length)}</span> ` : nothing}${t.term(HEADINGS[view])}
      </h2>
      ${this.alertRegion()}
      <div class="visually-hidden" role="status">${this.statusText()}</div>
      ${view === 'lookup' ? this.renderLookup() : view === 'amount' ? this.renderAmount() : nothing}
      <form part="form" novalidate ?hidden=${view !== 'method'} @submit=${this.onMethod}>
        ${this.steps ? html`<ic-payment-method-form exportparts="field, label, input, error" lang=${t.lang}></ic-payment-method-form>` : nothing}
        ${this.field('method', 'email', 'emailLabel', emailError(this.f.email), 'emailHint', {
          type: 'email',
          autocomplete: 'email',
          inputmode: 'email',
        })}
        ${this.actions(() => this.go('amount'))}
      </form>
      ${view === 'review' ? this.renderReview() : nothing} ${view === 'confirming' ? flow!.confirming(t) : nothing}
      ${view === 'receipt' ? this.renderReceipt() : nothing}
    </div>`;
  }

  private renderLookup() {
    const t = this.localize;
    return html`<form part="form" novalidate @submit=${this.onLookup}>
      ${this.field('lookup', 'account', 'accountNumber', accountNumberError(this.f.account), 'accountNumberHint', { autocomplete: 'off' })}
      ${this.field('lookup', 'lastName', 'lastName', lastNameError(this.f.lastName), 'lastNameHint', {
        autocomplete: 'family-name',
      })}
      <div class="actions">${busyButton({ label: t.term('findBill'), busyLabel: t.term('findingBill'), busy: this.isLookingUp })}</div>
    </form>`;
  }

  private renderAmount() {
    const t = this.localize;
    const account = this.lookup.value!.account;
    const back = html`<div class="actions">
      <button part="button" type="button" @click=${() => this.go('lookup')}>${t.term('back')}</button>
    </div>`;
    if (account.invoices.length === 0)
      return html`<p>${t.term('noOpenBills')}</p>
        ${back}`;
    // A payment of the chosen bill awaits confirmation: no amount to submit for it, so it cannot be paid twice.
    const since = account.invoices.find((i) => i.invoiceNumber === this.invoiceNumber)?.paymentPendingSince;
    return html`<form part="form" novalidate @submit=${this.onAmount}>
      <p class="muted">${t.term('accountLine', account.accountNumber)}</p>
      <fieldset>
        <legend part="label">${t.term('chooseBill')}</legend>
        ${account.invoices.map(
          (i) =>
            html`<label class="choice bill">
              <input
                type="radio"
                name="invoice"
                .checked=${i.invoiceNumber === this.invoiceNumber}
                aria-describedby=${i.invoiceNumber === this.invoiceNumber && since !== undefined ? 'bill-pending' : nothing}
                @change=${() => this.chooseBill(i)}
              />
              <span
                ><strong>${t.term('billNumber', i.invoiceNumber)}</strong><br />
                ${t.term('amountDueOn', t.money(i.amountDueCents), t.date(i.dueDate))}</span
              >
            </label>`,
        )}
      </fieldset>
      ${
        since !== undefined
          ? html`<p id="bill-pending">${t.term('billBeingConfirmed', t.dateTime(since))}</p>
              ${back}`
          : html`${this.field('amount', 'amount', 'amountLabel', this.amountError(), 'amountHint', { inputmode: 'decimal', autocomplete: 'off' })}
            ${this.actions(() => this.go('lookup'))}`
      }
    </form>`;
  }

  private renderReview() {
    const t = this.localize;
    const account = this.lookup.value?.account;
    return this.steps!.reviewForm(t, {
      amountCents: parseAmount(this.f.amount) ?? 0,
      bill: account?.invoices.find((i) => i.invoiceNumber === this.invoiceNumber),
      accountNumber: account?.accountNumber ?? '',
      method: this.method && this.steps!.methodSummary(this.method),
      email: this.f.email.trim(),
      busy: this.flow!.attempt.busy,
      onPay: this.onPay,
      edits: [
        [t.term('editAmount'), () => this.go('amount')],
        [t.term('editMethod'), () => this.go('method')],
      ],
    });
  }

  private renderReceipt() {
    const t = this.localize;
    return html`${this.steps!.receiptView(t, this.receipt!)}
      <div class="register">
        <p>${t.term('registerPitch')}</p>
        <button part="button" class="primary" type="button" @click=${this.onRegister}>${t.term('createAccount')}</button>
      </div>`;
  }

  /** A field of this element's own (the card fields live in the payment-method form). */
  private field(
    step: Step,
    name: keyof typeof this.f,
    label: PlainTermKey<typeof terms>,
    error: Phrase<typeof terms> | undefined,
    hint: PlainTermKey<typeof terms>,
    o: { autocomplete: string; inputmode?: 'email' | 'decimal'; type?: 'email' },
  ) {
    return textField({
      id: name,
      label: this.localize.term(label),
      hint: this.localize.term(hint),
      value: this.f[name],
      error: error && this.showErrors.has(step) ? this.localize.phrase(error) : undefined,
      required: name !== 'email',
      ...o,
      onInput: (e) => (this.f = { ...this.f, [name]: (e.target as HTMLInputElement).value }),
    });
  }

  /** Shows a step after the look-up (their code is here by then: the look-up waits for it). */
  private go(step: Step): void {
    this.flow!.go(step);
  }

  private actions(back: () => void) {
    return html`<div class="actions">
      <button part="button" class="primary" type="submit">${this.localize.term('continue')}</button>
      <button part="button" type="button" @click=${back}>${this.localize.term('back')}</button>
    </div>`;
  }

  private statusText(): string {
    return this.isLookingUp ? this.localize.term('findingBill') : (this.flow?.status(this.localize) ?? '');
  }

  /** Validates a step's own fields; on failure shows them and focuses the first invalid one. */
  private check(step: Step, errors: [string, Phrase<typeof terms> | undefined][]): boolean {
    const first = errors.find(([, e]) => e);
    this.showErrors = new Set([...this.showErrors, step]);
    if (first) this.focusId(first[0]);
    return !first;
  }

  private onLookup = (e: SubmitEvent) => {
    e.preventDefault();
    if (this.isLookingUp) return;
    const { account, lastName } = this.f;
    if (
      !this.check('lookup', [
        ['account', accountNumberError(account)],
        ['lastName', lastNameError(lastName)],
      ])
    )
      return;
    this.alert = undefined;
    void this.lookup.run([{ accountNumber: account.trim(), lastName: lastName.trim() }]);
  };

  private onLookedUp(r: GuestLookupResponse) {
    this.alert = undefined;
    // A payment left unresolved when the old look-up expired is asked about first.
    const attempt = this.flow!.attempt;
    if (attempt.pending?.accountNumber === r.account.accountNumber && attempt.resume(r.lookupToken)) return this.go('lookup');
    // onComplete runs before the task's value is set: work from the answer itself. A bill that can be paid comes first.
    const { invoices } = r.account;
    const bill =
      invoices.find((i) => i.invoiceNumber === this.invoiceNumber) ??
      invoices.find((i) => i.paymentPendingSince === undefined) ??
      invoices[0];
    if (bill && bill.invoiceNumber !== this.invoiceNumber) this.chooseBill(bill);
    this.go('amount');
  }

  private chooseBill(bill: Invoice) {
    this.invoiceNumber = bill.invoiceNumber;
    this.f = { ...this.f, amount: centsToInput(bill.amountDueCents) };
  }

  /** The amount's problem, if any: the guest's smallest payment is the look-up's. */
  private amountError(): Phrase<typeof terms> | undefined {
    return amountError(this.f.amount, this.localize.lang, this.lookup.value?.minimumPaymentCents);
  }

  private onAmount = (e: SubmitEvent) => {
    e.preventDefault();
    if (!this.check('amount', [['amount', this.amountError()]])) return;
    this.alert = undefined;
    this.go('method');
  };

  private onMethod = (e: SubmitEvent) => {
    e.preventDefault();
    const method = this.methodForm.validate();
    // The card form focuses its own first invalid field; the email only when the card is fine.
    this.showErrors = new Set([...this.showErrors, 'method']);
    if (!method || !this.check('method', [['email', emailError(this.f.email)]])) return;
    this.method = method;
    this.alert = undefined;
    this.go('review');
  };

  private onPay = (e: SubmitEvent) => {
    e.preventDefault();
    const token = this.lookup.value?.lookupToken;
    const amountCents = parseAmount(this.f.amount);
    if (this.flow!.attempt.busy || !token || !this.method || amountCents === null) return;
    this.alert = undefined;
    const email = this.f.email.trim();
    const request = { invoiceNumber: this.invoiceNumber, amountCents, method: this.method, ...(email ? { email } : {}) };
    this.flow!.pay(token, this.lookup.value!.account.accountNumber, request);
  };

  /** A guest's wording: the look-up's own failures and the payment's. */
  protected override errorPhrase(e: IcApiError): Phrase<typeof terms> {
    return errorPhrase(e, this.localize);
  }

  private onRegister = () => {
    const r = this.receipt!;
    this.emit('ic-register-requested', { accountNumber: r.accountNumber, email: r.email ?? null });
  };
}

defineElement('ic-one-time-pay', IcOneTimePay);

declare global {
  interface IcEventMap {
    'ic-register-requested': { accountNumber: string; email: string | null };
  }
  interface HTMLElementTagNameMap {
    'ic-one-time-pay': IcOneTimePay;
  }
  interface IcElementEvents {
    'ic-one-time-pay': 'ic-payment-succeeded' | 'ic-payment-failed' | 'ic-register-requested' | 'ic-error';
  }
}
