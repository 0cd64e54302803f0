import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { toIcApiError } from '../../client/errors.ts';
import type { Receipt } from '../../contract/payments.ts';
import type { Bill, BillPaymentRequest } from '../../contract/self-service.ts';
import { ATTEMPT_KEY_PREFIX, hasStoredAttempt } from '../../payments/attempt-store.ts';
import { billsOverview, loadBills, type BillsView } from './bills-view.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { ClientChanges } from '../../controllers/client-changes.ts';
import { focusOnceRendered } from '../../controllers/focus.ts';
import { onDemand } from '../../client/on-demand.ts';
import { defineElement } from '../../base/ic-element.ts';
import { NEW_METHOD, preferredMethod } from '../../payments/method-preference.ts';
import { centsToInput, parseAmount } from '../../i18n/money.ts';
import type { PayFlow } from '../../payments/pay-flow.ts';
import type { IcPaymentMethodForm } from '../ic-payment-method-form/ic-payment-method-form.ts';
import { IcSignedInElement } from '../../base/signed-in-element.ts';
import { enBills } from '../../i18n/terms/bills.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enFields } from '../../i18n/terms/fields.ts';
import { enPayFlow } from '../../i18n/terms/pay-flow.ts';
import { enPayment } from '../../i18n/terms/payment.ts';
import { styles } from './ic-bills.styles.ts';
// Defined before this element, so a provider around it answers its first request.
import '../ic-provider/ic-provider.ts';

// The pay flow's and the pay form's words too: this element's from the start, before their code is here.
const terms = { ...enCommon, ...enPayment, ...enPayFlow, ...enFields, ...enBills };

/**
 * Where the payer is, with what that step needs: the bill being paid from
 * the pay form on, the method chosen for it under review, the receipt at the end.
 */
type BillsState =
  | { step: 'bills' }
  | { step: 'pay'; bill: Bill }
  | { step: 'review'; bill: Bill; method: BillPaymentRequest['method'] }
  | { step: 'receipt'; receipt: Receipt };
type ReviewState = Extract<BillsState, { step: 'review' }>;
const START: BillsState = { step: 'bills' };

/** The steps of paying, loaded on demand (src/elements/ic-bills/bill-steps.ts). */
type Steps = typeof import('./bill-steps.ts');
const billSteps = onDemand(() => import('./bill-steps.ts'));
const attemptKey = (accountNumber: string) => `${ATTEMPT_KEY_PREFIX}${accountNumber}`;

/** The code of the steps of paying, and this element's flow made of it (its exactly-once attempt is one per account). */
interface Paying {
  steps: Steps;
  flow: PayFlow<BillsState, BillPaymentRequest>;
}

/**
 * A signed-in payer's bills (seed flow "Registered User Payment"): the open
 * bills and the payment history of one account, and paying a bill with a
 * saved method or a new card or bank account — amount, method, review, receipt.
 * Each payment is sent exactly once, even across double clicks, lost answers and reloads.
 *
 * @summary Open bills, payment history and bill payment of a signed-in user's account (InvoiceCloud).
 * @fires ic-payment-succeeded - `{ receipt }` once a payment is confirmed.
 * @fires ic-payment-failed - `{ code, message }` when a payment is declined or not completed, or refused because another payment of the bill is being confirmed (`payment_being_confirmed`).
 * @fires ic-error - `{ code, message, requestId }` for every error shown to the payer.
 * @csspart base - The wrapper of everything.
 * @csspart form - The pay and review forms.
 * @csspart field - A label + input group.
 * @csspart label - A visible label.
 * @csspart input - A text input.
 * @csspart button - Every button.
 * @csspart error - Error messages (the alert and each field's).
 * @csspart receipt - The receipt.
 * @cssprop --ic-color-primary - Buttons, links and focus ring.
 * @cssprop --ic-color-on-primary - Text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - Hints, column headers and secondary text.
 * @cssprop --ic-color-surface - Background of the element and inputs.
 * @cssprop --ic-color-surface-subtle - Background of the review and receipt panels.
 * @cssprop --ic-color-border - Input borders and table rules.
 * @cssprop --ic-color-error - Errors and invalid borders.
 * @cssprop --ic-color-success - The receipt's accent.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-bills-max-width - Widest the element grows (default 44rem).
 */
export class IcBills extends IcSignedInElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  private readonly alert = new AlertController(this, this.localize);

  /** The account whose bills are shown: one of the signed-in user's. */
  @property({ attribute: 'account-number' }) accountNumber = '';
  /** Payments per page of history (1 to 50); "Show more" loads the next page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  /** Pages of history asked for. */
  @state() private pages = 1;
  /** What the payer typed into the pay form (the card is in the payment-method form). */
  @state() private values = { amount: '', email: '' };
  /** The method the payer chose (a saved one's id, or NEW_METHOD); until they choose, the default. */
  @state() private chosen?: string;
  @state() private showErrors = false;
  /** The last answer, shown while a read runs again or after it failed. */
  @state() private last?: BillsView;
  /** "Show more" was pressed and its page is on its way. */
  private more = false;
  @query('ic-payment-method-form') private methodForm?: IcPaymentMethodForm | null;
  /** Pay was pressed and the steps of paying are on their way. */
  @state() private opening = false;

  private readonly changes = new ClientChanges(this, () => this.api, ['bills', 'payment-methods']);

  private readonly data = new Task(this, {
    task: ([api, account, size, pages], { signal }) => (api && account ? loadBills(api, account, size, pages, signal) : initialState),
    args: () => [this.api, this.accountNumber, this.pageSize, this.pages, this.changes.version] as const,
    onComplete: (r) => this.onLoaded(r),
    // The next answer takes this alert down, and only this one.
    onError: (e) => this.alert.fail(e, { source: 'read' }),
  });

  /** The steps of paying and the flow made of them, once their code is here. */
  private paying?: Paying;

  /** The steps of paying (fetched once per page, see `onDemand`), and this element's flow made of them. */
  private async loadSteps(): Promise<Paying> {
    const steps = await billSteps();
    if (this.paying) return this.paying;
    const flow: PayFlow<BillsState, BillPaymentRequest> = new steps.PayFlow<BillsState, BillPaymentRequest>(this, {
      start: START,
      review: 'review',
      channel: steps.billChannel(() => this.api),
      storageKey: () => attemptKey(this.accountNumber),
      fail: (e) => this.alert.fail(e),
      emit: (name, detail) => this.emit(name, detail),
      succeeded: (receipt) => {
        this.values = { amount: '', email: '' };
        this.chosen = undefined;
        this.methodForm?.reset();
        return { step: 'receipt', receipt };
      },
      // Only a payment sent from the review has a form to go back to (not one resumed after a reload).
      refused: (methodRefused) => {
        const s = flow.state;
        if (s.step !== 'review') return START;
        return methodRefused ? { step: 'pay', bill: s.bill } : s;
      },
      // Marked at once; the bills read again (the client dropped what it kept) carry the broker's mark.
      beingConfirmed: (at) => {
        const s = flow.state;
        const paid = 'bill' in s ? s.bill.invoiceNumber : undefined;
        const bills = this.last?.bills.map((b) => (b.invoiceNumber === paid ? { ...b, paymentPendingSince: at ?? '' } : b));
        if (this.last && bills) this.last = { ...this.last, bills };
        return START;
      },
    });
    this.paying = { steps, flow };
    this.requestUpdate();
    return this.paying;
  }

  /** Where the payer is (the bills until the steps of paying are here). */
  private get state(): BillsState {
    return this.paying?.flow.state ?? START;
  }

  /** True while a payment is running; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return !!this.paying?.flow.attempt.busy;
  }

  /** True while a page of bills and payments is being read (the first, a "Show more", or again after a change). */
  private get isLoading(): boolean {
    return this.data.status === TaskStatus.PENDING;
  }

  /** The chosen method's id, or NEW_METHOD: the default saved method until the payer picks another. */
  private get choice(): string {
    const saved = this.last?.methods ?? [];
    const chosen = this.chosen;
    if (chosen !== undefined && (chosen === NEW_METHOD || saved.some((m) => m.id === chosen))) return chosen;
    return preferredMethod(saved)?.id ?? NEW_METHOD;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // Another account: nothing of the last one may show, not even while loading.
    if (changed.has('accountNumber')) {
      this.last = undefined;
      this.pages = 1;
      if (this.paying) this.paying.flow.state = START;
      // A kept attempt of this account awaits its answer (a reload mid-payment): its steps come at once, and it is asked about.
      if (hasStoredAttempt(attemptKey(this.accountNumber))) void this.loadSteps().catch((e: unknown) => this.alert.fail(e));
    }
  }

  override render() {
    const t = this.localize;
    const paying = this.paying;
    const state = this.state;
    const view = paying?.flow.view ?? state.step;
    // The overview shows `last`, its own copy, rather than going through
    // `data.render()`: while "Show more" or a change reads again, the pages on
    // screen stay.
    const d = this.last;
    const retry = this.data.render({
      error: (e) =>
        toIcApiError(e).retryable
          ? html`<div class="actions"><button part="button" type="button" @click=${this.onRetry}>${t.term('tryAgain')}</button></div>`
          : nothing,
    });
    const failed = retry !== undefined;
    return html`<div part="base" class="base">
      <h2 tabindex="-1">${view === 'confirming' ? t.term('confirmingHeading') : this.heading(state)}</h2>
      ${this.alert.render()}
      <div class="visually-hidden" role="status">${this.statusText()}</div>
      ${
        view !== 'bills'
          ? nothing
          : d
            ? billsOverview(t, d, {
                more: d.nextCursor && !failed ? { busy: this.isLoading, onMore: this.onMore } : undefined,
                onPay: (b) => this.startPay(b),
                after: retry ?? nothing,
              })
            : failed
              ? retry
              : html`<p class="muted"><span class="spinner" aria-hidden="true"></span> ${t.term('loadingAccount')}</p>`
      }
      ${
        paying?.steps.payForm(t, {
          shown: view === 'pay',
          bill: 'bill' in state ? state.bill : undefined,
          values: this.values,
          showErrors: this.showErrors,
          methods: d?.methods ?? [],
          choice: this.choice,
          onChoose: (id) => (this.chosen = id),
          onInput: (values) => (this.values = values),
          onSubmit: this.onReview,
          onCancel: () => {
            this.alert.clear();
            paying.flow.go(START);
          },
        }) ?? nothing
      }
      ${paying && view === 'review' && state.step === 'review' ? this.renderReview(paying, state) : nothing}
      ${paying && view === 'confirming' ? paying.flow.confirming(t) : nothing}
      ${
        paying && view === 'receipt' && state.step === 'receipt'
          ? html`${paying.steps.receiptView(t, state.receipt)}
              <div class="actions">
                <button part="button" class="primary" type="button" @click=${() => paying.flow.go(START)}>${t.term('billsBack')}</button>
              </div>`
          : nothing
      }
    </div>`;
  }

  /** The heading of each step. */
  private heading(state: BillsState): string {
    const t = this.localize;
    switch (state.step) {
      case 'bills':
        return t.term('accountLine', this.accountNumber);
      case 'pay':
        return t.term('billsPayHeading', state.bill.invoiceNumber);
      case 'review':
        return t.term('reviewHeading');
      case 'receipt':
        return t.term('receiptHeading');
    }
  }

  private renderReview({ steps, flow }: Paying, state: ReviewState) {
    const t = this.localize;
    const { method } = state;
    return steps.reviewForm(t, {
      amountCents: parseAmount(this.values.amount) ?? 0,
      bill: state.bill,
      accountNumber: this.accountNumber,
      method: method.kind === 'saved' ? this.last?.methods.find((m) => m.id === method.id) : steps.methodSummary(method),
      email: this.values.email.trim(),
      busy: this.busy,
      onPay: (e) => this.onPay(e, flow, state),
      edits: [[t.term('back'), () => flow.go({ step: 'pay', bill: state.bill })]],
    });
  }

  private statusText(): string {
    const t = this.localize;
    // "Showing 20 payments" is said after "Show more" only: a page load stays quiet.
    return (
      (this.paying?.flow.status(t) ?? '') ||
      (this.isLoading || this.opening
        ? t.term('loadingAccount')
        : this.pages > 1 && this.last
          ? t.term('billsShowing', this.last.payments.length)
          : '')
    );
  }

  private onLoaded(r: BillsView) {
    const before = this.last?.payments.length ?? 0;
    this.last = r;
    // A load error on screen is over; a payment's error (a kept attempt's answer too, which may come first) stays.
    this.alert.clear('read');
    // "Show more" loaded the last page: its button is gone, so focus goes to the first new row.
    if (this.more && !r.nextCursor) void focusOnceRendered(this, `#payment-${before}`);
    this.more = false;
  }

  private onRetry = () => {
    this.alert.clear();
    void this.data.run();
  };

  private onMore = () => {
    if (this.isLoading) return;
    this.more = true;
    this.pages++;
  };

  /** Pay: the steps of paying come first (the status line says so meanwhile), then the pay form. */
  private async startPay(bill: Bill) {
    if (this.opening) return;
    this.opening = true;
    this.alert.clear();
    let paying: Paying;
    try {
      paying = await this.loadSteps();
    } catch (err) {
      this.alert.fail(err);
      return;
    } finally {
      this.opening = false;
    }
    this.values = { ...this.values, amount: centsToInput(bill.amountDueCents) };
    this.showErrors = false;
    paying.flow.go({ step: 'pay', bill });
  }

  /** Checks the pay form; shows every error and focuses the first invalid field, in the form's order. */
  private onReview = (e: SubmitEvent) => {
    e.preventDefault();
    const { paying, state } = this;
    if (!paying || state.step !== 'pay') return;
    this.showErrors = true;
    const isNew = this.choice === NEW_METHOD;
    const { amountError, emailError } = paying.steps;
    // The method form shows its errors and focuses its own first invalid field (so it is checked first).
    const method = isNew ? this.methodForm?.validate() : undefined;
    if (amountError(this.values.amount, this.localize.lang)) return void focusOnceRendered(this, '#amount');
    if (isNew && !method) return;
    if (emailError(this.values.email)) return void focusOnceRendered(this, '#email');
    this.alert.clear();
    paying.flow.go({ step: 'review', bill: state.bill, method: method ?? { kind: 'saved', id: this.choice } });
  };

  private onPay(e: SubmitEvent, flow: PayFlow<BillsState, BillPaymentRequest>, state: ReviewState) {
    e.preventDefault();
    const amountCents = parseAmount(this.values.amount);
    if (this.busy || amountCents === null) return;
    this.alert.clear();
    const email = this.values.email.trim();
    const request = { invoiceNumber: state.bill.invoiceNumber, amountCents, method: state.method, ...(email ? { email } : {}) };
    flow.pay('', this.accountNumber, request);
  }
}

defineElement('ic-bills', IcBills);

declare global {
  interface HTMLElementTagNameMap {
    'ic-bills': IcBills;
  }
  interface IcElementEvents {
    'ic-bills': 'ic-payment-succeeded' | 'ic-payment-failed' | 'ic-error';
  }
}
