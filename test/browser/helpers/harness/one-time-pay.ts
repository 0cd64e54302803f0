/** `<ic-one-time-pay>`: a guest finds a bill by account number and last name, then pays it. */
import { expect, oneEvent } from '@open-wc/testing';
import type { IcOneTimePay } from '../../../../src/index.ts';
import { typeInto } from '../dom.ts';
import { PayHarness, VISA, type NewMethod } from './pay.ts';

export class OneTimePayHarness extends PayHarness<IcOneTimePay> {
  readonly payer = 'Jane Doe';

  /** Looks a bill up (Jane Doe's INV-1001 unless told otherwise) and waits for the amount step. */
  async findBill(account = '100200300', lastName = 'Doe'): Promise<void> {
    await typeInto(this.field('Account number'), account);
    await typeInto(this.field('Last name'), lastName);
    this.button('Find my bill').click();
    await this.waitForHeading('Payment amount');
  }

  /**
   * Looks Jane Doe's bill up when part of the element cannot be fetched: the payer is
   * told to reload (and the host hears `load_failed`), and the look-up form stays, idle.
   */
  async findBillExpectingReload(): Promise<void> {
    const reload = 'Part of this page did not load. Check your internet connection, then reload the page.';
    await typeInto(this.field('Account number'), '100200300');
    await typeInto(this.field('Last name'), 'Doe');
    const error = oneEvent(this.el, 'ic-error');
    this.button('Find my bill').click();
    expect((await error).detail).to.include({ code: 'load_failed', message: reload });
    expect(await this.alert()).to.equal(reload);
    expect(this.heading()).to.contain('Find your bill');
    expect(this.el.busy).to.equal(false);
    await expect(this.el).to.be.accessible();
  }

  /** Find bill → amount due → method (the approved Visa unless told otherwise) → review. */
  async toReview(method: NewMethod = { card: VISA }, o: { email?: string } = {}): Promise<void> {
    await this.findBill();
    this.button('Continue').click();
    await this.waitForHeading('Payment method');
    await this.enterMethod(method);
    if (o.email !== undefined) await this.typeEmail(o.email);
    this.button('Continue').click();
    await this.waitForHeading('Review your payment');
  }
}
