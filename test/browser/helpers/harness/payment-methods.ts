/** `<ic-payment-methods>`: the saved cards and bank accounts, adding, editing, the default, removing. */
import type { IcPaymentMethods } from '../../../../src/elements/ic-payment-methods/ic-payment-methods.ts';
import { squash } from '../dom.ts';
import { methodForm } from '../payment-method-form.ts';
import { Harness } from './harness.ts';

export class PaymentMethodsHarness extends Harness<IcPaymentMethods> {
  /** The saved methods' items. */
  items(): HTMLLIElement[] {
    return [...this.root.querySelectorAll<HTMLLIElement>('ul.items > li')];
  }

  /** The item whose text contains `label`. */
  item(label: string): HTMLLIElement {
    const li = this.items().find((i) => squash(i.textContent).includes(label));
    if (!li)
      throw new Error(
        `No item "${label}" in: ${this.items()
          .map((i) => squash(i.textContent))
          .join(' | ')}`,
      );
    return li;
  }

  /** Whether an item carries the Default badge. */
  isDefault(label: string): boolean {
    return !!this.item(label).querySelector('.badge');
  }

  /** Waits until the list (or its empty state) is on screen. */
  async loaded(): Promise<void> {
    await this.until(() => this.items().length || this.text().includes('No saved payment methods yet'), 'the list');
  }

  /** The remove dialog. */
  dialog(): HTMLDialogElement {
    return this.root.querySelector('dialog')!;
  }

  /** The add form's card and bank form (null while it is closed). */
  methodForm() {
    return this.root.querySelector('ic-payment-method-form') ? methodForm(this.el) : null;
  }

  /** Presses "Add a card or bank account" and waits for the form. */
  async openAdd(): Promise<void> {
    this.button('Add a card or bank account').click();
    await this.until(() => this.methodForm(), 'the add form');
    await this.methodForm()!.updateComplete;
  }

  /** Waits until a write is over (no busy status; the list has read again). */
  async settled(): Promise<void> {
    await this.until(() => !this.statusText(), 'no busy status');
  }
}
