/** `<ic-bills>`: a signed-in payer's open bills, payment history, and paying a bill. */
import type { IcBills } from '../../../../src/index.ts';
import { squash } from '../dom.ts';
import { PayHarness, type NewMethod } from './pay.ts';

export class BillsHarness extends PayHarness<IcBills> {
  readonly payer = 'John Smith';

  /** Waits until the bills have loaded (each open bill and the history have a heading). */
  async loaded(): Promise<void> {
    await this.until(() => this.root.querySelector('h3'), 'the bills to load');
  }

  /** The open bills, one text per bill. */
  openBills(): string[] {
    return [...this.root.querySelectorAll('ul.items > li')].map((li) => squash(li.textContent));
  }

  /** The payment history's table, or null when there is none. */
  table(): HTMLTableElement | null {
    return this.root.querySelector('table');
  }

  /** The history as a screen reader's table navigation meets it: one array of cell texts per row. */
  rows(): string[][] {
    return [...(this.table()?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => squash(c.textContent)));
  }

  /** The "Pay" button of an open bill (not "Pay $142.75" of the review). */
  payButton(): HTMLButtonElement {
    return this.button(/^(Pay|Pagar)$/);
  }

  /** Pay on the open bill, and waits for its pay form. */
  async toPay(): Promise<void> {
    this.payButton().click();
    await this.waitForHeading('Pay bill INV-2001');
  }

  protected override async chooseNewMethod(): Promise<void> {
    this.field('A new card or bank account').click();
    await this.el.updateComplete;
  }

  /** Pay → the pay form (the saved default unless `method` is typed in) → review. */
  async toReview(method?: NewMethod, o: { email?: string } = {}): Promise<void> {
    await this.toPay();
    if (method) await this.enterMethod(method);
    if (o.email !== undefined) await this.typeEmail(o.email);
    this.button('Continue').click();
    await this.waitForHeading('Review your payment');
  }
}
