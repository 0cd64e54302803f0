import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { updateAutopay } from '../../client/accounts.ts';
import { listPaymentMethods } from '../../client/payment-methods.ts';
import type { BrokerTransport, Resource } from '../../client/transport.ts';
import type { PaymentMethodInput } from '../../contract/payments.ts';
import type { SyncedAccount } from '../../contract/sessions.ts';
import { busyButton } from '../../templates/field.ts';
import { defineElement } from '../../base/ic-element.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { focusOnceRendered } from '../../controllers/focus.ts';
import { MethodFormLoader } from '../ic-payment-method-form/method-form-loader.ts';
import type { IcPaymentMethodForm } from '../ic-payment-method-form/ic-payment-method-form.ts';
import { methodLabel } from '../../payments/method-label.ts';
import { IcToggleElement, type ToggleDetail } from '../../base/toggle.ts';
import { enAutopay } from '../../i18n/terms/autopay.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enPayment } from '../../i18n/terms/payment.ts';
import { styles } from './ic-autopay-toggle.styles.ts';
// Defined before this element, so a provider around it answers its first request.
import '../ic-provider/ic-provider.ts';

// How the method AutoPay charges is named, and the card and bank form's loading, too.
const terms = { ...enCommon, ...enPayment, ...enAutopay };

/**
 * AutoPay on or off for one of the signed-in user's accounts, saying which
 * saved method it charges (or, when off, would charge: the default). A user
 * with no saved method enters one inline, and one request stores it as the
 * default and turns AutoPay on with it (seed: AutoPay → Store User Credit or
 * ACH Banking, then Update AutoPay). The switch moves at once; if the change
 * fails it moves back and says why.
 *
 * @summary AutoPay switch for one account, with the method it charges (InvoiceCloud).
 * @fires ic-autopay-request - `{ accountNumber, enabled }` before a change (for a user with no saved method, before the form opens); cancel it (preventDefault) to keep things as they are.
 * @fires ic-autopay-changed - `{ accountNumber, enabled }` after the user's change was saved.
 * @fires ic-error - `{ code, message, requestId }` for every error shown.
 * @csspart base - The wrapper of everything.
 * @csspart form - The form for a new payment method.
 * @csspart field - A label + input group of that form.
 * @csspart label - The switch's and the fields' visible labels.
 * @csspart input - The switch and the text inputs.
 * @csspart button - Every button.
 * @csspart error - The alert region and each field's error.
 * @cssprop --ic-color-primary - The switch when on, buttons and the focus ring.
 * @cssprop --ic-color-on-primary - The switch's knob when on, text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - The description under the switch.
 * @cssprop --ic-color-surface - Background of the element and inputs.
 * @cssprop --ic-color-border - The switch when off, input borders.
 * @cssprop --ic-color-error - Errors and invalid borders.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-autopay-toggle-max-width - Widest the element grows (default 36rem).
 */
export class IcAutopayToggle extends IcToggleElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  protected readonly alert = new AlertController(this, this.localize);

  protected readonly kind = 'autopay';

  /** The form for a first payment method is open. */
  @state() private adding = false;
  /** The method entered in that form, sent with the next write. */
  private entered?: PaymentMethodInput | undefined;
  @query('ic-payment-method-form') private methodForm?: IcPaymentMethodForm | null;
  /** The card and bank form comes when a payer first asks for it. */
  private readonly formLoader = new MethodFormLoader(this);

  // Which method AutoPay uses, or would use, is part of what this toggle shows.
  protected override get resources(): readonly Resource[] {
    return ['accounts', 'payment-methods'];
  }

  protected override readMethods(api: BrokerTransport, signal: AbortSignal) {
    return listPaymentMethods(api, { signal });
  }

  protected write(api: BrokerTransport, enabled: boolean, signal: AbortSignal): Promise<SyncedAccount> {
    // A method stored by an earlier try that then failed to enroll is saved now: enroll with it, never store it twice.
    const method = this.methods.length === 0 ? this.entered : undefined;
    // The broker stores the new method (as the default) and enrolls with it: one request.
    const request = method ? { enabled, newMethod: { method, makeDefault: true } } : { enabled };
    return updateAutopay(api, this.accountNumber, request, { signal });
  }

  protected renderBody(a: SyncedAccount) {
    const t = this.localize;
    const busy = this.busy;
    const used = this.methods.find((m) => (a.autopay ? m.id === a.autopayMethodId : m.isDefault));
    const about = used
      ? t.term(a.autopay ? 'autopayUses' : 'autopayWouldUse', methodLabel(t, used))
      : a.autopay
        ? ''
        : t.term('autopayAsks');
    return html`${this.renderSwitch(t.term('autopayLabel'), about)}
    ${
      this.adding
        ? html`<form part="form" novalidate aria-labelledby="add" @submit=${this.onSave}>
            <p id="add">${t.term('autopayAddMethod')}</p>
            ${this.formLoader.render(t, html`<ic-payment-method-form exportparts="field, label, input, error" lang=${t.lang}></ic-payment-method-form>`)}
            <div class="actions">
              ${busyButton({ label: t.term('autopaySaveOn'), busyLabel: t.term('saving'), busy })}
              <button part="button" type="button" ?hidden=${busy} @click=${this.close}>${t.term('cancel')}</button>
            </div>
          </form>`
        : nothing
    }`;
  }

  /** With no saved method, turning AutoPay on first asks for one; turning it off again is Cancel. */
  protected override change(enabled: boolean): void {
    if (enabled && this.methods.length === 0) {
      this.wanted = true;
      this.adding = true;
      void this.formLoader.focus();
    } else if (this.adding) {
      void this.close();
    } else {
      super.change(enabled);
    }
  }

  protected override saved(a: SyncedAccount): void {
    super.saved(a);
    if (this.adding) void this.close();
  }

  // Lit calls template listeners with `this` = the element.
  private onSave(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    // Still loading, or it could not load: focus goes to what says so.
    if (!this.methodForm) return void this.formLoader.focus();
    const method = this.methodForm.validate();
    if (!method) return;
    this.entered = method;
    super.change(true);
  }

  /** Closes the form (nothing stored, or all of it stored) and puts focus back on the switch. */
  private async close() {
    this.adding = false;
    this.entered = this.wanted = undefined;
    this.alert.clear();
    await focusOnceRendered(this, '[role="switch"]');
  }
}

defineElement('ic-autopay-toggle', IcAutopayToggle);

declare global {
  interface IcEventMap {
    'ic-autopay-request': ToggleDetail;
    'ic-autopay-changed': ToggleDetail;
  }
  interface HTMLElementTagNameMap {
    'ic-autopay-toggle': IcAutopayToggle;
  }
  interface IcElementEvents {
    'ic-autopay-toggle': 'ic-autopay-request' | 'ic-autopay-changed' | 'ic-error';
  }
}
