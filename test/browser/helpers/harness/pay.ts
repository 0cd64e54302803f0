/**
 * What the two pay elements, `<ic-one-time-pay>` and `<ic-bills>`, share on
 * screen: the card and bank form they embed, the review, the receipt. Each
 * adds how a payer reaches its review.
 */
import type { IcBills, IcOneTimePay } from '../../../../src/index.ts';
import { field, typeInto, visibleText } from '../dom.ts';
import { methodForm, typeCard } from '../payment-method-form.ts';
import { Harness } from './harness.ts';

/** A card or a bank account typed into the form, rather than one saved. */
export type NewMethod = { card: string } | { bank: { routing: string; account: string } };

/** The approved test Visa (FIXTURES.md). */
export const VISA = '4111111111111111';
/** The approved test Mastercard. */
export const MASTERCARD = '5555555555554444';
/** The approved test checking account. */
export const CHECKING: NewMethod = { bank: { routing: '011000015', account: '123456789' } };

export abstract class PayHarness<E extends IcOneTimePay | IcBills = IcOneTimePay | IcBills> extends Harness<E> {
  /** The name typed on a new card or bank account. */
  abstract readonly payer: string;

  /** Walks from where the element starts to its review, with `method` typed in (or the element's own first choice). */
  abstract toReview(method?: NewMethod, o?: { email?: string }): Promise<void>;

  /** Opens the form for a new card or bank account, where the element asks for that choice first. */
  protected async chooseNewMethod(): Promise<void> {}

  /** The card and bank form the element embeds. */
  methodForm() {
    return methodForm(this.el);
  }

  /** Types a new card or bank account into the form. */
  async enterMethod(method: NewMethod): Promise<void> {
    await this.chooseNewMethod();
    if ('card' in method) return typeCard(this.methodForm(), method.card, this.payer);
    const form = this.methodForm();
    field(form, 'Bank account').click();
    await form.updateComplete;
    await typeInto(field(form, 'Routing number'), method.bank.routing);
    await typeInto(field(form, 'Bank account number'), method.bank.account);
    await typeInto(field(form, 'Confirm bank account number'), method.bank.account);
    await typeInto(field(form, 'Name on the bank account'), this.payer);
  }

  /** Types the optional receipt email. */
  typeEmail(email: string): Promise<void> {
    return typeInto(this.field('Email for your receipt (optional)'), email);
  }

  /** The receipt as it reads ('' before there is one). */
  receiptText(): string {
    const receipt = this.root.querySelector('[part~="receipt"]');
    return receipt ? visibleText(receipt) : '';
  }
}
