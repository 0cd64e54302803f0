/**
 * The pure parts of `<ic-bills>`: reading the open bills with as many pages
 * of payment history as the payer asked for, the overview of bills and
 * history, and the pay form.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SelfServiceClient } from '../client/broker-client.ts';
import type { Bill, BillsResponse, PaymentHistoryItem, SavedMethod } from '../contract/self-service.ts';
import { busyButton, textField } from './field.ts';
import { amountError, emailError } from './field-rules.ts';
import type { Localize, Phrase, PlainTermKey } from './i18n.ts';
import type { MethodFormLoader } from './method-form-loader.ts';
import { methodChoices, NEW_METHOD } from './method-choice.ts';
import { methodLabel } from './method-label.ts';
import { billCalls, methodListCalls, useCalls } from '../client/broker-client.ts';

useCalls(billCalls, methodListCalls);

/** What `<ic-bills>` shows: the open bills, the pages of history read so far, and the saved methods to pay with. */
export type BillsView = BillsResponse & { methods: SavedMethod[] };

/**
 * The open bills and the first `pages` pages of history, each page asked
 * after the previous one's cursor, and the saved methods. Pages read before
 * are answered by the client from what it kept, so "Show more" costs one
 * request; after a payment the client dropped them all, and every page is
 * read afresh (never patched).
 */
export async function loadBills(api: SelfServiceClient, accountNumber: string, limit: number, pages: number, signal: AbortSignal): Promise<BillsView> {
  const [first, methods] = await Promise.all([api.bills(accountNumber, { limit }, { signal }), api.paymentMethods({ signal })]);
  const payments = [...first.payments];
  let cursor = first.nextCursor;
  for (let n = 1; n < pages && cursor; n++) {
    const page = await api.bills(accountNumber, { before: cursor, limit }, { signal });
    payments.push(...page.payments);
    cursor = page.nextCursor;
  }
  return { bills: first.bills.filter((b) => b.status === 'open'), payments, methods, ...(cursor ? { nextCursor: cursor } : {}) };
}

/** The calendar day of an instant in the payer's own time zone (YYYY-MM-DD), as a receipt dates it. */
function localDay(iso: string): string {
  const d = new Date(iso);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

const COLUMNS: readonly PlainTermKey[] = ['reviewBill', 'reviewAmount', 'reviewMethod', 'confirmationNumber', 'billsStatus'];

/**
 * The payment history as a real table (caption, column headers, the date as
 * each row's header). It sits in a focusable, labelled region that scrolls
 * sideways when the columns cannot fit (320 px): data tables are the
 * reflow exception of WCAG 1.4.10. Rows take focus (`payment-<n>`) so the
 * first row "Show more" added can receive it.
 */
function historyTable(t: Localize, payments: readonly PaymentHistoryItem[], labelId: string): TemplateResult {
  if (payments.length === 0) return html`<p>${t.term('billsNoPayments')}</p>`;
  return html`<div class="scroll" role="region" tabindex="0" aria-labelledby=${labelId}>
    <table>
      <caption class="visually-hidden">${t.term('billsHistory')}</caption>
      <thead>
        <tr><th scope="col">${t.term('paidOn')}</th>${COLUMNS.map((c) => html`<th scope="col">${t.term(c)}</th>`)}</tr>
      </thead>
      <tbody>
        ${payments.map(
          (p, i) => html`<tr id="payment-${i}" tabindex="-1">
            <th scope="row">${t.date(localDay(p.paidAt))}</th>
            <td>${p.invoiceNumber}</td>
            <td>${t.money(p.amountCents)}</td>
            <td>${methodLabel(t, p.method)}</td>
            <td>${p.confirmationNumber}</td>
            <td>${t.term(p.status === 'approved' ? 'billsApproved' : 'billsDeclined')}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/**
 * The account at a glance: each open bill with its Pay button (described by
 * the bill, so several "Pay" buttons stay distinguishable), then the history
 * and, while there are older payments, "Show more" (busy, keeping focus, while it loads).
 */
export function billsOverview(
  t: Localize,
  d: BillsResponse,
  o: { onPay: (bill: Bill) => void; more: { busy: boolean; onMore: () => void } | undefined; after: TemplateResult | typeof nothing },
): TemplateResult {
  return html`<h3>${t.term('billsOpen')}</h3>
    ${d.bills.length
      ? html`<ul class="items">
          ${d.bills.map(
            (b) => html`<li class="bill">
              <span id="bill-${b.invoiceNumber}"
                ><strong>${t.term('billNumber', b.invoiceNumber)}</strong><br />
                ${t.term('amountDueOn', t.money(b.amountDueCents), t.date(b.dueDate))}</span
              >
              <button part="button" class="primary" type="button" aria-describedby="bill-${b.invoiceNumber}" @click=${() => o.onPay(b)}>
                ${t.term('billsPay')}
              </button>
            </li>`,
          )}
        </ul>`
      : html`<p>${t.term('billsNothingDue')}</p>`}
    <h3 id="history">${t.term('billsHistory')}</h3>
    ${historyTable(t, d.payments, 'history')}
    ${o.more
      ? html`<div class="actions">
          ${busyButton({ label: t.term('billsShowMore'), busyLabel: t.term('loadingAccount'), busy: o.more.busy, type: 'button', onClick: o.more.onMore })}
        </div>`
      : nothing}
    ${o.after}`;
}

type PayValues = { amount: string; email: string };

/**
 * The pay form: amount (starts at the amount due), the saved methods or a new
 * one (`<ic-payment-method-form>`, shown for NEW_METHOD), an optional receipt
 * email. Kept rendered (hidden) through the review, so what was typed — a
 * new card too — is still there on the way back. The card form is loaded
 * the first time a payer chooses a new method; once here it stays rendered.
 */
export function payForm(
  t: Localize,
  o: {
    shown: boolean;
    bill: Bill | undefined;
    values: PayValues;
    showErrors: boolean;
    methods: readonly SavedMethod[];
    /** A saved method's id, or NEW_METHOD. */
    choice: string;
    /** Brings the card and bank form the first time NEW_METHOD is chosen in a shown form. */
    formLoader: MethodFormLoader;
    onChoose: (id: string) => void;
    onInput: (values: PayValues) => void;
    onSubmit: (e: SubmitEvent) => void;
    onCancel: () => void;
  },
): TemplateResult {
  const b = o.bill;
  const field = (
    name: keyof PayValues,
    label: PlainTermKey,
    error: Phrase | undefined,
    hint: PlainTermKey,
    x: { autocomplete: string; inputmode: 'email' | 'decimal'; type?: 'email' },
  ) =>
    textField({
      id: name,
      label: t.term(label),
      hint: t.term(hint),
      value: o.values[name],
      error: error && o.showErrors ? t.phrase(error) : undefined,
      required: name === 'amount',
      ...x,
      onInput: (e) => o.onInput({ ...o.values, [name]: (e.target as HTMLInputElement).value }),
    });
  return html`<form part="form" novalidate ?hidden=${!o.shown} @submit=${o.onSubmit}>
    ${b ? html`<p class="muted">${t.term('amountDueOn', t.money(b.amountDueCents), t.date(b.dueDate))}</p>` : nothing}
    ${field('amount', 'amountLabel', amountError(o.values.amount, t.lang), 'amountHint', { inputmode: 'decimal', autocomplete: 'off' })}
    ${methodChoices(t, { name: 'method', legend: t.term('reviewMethod'), methods: o.methods, chosen: o.choice, allowNew: true, onChoose: o.onChoose })}
    ${(o.shown && o.choice === NEW_METHOD) || o.formLoader.ready
      ? o.formLoader.render(
          t,
          html`<ic-payment-method-form ?hidden=${o.choice !== NEW_METHOD} exportparts="field, label, input, error" lang=${t.lang}></ic-payment-method-form>`,
        )
      : nothing}
    ${field('email', 'emailLabel', emailError(o.values.email), 'emailHint', { type: 'email', autocomplete: 'email', inputmode: 'email' })}
    <div class="actions">
      <button part="button" class="primary" type="submit">${t.term('continue')}</button>
      <button part="button" type="button" @click=${o.onCancel}>${t.term('cancel')}</button>
    </div>
  </form>`;
}
