/**
 * The pure parts of `<ic-bills>`: reading the open bills with as many pages
 * of payment history as the payer asked for, and the overview of bills and
 * history. (The pay form is in bill-pay-form.ts, loaded when a payer pays.)
 */
import { html, nothing, type TemplateResult } from 'lit';
import { listBills } from '../../client/accounts.ts';
import { listPaymentMethods } from '../../client/payment-methods.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { Bill, BillsResponse, PaymentHistoryItem, SavedMethod } from '../../contract/self-service.ts';
import { busyButton } from '../../templates/field.ts';
import type { Localize, PlainTermKey } from '../../i18n/localize.ts';
import { methodLabel } from '../../payments/method-label.ts';
import type { enBills } from '../../i18n/terms/bills.ts';
import type { enCommon } from '../../i18n/terms/common.ts';
import type { enPayFlow } from '../../i18n/terms/pay-flow.ts';
import type { enPayment } from '../../i18n/terms/payment.ts';

/** The terms the overview shows. */
type OverviewTerms = typeof enCommon & typeof enPayment & typeof enPayFlow & typeof enBills;

/** What `<ic-bills>` shows: the open bills, the pages of history read so far, and the saved methods to pay with. */
export type BillsView = BillsResponse & { methods: SavedMethod[] };

/**
 * The open bills and the first `pages` pages of history, each page asked
 * after the previous one's cursor, and the saved methods. Pages read before
 * are answered by the client from what it kept, so "Show more" costs one
 * request; after a payment the client dropped them all, and every page is
 * read afresh (never patched).
 */
export async function loadBills(
  api: BrokerTransport,
  accountNumber: string,
  limit: number,
  pages: number,
  signal: AbortSignal,
): Promise<BillsView> {
  const [first, methods] = await Promise.all([listBills(api, accountNumber, { limit }, { signal }), listPaymentMethods(api, { signal })]);
  const payments = [...first.payments];
  let cursor = first.nextCursor;
  for (let n = 1; n < pages && cursor; n++) {
    const page = await listBills(api, accountNumber, { before: cursor, limit }, { signal });
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

const COLUMNS: readonly PlainTermKey<OverviewTerms>[] = ['reviewBill', 'reviewAmount', 'reviewMethod', 'confirmationNumber', 'billsStatus'];

/**
 * The payment history as a real table (caption, column headers, the date as
 * each row's header). It sits in a focusable, labelled region that scrolls
 * sideways when the columns cannot fit (320 px): data tables are the
 * reflow exception of WCAG 1.4.10. Rows take focus (`payment-<n>`) so the
 * first row "Show more" added can receive it.
 */
function historyTable(t: Localize<OverviewTerms>, payments: readonly PaymentHistoryItem[], labelId: string): TemplateResult {
  if (payments.length === 0) return html`<p>${t.term('billsNoPayments')}</p>`;
  return html`<div class="scroll" role="region" tabindex="0" aria-labelledby=${labelId}>
    <table>
      <caption class="visually-hidden">
        ${t.term('billsHistory')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.term('paidOn')}</th>
          ${COLUMNS.map((c) => html`<th scope="col">${t.term(c)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${payments.map(
          (p, i) =>
            html`<tr id="payment-${i}" tabindex="-1">
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
 * the bill, so several "Pay" buttons stay distinguishable) or, while a payment
 * of it awaits confirmation, why it cannot be paid again yet; then the history
 * and, while there are older payments, "Show more" (busy, keeping focus, while it loads).
 */
export function billsOverview(
  t: Localize<OverviewTerms>,
  d: BillsResponse,
  o: { onPay: (bill: Bill) => void; more: { busy: boolean; onMore: () => void } | undefined; after: TemplateResult | typeof nothing },
): TemplateResult {
  return html`<h3>${t.term('billsOpen')}</h3>
    ${
      d.bills.length
        ? html`<ul class="items">
            ${d.bills.map(
              (b) =>
                html`<li class="bill">
                  <span id="bill-${b.invoiceNumber}"
                    ><strong>${t.term('billNumber', b.invoiceNumber)}</strong><br />
                    ${t.term('amountDueOn', t.money(b.amountDueCents), t.date(b.dueDate))}</span
                  >
                  ${
                    b.paymentPendingSince !== undefined
                      ? html`<p>${t.term('billBeingConfirmed', t.dateTime(b.paymentPendingSince))}</p>`
                      : html`<button
                          part="button"
                          class="primary"
                          type="button"
                          aria-describedby="bill-${b.invoiceNumber}"
                          @click=${() => o.onPay(b)}
                        >
                          ${t.term('billsPay')}
                        </button>`
                  }
                </li>`,
            )}
          </ul>`
        : html`<p>${t.term('billsNothingDue')}</p>`
    }
    <h3 id="history">${t.term('billsHistory')}</h3>
    ${historyTable(t, d.payments, 'history')}
    ${
      o.more
        ? html`<div class="actions">
            ${busyButton({ label: t.term('billsShowMore'), busyLabel: t.term('loadingAccount'), busy: o.more.busy, type: 'button', onClick: o.more.onMore })}
          </div>`
        : nothing
    }
    ${o.after}`;
}
