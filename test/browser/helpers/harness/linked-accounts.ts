/** `<ic-linked-accounts>`: the user's accounts, linking another, and unregistering one after a confirmation. */
import type { IcLinkedAccounts } from '../../../../src/index.ts';
import { squash, typeInto } from '../dom.ts';
import { Harness } from './harness.ts';

export class LinkedAccountsHarness extends Harness<IcLinkedAccounts> {
  /** Each listed account, as its item reads. */
  items(): string[] {
    return [...this.root.querySelectorAll('ul.items > li')].map((li) => squash(li.textContent));
  }

  /** The listed account numbers, in order. */
  numbers(): string[] {
    return [...this.root.querySelectorAll('ul.items > li strong')].map((s) => squash(s.textContent));
  }

  /** Waits until the accounts are listed. */
  async loaded(): Promise<void> {
    await this.until(() => this.numbers().length > 0, 'the accounts to load');
  }

  /** The Unregister button of account `n`'s item. */
  unregisterButton(n: string): HTMLButtonElement {
    return [...this.root.querySelectorAll('ul.items > li')]
      .find((li) => li.querySelector('strong')?.textContent === n)!
      .querySelector('button')!;
  }

  /** The confirmation dialog. */
  dialog(): HTMLDialogElement {
    return this.root.querySelector('dialog')!;
  }

  dialogText(): string {
    return squash(this.dialog().textContent);
  }

  /** What the dialog's own alert says: an error while it is open is shown there, not behind it. */
  dialogAlert(): string {
    return squash(this.dialog().querySelector('[role="alert"]')?.textContent);
  }

  /** The dialog's button that confirms. */
  confirmButton(): HTMLButtonElement {
    return this.dialog().querySelector<HTMLButtonElement>('button.primary')!;
  }

  /** Presses account `n`'s Unregister, and waits for the dialog. */
  async openDialog(n: string): Promise<void> {
    this.unregisterButton(n).click();
    await this.until(() => this.dialog().open, 'the dialog to open');
  }

  /** Types an account number and last name into the link form, and presses Link account. */
  async link(account: string, lastName: string): Promise<void> {
    await typeInto(this.field('Account number'), account);
    await typeInto(this.field('Last name'), lastName);
    this.button('Link account').click();
  }
}
