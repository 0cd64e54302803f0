import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { lookupGuestAccount } from '../../client/guest.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest, Invoice } from '../../contract/guest.ts';
import type { PaymentMethodInput, Receipt } from '../../contract/payments.ts';
import { busyButton, textField } from '../../templates/field.ts';
import { errorPhrase } from '../../i18n/error-phrases.ts';
import { accountNumberError, amountError, emailError, lastNameError } from '../../templates/field-rules.ts';
import type { Phrase, PlainTermKey } from '../../i18n/localize.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { focusOnceRendered } from '../../controllers/focus.ts';
import { onDemand } from '../../client/on-demand.ts';
import { defineElement } from '../../base/ic-element.ts';
import { IcBrokerElement } from '../../base/broker-element.ts';
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

/**
 * Where the guest is, with what that step needs: the look-up's answer from
 * the amount on, the card or bank account under review, the receipt at the end.
 */
type GuestState =
  | { step: 'lookup' }
  | { step: 'amount' | 'method'; found: GuestLookupResponse }
  | { step: 'review'; found: GuestLookupResponse; method: PaymentMethodInput }
  | { step: 'receipt'; receipt: Receipt };
type Step = GuestState['step'];
const START: GuestState = { step: 'lookup' };

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

/** The code of the steps after the look-up, and this element's flow made of it. */
interface Paying {
  steps: Steps;
  flow: PayFlow<GuestState, GuestPaymentRequest>;
}

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
export class IcOneTimePay extends IcBrokerElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  // A guest's wording: the look-up's own failures and the payment's.
  private readonly alert = new AlertController(this, this.localize, (e) => errorPhrase(e, this.localize));

  /** Prefills the account number. */
  @property({ attribute: 'account-number' }) accountNumber = '';

  /** What the payer typed into this element's own fields (the card is in the payment-method form). */
  @state() private values = { account: '', lastName: '', amount: '', email: '' };
  @state() private showErrors = new Set<Step>();
  /** The bill chosen to pay, chosen again when the same account is looked up again. */
  @state() private invoiceNumber?: string;
  @query('ic-payment-method-form') private methodForm?: IcPaymentMethodForm | null;

  /** The look-up, and with it the steps that follow it: the bill is shown once both are here. */
  private readonly lookup = new Task(this, {
    autoRun: false,
    task: async ([req]: readonly [GuestLookupRequest], { signal }) => {
      const [found, paying] = await Promise.all([lookupGuestAccount(this.api, req, { signal }), this.loadSteps()]);
      return { found, flow: paying.flow };
    },
    onComplete: ({ found, flow }) => this.onLookedUp(found, flow),
    onError: (e) => this.alert.fail(e),
  });

  /** The steps after the look-up and the flow made of them, once their code is here. */
  private paying?: Paying;

  override connectedCallback(): void {
    super.connectedCallback();
    // A kept attempt awaits its answer (a reload mid-payment): its steps come at once, and it is asked about.
    if (hasStoredAttempt(ATTEMPT_STORAGE_KEY)) void this.loadSteps().catch(() => undefined);
  }

  /** The steps after the look-up (fetched once per page, see `onDemand`), and this element's flow made of them. */
  private async loadSteps(): Promise<Paying> {
    const steps = await guestSteps();
    if (this.paying) return this.paying;
    const flow: PayFlow<GuestState, GuestPaymentRequest> = new steps.PayFlow<GuestState, GuestPaymentRequest>(this, {
      start: START,
      review: 'review',
      channel: steps.guestChannel(() => this.api),
      fail: (e) => this.alert.fail(e),
      emit: (name, detail) => this.emit(name, detail),
      succeeded: (receipt) => {
        this.methodForm?.reset();
        return { step: 'receipt', receipt };
      },
      refused: (methodRefused) => {
        const s = flow.state;
        if (s.step === 'review') return methodRefused ? { step: 'method', found: s.found } : s;
        // Resumed after a new look-up (the old one expired while the payment awaited its answer): pay again from
        // the amount, which a reload may have emptied. Resumed after a reload alone, there is no look-up to pay from.
        const found = this.lookup.value?.found;
        return found ? this.amountStep(found) : START;
      },
      // Back to the look-up, with the account of the attempt that awaits it.
      expired: () => {
        this.values = { ...this.values, account: flow.attempt.pending?.accountNumber ?? this.values.account };
        return START;
      },
      // Marked as the broker now marks it in a look-up: the amount step then shows why it cannot be paid.
      beingConfirmed: (at) => {
        const s = flow.state;
        if (!('found' in s)) return START;
        const bill = s.found.account.invoices.find((i) => i.invoiceNumber === this.invoiceNumber);
        if (bill) bill.paymentPendingSince = at ?? '';
        return { step: 'amount', found: s.found };
      },
    });
    this.paying = { steps, flow };
    this.requestUpdate();
    return this.paying;
  }

  /** Where the guest is (the look-up until the steps after it are here). */
  private get state(): GuestState {
    return this.paying?.flow.state ?? START;
  }

  private get api(): BrokerTransport {
    return this.connection.transport;
  }

  /** True while a look-up or a payment is running; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.isLookingUp || !!this.paying?.flow.attempt.busy;
  }

  /** True while the bill is being looked up. */
  private get isLookingUp(): boolean {
    return this.lookup.status === TaskStatus.PENDING;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('accountNumber') && this.state.step === 'lookup') this.values = { ...this.values, account: this.accountNumber };
  }

  override render() {
    const t = this.localize;
    const paying = this.paying;
    const state = this.state;
    const view = paying?.flow.view ?? state.step;
    const n = view === 'confirming' ? -1 : NUMBERED.indexOf(view);
    return html`<div part="base" class="base">
      <h2 tabindex="-1">
        ${n >= 0 ? html`<span class="step">${t.term('stepOf', n + 1, NUMBERED.length)}</span> ` : nothing}${t.term(HEADINGS[view])}
      </h2>
      ${this.alert.render()}
      <div class="visually-hidden" role="status">${this.statusText()}</div>
      ${view === 'lookup' ? this.renderLookup() : nothing}
      ${view === 'amount' && 'found' in state ? this.renderAmount(state.found) : nothing}
      <form part="form" novalidate ?hidden=${view !== 'method'} @submit=${this.onMethod}>
        ${paying ? html`<ic-payment-method-form exportparts="field, label, input, error" lang=${t.lang}></ic-payment-method-form>` : nothing}
        ${this.field('method', 'email', 'emailLabel', emailError(this.values.email), 'emailHint', {
          type: 'email',
          autocomplete: 'email',
          inputmode: 'email',
        })}
        ${this.actions(() => this.go('amount'))}
      </form>
      ${paying && view === 'review' && state.step === 'review' ? this.renderReview(paying, state) : nothing}
      ${paying && view === 'confirming' ? paying.flow.confirming(t) : nothing}
      ${paying && view === 'receipt' && state.step === 'receipt' ? this.renderReceipt(paying, state.receipt) : nothing}
    </div>`;
  }

  private renderLookup() {
    const t = this.localize;
    return html`<form part="form" novalidate @submit=${this.onLookup}>
      ${this.field('lookup', 'account', 'accountNumber', accountNumberError(this.values.account), 'accountNumberHint', { autocomplete: 'off' })}
      ${this.field('lookup', 'lastName', 'lastName', lastNameError(this.values.lastName), 'lastNameHint', {
        autocomplete: 'family-name',
      })}
      <div class="actions">${busyButton({ label: t.term('findBill'), busyLabel: t.term('findingBill'), busy: this.isLookingUp })}</div>
    </form>`;
  }

  private renderAmount(found: GuestLookupResponse) {
    const t = this.localize;
    const { account } = found;
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
          : html`${this.field('amount', 'amount', 'amountLabel', this.amountError(found), 'amountHint', { inputmode: 'decimal', autocomplete: 'off' })}
            ${this.actions(() => this.go('lookup'))}`
      }
    </form>`;
  }

  private renderReview({ steps, flow }: Paying, state: Extract<GuestState, { step: 'review' }>) {
    const t = this.localize;
    const { account } = state.found;
    return steps.reviewForm(t, {
      amountCents: parseAmount(this.values.amount) ?? 0,
      bill: account.invoices.find((i) => i.invoiceNumber === this.invoiceNumber),
      accountNumber: account.accountNumber,
      method: steps.methodSummary(state.method),
      email: this.values.email.trim(),
      busy: flow.attempt.busy,
      onPay: (e) => this.onPay(e, flow, state),
      edits: [
        [t.term('editAmount'), () => this.go('amount')],
        [t.term('editMethod'), () => this.go('method')],
      ],
    });
  }

  private renderReceipt({ steps }: Paying, receipt: Receipt) {
    const t = this.localize;
    return html`${steps.receiptView(t, receipt)}
      <div class="register">
        <p>${t.term('registerPitch')}</p>
        <button part="button" class="primary" type="button" @click=${() => this.onRegister(receipt)}>${t.term('createAccount')}</button>
      </div>`;
  }

  /** A field of this element's own (the card fields live in the payment-method form). */
  private field(
    step: Step,
    name: keyof typeof this.values,
    label: PlainTermKey<typeof terms>,
    error: Phrase<typeof terms> | undefined,
    hint: PlainTermKey<typeof terms>,
    o: { autocomplete: string; inputmode?: 'email' | 'decimal'; type?: 'email' },
  ) {
    return textField({
      id: name,
      label: this.localize.term(label),
      hint: this.localize.term(hint),
      value: this.values[name],
      error: error && this.showErrors.has(step) ? this.localize.phrase(error) : undefined,
      required: name !== 'email',
      ...o,
      onInput: (e) => (this.values = { ...this.values, [name]: (e.target as HTMLInputElement).value }),
    });
  }

  /**
   * Goes back to the look-up, or to the amount or method of the bill looked
   * up (the buttons that do are shown only after a look-up, so its steps are here).
   */
  private go(step: 'lookup' | 'amount' | 'method'): void {
    const { paying, state } = this;
    if (!paying) return;
    paying.flow.go(step === 'lookup' || !('found' in state) ? START : { step, found: state.found });
  }

  private actions(back: () => void) {
    return html`<div class="actions">
      <button part="button" class="primary" type="submit">${this.localize.term('continue')}</button>
      <button part="button" type="button" @click=${back}>${this.localize.term('back')}</button>
    </div>`;
  }

  private statusText(): string {
    return this.isLookingUp ? this.localize.term('findingBill') : (this.paying?.flow.status(this.localize) ?? '');
  }

  /** Validates a step's own fields; on failure shows them and focuses the first invalid one. */
  private check(step: Step, errors: [string, Phrase<typeof terms> | undefined][]): boolean {
    const first = errors.find(([, e]) => e);
    this.showErrors = new Set([...this.showErrors, step]);
    if (first) void focusOnceRendered(this, `#${first[0]}`);
    return !first;
  }

  private onLookup = (e: SubmitEvent) => {
    e.preventDefault();
    if (this.isLookingUp) return;
    const { account, lastName } = this.values;
    if (
      !this.check('lookup', [
        ['account', accountNumberError(account)],
        ['lastName', lastNameError(lastName)],
      ])
    )
      return;
    this.alert.clear();
    void this.lookup.run([{ accountNumber: account.trim(), lastName: lastName.trim() }]);
  };

  private onLookedUp(found: GuestLookupResponse, flow: PayFlow<GuestState, GuestPaymentRequest>) {
    this.alert.clear();
    // A payment left unresolved when the old look-up expired is asked about first.
    const attempt = flow.attempt;
    if (attempt.pending?.accountNumber === found.account.accountNumber && attempt.resume(found.lookupToken)) return flow.go(START);
    flow.go(this.amountStep(found));
  }

  /** The amount step of a look-up, its bill chosen: the one chosen before, else one that can be paid comes first. */
  private amountStep(found: GuestLookupResponse): GuestState {
    const { invoices } = found.account;
    const bill =
      invoices.find((i) => i.invoiceNumber === this.invoiceNumber) ??
      invoices.find((i) => i.paymentPendingSince === undefined) ??
      invoices[0];
    if (bill && bill.invoiceNumber !== this.invoiceNumber) this.chooseBill(bill);
    return { step: 'amount', found };
  }

  private chooseBill(bill: Invoice) {
    this.invoiceNumber = bill.invoiceNumber;
    this.values = { ...this.values, amount: centsToInput(bill.amountDueCents) };
  }

  /** The amount's problem, if any: the guest's smallest payment is the look-up's. */
  private amountError(found: GuestLookupResponse): Phrase<typeof terms> | undefined {
    return amountError(this.values.amount, this.localize.lang, found.minimumPaymentCents);
  }

  private onAmount = (e: SubmitEvent) => {
    e.preventDefault();
    const state = this.state;
    if (!('found' in state) || !this.check('amount', [['amount', this.amountError(state.found)]])) return;
    this.alert.clear();
    this.go('method');
  };

  private onMethod = (e: SubmitEvent) => {
    e.preventDefault();
    const { paying, state } = this;
    const method = this.methodForm?.validate();
    // The card form focuses its own first invalid field; the email only when the card is fine.
    this.showErrors = new Set([...this.showErrors, 'method']);
    if (!paying || !('found' in state) || !method || !this.check('method', [['email', emailError(this.values.email)]])) return;
    this.alert.clear();
    paying.flow.go({ step: 'review', found: state.found, method });
  };

  private onPay(e: SubmitEvent, flow: PayFlow<GuestState, GuestPaymentRequest>, state: Extract<GuestState, { step: 'review' }>) {
    e.preventDefault();
    const amountCents = parseAmount(this.values.amount);
    if (flow.attempt.busy || this.invoiceNumber === undefined || amountCents === null) return;
    this.alert.clear();
    const email = this.values.email.trim();
    const request = { invoiceNumber: this.invoiceNumber, amountCents, method: state.method, ...(email ? { email } : {}) };
    flow.pay(state.found.lookupToken, state.found.account.accountNumber, request);
  }

  private onRegister(receipt: Receipt) {
    this.emit('ic-register-requested', { accountNumber: receipt.accountNumber, email: receipt.email ?? null });
  }
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
