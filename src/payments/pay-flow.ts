import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { IcApiError } from '../client/errors.ts';
import type { Receipt } from '../contract/payments.ts';
import { StepFocusController } from '../controllers/focus.ts';
import type { Localize } from '../i18n/localize.ts';
import { METHOD_REFUSED, PaymentAttemptController, type AttemptChannel, type AttemptOutcome } from './payment-attempt.ts';
import { confirmingView } from './payment-summary.ts';
import type { enPayFlow } from '../i18n/terms/pay-flow.ts';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** A pay element's state: the step on screen, with exactly the data that step needs. */
export interface StepState {
  step: string;
}

export interface PayFlowOptions<S extends StepState, R> {
  /** The first state, before a payer has done anything (and after a reload). */
  start: S;
  /** The step whose Pay button sends the payment: moving from it to "confirming" moves focus too. */
  review: S['step'];
  channel: AttemptChannel<R>;
  storageKey?: string | (() => string);
  /** Shows the error and tells the host (`ic-error`); returns the message shown. */
  fail: (error: IcApiError) => string;
  emit: <K extends keyof IcEventMap>(name: K, detail: IcEventMap[K]) => unknown;
  /** The payment went through: the state that shows its receipt (what was typed is forgotten). */
  succeeded: (receipt: Receipt) => S;
  /**
   * The broker refused the payment with a final answer: the state that lets
   * the payer act on it — the method's step when the card or bank account was
   * refused (`methodRefused`), else the review again; the start when the form
   * behind the attempt is gone (after a reload).
   */
  refused: (methodRefused: boolean) => S;
  /**
   * The broker refused the payment, sending nothing, because another payment of
   * the bill awaits confirmation (`attemptedAt`: when it was made): mark the bill
   * as being confirmed, and answer the state that shows it without a form to pay it.
   */
  beingConfirmed: (attemptedAt: string | undefined) => S;
  /** The look-up or session ran out: the state to start again from (by default `start`). */
  expired?: () => S;
}

/**
 * The walk every payer takes, shared by one-time pay and bills: the element's
 * state, whose step's heading takes focus as the payer moves on, one
 * exactly-once payment attempt, "confirming" (focused) while its outcome is
 * unknown, and what follows each outcome: the receipt and
 * `ic-payment-succeeded`, or the error, `ic-payment-failed` and the state that
 * fixes it.
 */
export class PayFlow<S extends StepState, R extends { invoiceNumber: string; amountCents: number }> {
  /** The state on screen, unless a payment is being confirmed (see `view`). Change it with `go`. */
  state: S;
  readonly attempt: PaymentAttemptController<R>;
  readonly focus: StepFocusController;

  constructor(
    host: Host,
    private readonly o: PayFlowOptions<S, R>,
  ) {
    this.state = o.start;
    this.attempt = new PaymentAttemptController<R>(host, {
      channel: o.channel,
      ...(o.storageKey ? { storageKey: o.storageKey } : {}),
      onOutcome: (x) => this.#settle(x),
    });
    this.focus = new StepFocusController(host, { view: () => this.view, alsoWhen: (from, to) => from === o.review && to === 'confirming' });
  }

  /** What is on screen: a step, or the confirmation of a payment whose outcome is not known yet. */
  get view(): S['step'] | 'confirming' {
    const phase = this.attempt.phase;
    return phase === 'confirming' || phase === 'stalled' ? 'confirming' : this.state.step;
  }

  /** Shows a state; its heading gets focus once rendered. */
  go(state: S): void {
    this.state = state;
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
      this.go(o.succeeded(x.receipt));
      o.emit('ic-payment-succeeded', { receipt: x.receipt });
      return;
    }
    const message = o.fail(x.error);
    if (x.kind === 'expired') return this.go(o.expired?.() ?? o.start);
    o.emit('ic-payment-failed', { code: x.error.code, message });
    if (x.error.code === 'payment_being_confirmed') return this.go(o.beingConfirmed(x.error.attemptedAt));
    this.go(o.refused(METHOD_REFUSED.has(x.error.code)));
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
