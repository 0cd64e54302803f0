import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { toIcApiError } from '../../client/errors.ts';
import type { PaymentMethodInput, Receipt } from '../../contract/payments.ts';
import type { Bill, BillPaymentRequest } from '../../contract/self-service.ts';
import { ATTEMPT_KEY_PREFIX, hasStoredAttempt } from '../../payments/attempt-store.ts';
import { billsOverview, loadBills, type BillsView } from './bills-view.ts';
import { ClientChanges } from '../../controllers/client-changes.ts';
import type { PlainTermKey } from '../../i18n/localize.ts';
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

type Step = 'bills' | 'pay' | 'review' | 'receipt';
/** The steps of paying, loaded on demand (src/elements/ic-bills/bill-steps.ts). */
type Steps = typeof import('./bill-steps.ts');
const billSteps = onDemand(() => import('./bill-steps.ts'));
const attemptKey = (accountNumber: string) => `${ATTEMPT_KEY_PREFIX}${accountNumber}`;
const HEADINGS: Record<'review' | 'confirming' | 'receipt', PlainTermKey<typeof terms>> = {
  review: 'reviewHeading',
  confirming: 'confirmingHeading',
  receipt: 'receiptHeading',
};

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

  /** The account whose bills are shown: one of the signed-in user's. */
  @property({ attribute: 'account-number' }) accountNumber = '';
  /** Payments per page of history (1 to 50); "Show more" loads the next page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  /** Pages of history asked for. */
  @state() private pages = 1;
  @state() private bill?: Bill;
  @state() private f = { amount: '', email: '' };
  /** The method the payer chose ('' until they choose: the default). */
  @state() private chosen = '';
  @state() private showErrors = false;
  @state() private receipt?: Receipt;
  /** The last answer, shown while a read runs again or after it failed. */
  @state() private last?: BillsView;
  private newMethod?: PaymentMethodInput;
  /** "Show more" was pressed and its page is on its way. */
  private more = false;
  @query('ic-payment-method-form') private methodForm!: IcPaymentMethodForm;
  /** Pay was pressed and the steps of paying are on their way. */
  @state() private opening = false;

  private readonly changes = new ClientChanges(this, () => this.api, ['bills', 'payment-methods']);

  private readonly data = new Task(this, {
    task: ([api, account, size, pages], { signal }) => (api && account ? loadBills(api, account, size, pages, signal) : initialState),
    args: () => [this.api, this.accountNumber, this.pageSize, this.pages, this.changes.version] as const,
    onComplete: (r) => this.onLoaded(r),
    onError: (e) => {
      this.fail(e);
      this.#loadAlert = this.alert;
    },
  });
  /** The alert a failed read put up: the next answer takes it down, and only it. */
  #loadAlert?: IcBills['alert'];

  /** The code of the steps of paying, once here. */
  private steps?: Steps;
  /** The steps, the exactly-once attempt (one per account), and what follows its outcome: made when their code is here. */
  private flow?: PayFlow<Step, BillPaymentRequest>;

  /** The steps of paying (fetched once per page, see `onDemand`), and this element's flow made of them. */
  private async loadSteps(): Promise<Steps> {
    const steps = await billSteps();
    if (this.steps) return steps;
    this.steps = steps;
    this.flow = new steps.PayFlow<Step, BillPaymentRequest>(this, {
      start: 'bills',
      fix: 'pay',
      review: 'review',
      receipt: 'receipt',
      channel: steps.billChannel(() => this.api!),
      storageKey: () => attemptKey(this.accountNumber),
      hasForm: () => !!this.bill,
      fail: (e) => this.fail(e),
      emit: (name, detail) => this.emit(name, detail),
      succeeded: (receipt) => {
        this.receipt = receipt;
        this.bill = this.newMethod = undefined;
        this.f = { amount: '', email: '' };
        this.chosen = '';
        this.methodForm?.reset();
      },
      // Marked at once; the bills read again (the client dropped what it kept) carry the broker's mark.
      beingConfirmed: (at) => {
        const paid = this.bill?.invoiceNumber;
        const bills = this.last?.bills.map((b) => (b.invoiceNumber === paid ? { ...b, paymentPendingSince: at ?? '' } : b));
        if (this.last && bills) this.last = { ...this.last, bills };
        return 'bills';
      },
    });
    this.requestUpdate();
    return steps;
  }

  /** True while a payment is running; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return !!this.flow?.attempt.busy;
  }

  /** True while a page of bills and payments is being read (the first, a "Show more", or again after a change). */
  private get isLoading(): boolean {
    return this.data.status === TaskStatus.PENDING;
  }

  /** The chosen method's id, or NEW_METHOD: the default saved method until the payer picks another. */
  private get choice(): string {
    const saved = this.last?.methods ?? [];
    if (this.chosen === NEW_METHOD || saved.some((m) => m.id === this.chosen)) return this.chosen;
    return preferredMethod(saved)?.id ?? NEW_METHOD;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // Another account: nothing of the last one may show, not even while loading.
    if (changed.has('accountNumber')) {
      this.last = undefined;
      this.pages = 1;
      if (this.flow) this.flow.step = 'bills';
      // A kept attempt of this account awaits its answer (a reload mid-payment): its steps come at once, and it is asked about.
      if (hasStoredAttempt(attemptKey(this.accountNumber))) void this.loadSteps().catch((e: unknown) => this.fail(e));
    }
  }

  override render() {
    const t = this.localize;
    const flow = this.flow;
    const view = flow?.view ?? 'bills';
    // The overview shows `last`, its own copy, rather than going through
    // `data.render()`: while "Show more" or a change reads again, the pages on
    // screen stay.
    const d = this.last;
    const failed = this.data.status === TaskStatus.ERROR;
    const retry =
      failed && toIcApiError(this.data.error).retryable
        ? html`<div class="actions"><button part="button" type="button" @click=${this.onRetry}>${t.term('tryAgain')}</button></div>`
        : nothing;
    return html`<div part="base" class="base">
      <h2 tabindex="-1">
        ${
          view === 'bills'
            ? t.term('accountLine', this.accountNumber)
            : view === 'pay'
              ? t.term('billsPayHeading', this.bill?.invoiceNumber ?? '')
              : t.term(HEADINGS[view])
        }
      </h2>
      ${this.alertRegion()}
      <div class="visually-hidden" role="status">${this.statusText()}</div>
      ${
        view !== 'bills'
          ? nothing
          : d
            ? billsOverview(t, d, {
                more: d.nextCursor && !failed ? { busy: this.isLoading, onMore: this.onMore } : undefined,
                onPay: (b) => this.startPay(b),
                after: retry,
              })
            : failed
              ? retry
              : html`<p class="muted"><span class="spinner" aria-hidden="true"></span> ${t.term('loadingAccount')}</p>`
      }
      ${
        this.steps?.payForm(t, {
          shown: view === 'pay',
          bill: this.bill,
          values: this.f,
          showErrors: this.showErrors,
          methods: d?.methods ?? [],
          choice: this.choice,
          onChoose: (id) => (this.chosen = id),
          onInput: (f) => (this.f = f),
          onSubmit: this.onReview,
          onCancel: () => {
            this.alert = undefined;
            this.go('bills');
          },
        }) ?? nothing
      }
      ${
        view === 'review'
          ? this.steps!.reviewForm(t, {
              amountCents: parseAmount(this.f.amount) ?? 0,
              bill: this.bill,
              accountNumber: this.accountNumber,
              method:
                this.choice === NEW_METHOD
                  ? this.newMethod && this.steps!.methodSummary(this.newMethod)
                  : d?.methods.find((m) => m.id === this.choice),
              email: this.f.email.trim(),
              busy: this.busy,
              onPay: this.onPay,
              edits: [[t.term('back'), () => this.go('pay')]],
            })
          : nothing
      }
      ${view === 'confirming' ? flow!.confirming(t) : nothing}
      ${
        view === 'receipt'
          ? html`${this.steps!.receiptView(t, this.receipt!)}
              <div class="actions">
                <button part="button" class="primary" type="button" @click=${() => this.go('bills')}>${t.term('billsBack')}</button>
              </div>`
          : nothing
      }
    </div>`;
  }

  private statusText(): string {
    const t = this.localize;
    // "Showing 20 payments" is said after "Show more" only: a page load stays quiet.
    return (
      (this.flow?.status(t) ?? '') ||
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
    if (this.alert && this.alert === this.#loadAlert) this.alert = undefined;
    // "Show more" loaded the last page: its button is gone, so focus goes to the first new row.
    if (this.more && !r.nextCursor) this.focusId(`payment-${before}`);
    this.more = false;
  }

  private onRetry = () => {
    this.alert = undefined;
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
    this.alert = undefined;
    try {
      await this.loadSteps();
    } catch (err) {
      this.fail(err);
      return;
    } finally {
      this.opening = false;
    }
    this.bill = bill;
    this.f = { ...this.f, amount: centsToInput(bill.amountDueCents) };
    this.showErrors = false;
    this.go('pay');
  }

  /** Shows a step of paying (their code is here by then: Pay waits for it). */
  private go(step: Step): void {
    this.flow!.go(step);
  }

  /** Checks the pay form; shows every error and focuses the first invalid field, in the form's order. */
  private onReview = (e: SubmitEvent) => {
    e.preventDefault();
    this.showErrors = true;
    const isNew = this.choice === NEW_METHOD;
    const { amountError, emailError } = this.steps!;
    // The method form shows its errors and focuses its own first invalid field.
    const method = isNew ? this.methodForm.validate() : null;
    const first = amountError(this.f.amount, this.localize.lang)
      ? 'amount'
      : isNew && !method
        ? ''
        : emailError(this.f.email)
          ? 'email'
          : undefined;
    if (first !== undefined) return first && this.focusId(first);
    this.newMethod = method ?? undefined;
    this.alert = undefined;
    this.go('review');
  };

  private onPay = (e: SubmitEvent) => {
    e.preventDefault();
    const amountCents = parseAmount(this.f.amount);
    const method = this.choice === NEW_METHOD ? this.newMethod : { kind: 'saved' as const, id: this.choice };
    if (this.busy || !this.bill || !method || amountCents === null) return;
    this.alert = undefined;
    const email = this.f.email.trim();
    const request = { invoiceNumber: this.bill.invoiceNumber, amountCents, method, ...(email ? { email } : {}) };
    this.flow!.pay('', this.accountNumber, request);
  };
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
