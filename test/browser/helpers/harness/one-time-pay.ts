/** `<ic-one-time-pay>`: a guest finds a bill by account number and last name, then pays it. */
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
