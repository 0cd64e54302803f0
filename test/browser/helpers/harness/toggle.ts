/** The toggles, `<ic-paperless-toggle>` and `<ic-autopay-toggle>`: one account's setting on a switch. */
import type { IcAutopayToggle, IcPaperlessToggle } from '../../../../src/index.ts';
import { squash } from '../dom.ts';
import { Harness } from './harness.ts';

export class ToggleHarness<E extends IcPaperlessToggle | IcAutopayToggle = IcPaperlessToggle | IcAutopayToggle> extends Harness<E> {
  /** The switch, or null while there is none (loading, or a message instead). */
  switch(): HTMLInputElement | null {
    return this.root.querySelector<HTMLInputElement>('[role="switch"]');
  }

  /** What the switch is described by (what it does, or which method AutoPay charges). */
  about(): string {
    return squash(this.root.getElementById(this.switch()!.getAttribute('aria-describedby')!)!.textContent);
  }

  /** Waits until the switch is on screen, or a message instead of one. */
  async ready(): Promise<void> {
    const loading = ['Loading…', 'Cargando…'];
    await this.until(() => this.switch() || (this.statusText() && !loading.includes(this.statusText())), 'the toggle to load');
  }
}

/** `<ic-autopay-toggle>`: a user with no saved method is asked for one inline. */
export class AutopayToggleHarness extends ToggleHarness<IcAutopayToggle> {
  /** The inline card and bank form, or null while it is closed. */
  methodForm() {
    return this.root.querySelector('ic-payment-method-form');
  }
}
