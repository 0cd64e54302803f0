import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PaymentMethodInput } from '../../contract/payments.ts';
import { textField } from '../../templates/field.ts';
import { formStyles, tokenStyles } from '../../styles/form-styles.ts';
import { defineElement, hostStyles, IcElement } from '../../base/ic-element.ts';
import type { PlainTermKey } from '../../i18n/localize.ts';
import {
  brandOf,
  caretAfterDigits,
  emptyMethodValues,
  fieldError,
  fieldsOf,
  formatCardNumber,
  formatExpiryInput,
  methodErrors,
  toMethodInput,
  type MethodField,
  type MethodKind,
  type MethodValues,
} from './payment-method.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enExpiry } from '../../i18n/terms/expiry.ts';
import { enMethodEntry } from '../../i18n/terms/method-entry.ts';
import { enPayment } from '../../i18n/terms/payment.ts';
import { securityCodeLength } from '../../shared/validators.ts';

/** What the form shows: its fields and their errors, and the card brands. */
const terms = { ...enCommon, ...enPayment, ...enMethodEntry, ...enExpiry };

/** Input id of each field, unique within this shadow root. */
const IDS: Record<MethodField, string> = {
  number: 'card-number',
  expiry: 'card-expiry',
  securityCode: 'card-csc',
  cardName: 'card-name',
  postalCode: 'card-zip',
  routingNumber: 'bank-routing',
  bankAccount: 'bank-account',
  bankAccountConfirm: 'bank-account-confirm',
  accountType: 'bank-type-checking',
  bankName: 'bank-name',
};

/**
 * A new card or bank account, entered and checked in the browser. Internal
 * and shared: one-time payment, AutoPay and the payment-methods manager all
 * use this one form. It never stores or emits what is typed; the parent asks
 * for it with `validate()`.
 *
 * @summary Card or bank-account entry with live checks (Luhn, brand, ABA checksum).
 * @csspart field - One label + input group.
 * @csspart label - A field's visible label.
 * @csspart input - A text input.
 * @csspart error - A field's error message.
 * @cssprop --ic-color-primary - Buttons, radios and focus ring.
 * @cssprop --ic-color-error - Error text and invalid borders.
 */
export class IcPaymentMethodForm extends IcElement<typeof terms> {
  static override styles = [
    hostStyles,
    tokenStyles,
    formStyles,
    css`
      .summary:empty {
        display: none;
      }
    `,
  ];

  protected readonly localize = this.localized(terms);

  /** Which kind of method is being entered: `card` or `ach` (bank account). */
  @property({ reflect: true }) kind: MethodKind = 'card';

  /** Kinds the payer may choose between; the choice is hidden when there is one. */
  @property({ attribute: false }) kinds: readonly MethodKind[] = ['card', 'ach'];

  /** Disables every field, e.g. while the parent is sending. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private values: MethodValues = emptyMethodValues();
  @state() private shown = new Set<MethodField>();
  @state() private summary = '';

  /**
   * Checks every field of the chosen kind. When something is wrong, shows
   * every error, announces how many, focuses the first invalid field and
   * returns null; otherwise returns the method as the contract expects it.
   */
  validate(): PaymentMethodInput | null {
    const errors = methodErrors(this.kind, this.values);
    const invalid = fieldsOf(this.kind).filter((f) => errors[f]);
    this.shown = new Set(fieldsOf(this.kind));
    this.summary = invalid.length ? this.localize.term('fixFields', invalid.length) : '';
    const [first] = invalid;
    if (first === undefined) return toMethodInput(this.kind, this.values);
    // Render now so the field is announced with its error when it gets focus.
    this.performUpdate();
    this.renderRoot.querySelector<HTMLInputElement>(`#${IDS[first]}`)?.focus();
    return null;
  }

  /**
   * Focuses the first field. (Not `delegatesFocus`: in a form this size it
   * would pull focus back to the top whenever a payer clicks between fields.)
   */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('input:checked, input:not([type="radio"])')?.focus(options);
  }

  /** Clears everything typed and every message. */
  reset(): void {
    this.values = emptyMethodValues();
    this.shown = new Set();
    this.summary = '';
  }

  override render() {
    const t = this.localize;
    const card = this.kind === 'card';
    return html`
      ${
        this.kinds.length > 1
          ? html`<fieldset>
              <legend part="label">${t.term('payWith')}</legend>
              <div class="choices">
                ${this.kinds.map((k) => this.radio('kind', k, k === 'card' ? 'card' : 'bank', this.kind === k, this.onKind))}
              </div>
            </fieldset>`
          : nothing
      }
      <p class="summary error" part="error" role="alert">${this.summary}</p>
      <div @keydown=${this.onKeydown}>${card ? this.renderCard() : this.renderBank()}</div>
    `;
  }

  private renderCard() {
    const t = this.localize;
    const brand = brandOf(this.values);
    const codeLength = securityCodeLength(brand);
    return html`
      ${this.field('number', 'cardNumber', {
        autocomplete: 'cc-number',
        maxlength: 23,
        hint: html`<span aria-live="polite">${brand === 'unknown' ? '' : t.term('cardBrand', t.term(brand))}</span>`,
      })}
      <div class="row">
        ${this.field('expiry', 'expiration', { autocomplete: 'cc-exp', maxlength: 7, hint: t.term('expirationHint') })}
        ${this.field('securityCode', 'securityCode', {
          autocomplete: 'cc-csc',
          maxlength: 4,
          hint: t.term('securityCodeHint', codeLength, brand === 'amex'),
        })}
      </div>
      ${this.field('cardName', 'nameOnCard', { autocomplete: 'cc-name', text: true })}
      ${this.field('postalCode', 'zip', { autocomplete: 'postal-code', maxlength: 10 })}
    `;
  }

  private renderBank() {
    const t = this.localize;
    return html`
      ${this.field('routingNumber', 'routingNumber', { autocomplete: 'off', maxlength: 9, hint: t.term('routingHint') })}
      ${this.field('bankAccount', 'bankAccountNumber', { autocomplete: 'off', maxlength: 17 })}
      ${this.field('bankAccountConfirm', 'confirmBankAccountNumber', { autocomplete: 'off', maxlength: 17 })}
      <fieldset>
        <legend part="label">${t.term('accountType')}</legend>
        <div class="choices">
          ${(['checking', 'savings'] as const).map((v) =>
            this.radio('accountType', v, v, this.values.accountType === v, this.onAccountType),
          )}
        </div>
      </fieldset>
      ${this.field('bankName', 'nameOnAccount', { autocomplete: 'name', text: true })}
    `;
  }

  private field(
    name: MethodField,
    label: PlainTermKey<typeof terms>,
    o: { autocomplete: string; maxlength?: number; hint?: unknown; text?: boolean },
  ) {
    const error = this.shown.has(name) ? fieldError(name, this.values) : undefined;
    return textField({
      id: IDS[name],
      label: this.localize.term(label),
      value: this.values[name],
      hint: o.hint as string | undefined,
      error: error ? this.localize.phrase(error) : undefined,
      autocomplete: o.autocomplete,
      inputmode: o.text ? 'text' : 'numeric',
      ...(o.maxlength ? { maxlength: o.maxlength } : {}),
      required: true,
      disabled: this.disabled,
      onInput: (e) => this.onInput(name, e),
      onBlur: () => this.onBlur(name),
    });
  }

  private radio(name: string, value: string, label: PlainTermKey<typeof terms>, checked: boolean, onChange: (e: Event) => void) {
    const id = `${name}-${value}`;
    return html`<label class="choice" for=${id}>
      <input type="radio" id=${id} name=${name} .value=${value} .checked=${checked} ?disabled=${this.disabled} @change=${onChange} />
      ${this.localize.term(label)}
    </label>`;
  }

  private onInput(name: MethodField, e: InputEvent) {
    const input = e.target as HTMLInputElement;
    let value = input.value;
    if (name === 'number') {
      // Keep the caret after the same digit while spaces are inserted or removed.
      const caret = input.selectionStart ?? value.length;
      const before = value.slice(0, caret).replace(/\D/g, '').length;
      value = formatCardNumber(value);
      input.value = value;
      const at = caretAfterDigits(value, before);
      if (input.matches(':focus')) input.setSelectionRange(at, at);
    } else if (name === 'expiry') {
      value = formatExpiryInput(value, (e.inputType ?? '').startsWith('delete'));
      input.value = value;
    }
    this.values = { ...this.values, [name]: value };
  }

  /** An error appears once the payer leaves a field they typed in, then follows every keystroke. */
  private onBlur(name: MethodField) {
    if (this.values[name].trim() !== '' && !this.shown.has(name)) this.shown = new Set([...this.shown, name]);
  }

  private onKind = (e: Event) => {
    this.kind = (e.target as HTMLInputElement).value as MethodKind;
    this.summary = '';
  };

  private onAccountType = (e: Event) => {
    this.values = { ...this.values, accountType: (e.target as HTMLInputElement).value };
  };

  /** Enter in a field submits the form this element sits in, as it would for a native input. */
  private onKeydown = (e: KeyboardEvent) => {
    const target = e.composedPath()[0];
    if (e.key !== 'Enter' || !(target instanceof HTMLInputElement) || target.type === 'radio') return;
    e.preventDefault();
    this.closest('form')?.requestSubmit();
  };
}

defineElement('ic-payment-method-form', IcPaymentMethodForm);

declare global {
  interface HTMLElementTagNameMap {
    'ic-payment-method-form': IcPaymentMethodForm;
  }
}
