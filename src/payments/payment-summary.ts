/**
 * How a payment is summed up for the payer — review before paying, receipt
 * after — shared by every element that pays (one-time pay, bills).
 * Never more of a method than its brand (or account type) and last four.
 */
import { html, type TemplateResult } from 'lit';
import type { MethodSummary, PaymentMethodInput, Receipt } from '../contract/payments.ts';
import { cardBrand } from '../shared/card-brand.ts';
import { busyButton } from '../templates/field.ts';
import type { Localize, PlainTermKey } from '../i18n/localize.ts';
import { methodLabel } from './method-label.ts';
import type { enPayFlow } from '../i18n/terms/pay-flow.ts';
import type { enPayment } from '../i18n/terms/payment.ts';

/** The terms a summary shows: the pay flow's, and how a method is named. */
type SummaryTerms = typeof enPayFlow & typeof enPayment;

/** What may be shown of a method once entered: brand (or account type) and last four, nothing more. */
export function methodSummary(method: PaymentMethodInput): MethodSummary {
  return method.kind === 'card'
    ? { kind: 'card', brand: cardBrand(method.number), last4: method.number.slice(-4) }
    : { kind: 'ach', brand: method.accountType, last4: method.accountNumber.slice(-4) };
}

/** A definition list of label → value rows; rows with an empty value are left out. */
export function summaryList(t: Localize<SummaryTerms>, rows: readonly (readonly [PlainTermKey<SummaryTerms>, string])[]): TemplateResult {
  return html`<dl>
    ${rows
      .filter(([, value]) => value !== '')
      .map(
        ([label, value]) =>
          html`<div class="row-item">
            <dt>${t.term(label)}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
  </dl>`;
}

/**
 * The review step: what will be paid, for which bill, with what; the consent;
 * the Pay button (busy, never disabled, while paying) and the ways back.
 */
export function reviewForm(
  t: Localize<SummaryTerms>,
  o: {
    amountCents: number;
    bill: { invoiceNumber: string; amountDueCents: number; dueDate: string } | undefined;
    accountNumber: string;
    method: MethodSummary | undefined;
    email: string;
    busy: boolean;
    onPay: (e: SubmitEvent) => void;
    /** Buttons back to an earlier step (label, action), hidden while paying. */
    edits: readonly (readonly [string, () => void])[];
  },
): TemplateResult {
  const amount = t.money(o.amountCents);
  const b = o.bill;
  return html`<form part="form" novalidate @submit=${o.onPay}>
    <div class="panel">
      ${summaryList(t, [
        ['reviewAmount', amount],
        ['reviewBill', b ? `${b.invoiceNumber} · ${t.term('amountDueOn', t.money(b.amountDueCents), t.date(b.dueDate))}` : ''],
        ['reviewAccount', o.accountNumber],
        ['reviewMethod', o.method ? methodLabel(t, o.method) : ''],
        ['reviewEmail', o.email],
      ])}
    </div>
    <p>${t.term('reviewConsent', amount)}</p>
    <div class="actions">
      ${busyButton({ label: t.term('pay', amount), busyLabel: t.term('paying'), busy: o.busy })}
      ${o.edits.map(([label, go]) => html`<button part="button" type="button" ?hidden=${o.busy} @click=${go}>${label}</button>`)}
    </div>
  </form>`;
}

/** The facts of a receipt, in the order a payer looks for them. */
export function receiptList(t: Localize<SummaryTerms>, r: Receipt): TemplateResult {
  return summaryList(t, [
    ['confirmationNumber', r.confirmationNumber],
    ['reviewAmount', t.money(r.amountCents)],
    ['paidOn', t.dateTime(r.paidAt)],
    ['reviewMethod', methodLabel(t, r.method)],
    ['reviewBill', r.invoiceNumber],
    ['reviewAccount', r.accountNumber],
  ]);
}

/** A paid receipt with its Print button (the host page's print styles decide the rest). */
export function receiptView(t: Localize<SummaryTerms>, r: Receipt): TemplateResult {
  return html`<div part="receipt" class="panel receipt">
      ${receiptList(t, r)} ${r.email ? html`<p>${t.term('receiptSent', r.email)}</p>` : ''}
    </div>
    <div class="actions"><button part="button" type="button" @click=${() => window.print()}>${t.term('print')}</button></div>`;
}

/**
 * A payment whose outcome is not known yet: reassure, warn against paying
 * again, and, once the element stopped asking, offer to check again (the same
 * payment: never a new one). Under review (the broker has been confirming it
 * for longer than usual), say so, and that an email will follow when one will.
 */
export function confirmingView(
  t: Localize<typeof enPayFlow>,
  o: { stalled: boolean; reviewing: boolean; confirmationEmail: boolean },
  checkAgain: () => void,
): TemplateResult {
  return html`<p>
      ${o.stalled ? '' : html`<span class="spinner" aria-hidden="true"></span>`}
      ${t.term(o.reviewing ? 'reviewing' : o.stalled ? 'stalled' : 'confirming')}
    </p>
    <p class="muted">${t.term('confirmingDetail')}</p>
    ${o.reviewing && o.confirmationEmail ? html`<p>${t.term('reviewingEmail')}</p>` : ''}
    ${
      o.stalled
        ? html`<div class="actions">
            <button part="button" class="primary" type="button" @click=${checkAgain}>${t.term('checkAgain')}</button>
          </div>`
        : ''
    }`;
}
