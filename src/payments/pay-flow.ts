import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { IcApiError } from '../client/errors.ts';
import type { Receipt } from '../contract/payments.ts';
import { StepFocusController } from '../controllers/focus.ts';
import type { Localize } from '../i18n/localize.ts';
import { METHOD_REFUSED, PaymentAttemptController, type AttemptChannel, type AttemptOutcome } from './payment-attempt.ts';
import { confirmingView } from './payment-summary.ts';
import type { enPayFlow } from '../i18n/terms/pay-flow.ts';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface PayFlowOptions<S extends string, R> {
  /** The first step, and where an attempt whose form is gone (after a reload) or whose session ran out goes back to. */
  start: S;
  /** Where the payer changes the card or bank account after a decline. */
  fix: S;
  review: S;
  receipt: S;
  channel: AttemptChannel<R>;
  storageKey?: string | (() => string);
  /** Whether the form behind the attempt is still filled in (not after a reload). */
  hasForm: () => boolean;
  /** Shows the error and tells the host (`ic-error`); returns the message shown. */
  fail: (error: IcApiError) => string;
  emit: <K extends keyof IcEventMap>(name: K, detail: IcEventMap[K]) => unknown;
  /** The payment went through: keep the receipt, forget what was typed. */
  succeeded: (receipt: Receipt) => void;
  /**
   * The broker refused the payment, sending nothing, because another payment of
   * the bill awaits confirmation (`attemptedAt`: when it was made): mark the bill
   * as being confirmed, and answer the step that shows it without a form to pay it.
   */
  beingConfirmed: (attemptedAt: string | undefined) => S;
  /** The look-up or session ran out (before going back to `start`). */
  expired?: () => void;
}

/**
 * The walk every payer takes, shared by one-time pay and bills: steps whose
 * heading takes focus as the payer moves on, one exactly-once payment
 * attempt, "confirming" (focused) while its outcome is unknown, and what
 * follows each outcome: the receipt and `ic-payment-succeeded`, or the error,
 * `ic-payment-failed` and the step that fixes it.
 */
export class PayFlow<S extends string, R extends { invoiceNumber: string; amountCents: number }> {
  /** The step on screen, unless a payment is being confirmed (see `view`). Change it with `go`. */
  step: S;
  readonly attempt: PaymentAttemptController<R>;
  readonly focus: StepFocusController;

  constructor(
    host: Host,
    private readonly o: PayFlowOptions<S, R>,
  ) {
    this.step = o.start;
    this.attempt = new PaymentAttemptController<R>(host, {
      channel: o.channel,
      ...(o.storageKey ? { storageKey: o.storageKey } : {}),
      onOutcome: (x) => this.#settle(x),
    });
    this.focus = new StepFocusController(host, { view: () => this.view, alsoWhen: (from, to) => from === o.review && to === 'confirming' });
  }

  /** What is on screen: a step, or the confirmation of a payment whose outcome is not known yet. */
  get view(): S | 'confirming' {
    const phase = this.attempt.phase;
    return phase === 'confirming' || phase === 'stalled' ? 'confirming' : this.step;
  }

  /** Shows a step; its heading gets focus once rendered. */
  go(step: S): void {
    this.step = step;
    this.focus.request();
  }

  /** What the status region says of the payment ('' when none is running); under review, all the confirming view says of it. */
  status(t: Localize<typeof enPayFlow>): string {
    const { phase, reviewing, confirmationEmail } = this.attempt;
    if (phase === 'paying') return t.term('paying');
    if (phase !== 'confirming') return '';
    if (!reviewing) return t.term('confirming');
    return [t.term('reviewing'), t.term('confirmingDetail'), ...(confirmationEmail ? [t.term('reviewingEmail')] : [])].join(' ');
  }

  /** Sends the payment once; while one is unresolved, that one is asked about instead (never paid over). */
  pay(credential: string, accountNumber: string, request: R): void {
    if (!this.attempt.pay(credential, accountNumber, request)) this.attempt.resume();
  }

  /** The "confirming" view (under review once the broker says so), with Check again once the flow stopped asking. */
  confirming(t: Localize<typeof enPayFlow>): TemplateResult {
    const { phase, reviewing, confirmationEmail } = this.attempt;
    return confirmingView(t, { stalled: phase === 'stalled', reviewing, confirmationEmail }, () => this.attempt.resume());
  }

  #settle(x: AttemptOutcome): void {
    const o = this.o;
    if (x.kind === 'succeeded') {
      o.succeeded(x.receipt);
      this.go(o.receipt);
      o.emit('ic-payment-succeeded', { receipt: x.receipt });
      return;
    }
    const message = o.fail(x.error);
    if (x.kind === 'expired') {
      o.expired?.();
      return this.go(o.start);
    }
    o.emit('ic-payment-failed', { code: x.error.code, message });
    if (x.error.code === 'payment_being_confirmed') return this.go(o.beingConfirmed(x.error.attemptedAt));
    this.go(!o.hasForm() ? o.start : METHOD_REFUSED.has(x.error.code) ? o.fix : o.review);
  }
}

/** `detail` of `ic-payment-succeeded`: the confirmed payment's receipt. */
export interface PaymentSucceededDetail {
  receipt: Receipt;
}
/** `detail` of `ic-payment-failed`: why the payment was declined or not completed, in the payer's words. */
export interface PaymentFailedDetail {
  code: string;
  message: string;
}

declare global {
  interface IcEventMap {
    'ic-payment-succeeded': PaymentSucceededDetail;
    'ic-payment-failed': PaymentFailedDetail;
  }
}
