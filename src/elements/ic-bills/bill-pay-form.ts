/** `<ic-bills>`'s pay form, part of the steps it loads when a payer pays (bill-steps.ts). */
import { html, nothing, type TemplateResult } from 'lit';
import type { Bill, SavedMethod } from '../../contract/self-service.ts';
import { textField } from '../../templates/field.ts';
import { amountError, emailError, type FieldPhrase } from '../../templates/field-rules.ts';
import type { Localize, PlainTermKey } from '../../i18n/localize.ts';
import { methodChoices } from '../../payments/method-choice.ts';
import { NEW_METHOD } from '../../payments/method-preference.ts';
import type { enBills } from '../../i18n/terms/bills.ts';
import type { enCommon } from '../../i18n/terms/common.ts';
import type { enFields } from '../../i18n/terms/fields.ts';
import type { enPayFlow } from '../../i18n/terms/pay-flow.ts';
import type { enPayment } from '../../i18n/terms/payment.ts';

/** The terms the form shows. */
type PayFormTerms = typeof enCommon & typeof enPayment & typeof enPayFlow & typeof enFields & typeof enBills;

type PayValues = { amount: string; email: string };

/**
 * The pay form: amount (starts at the amount due), the saved methods or a new
 * one (`<ic-payment-method-form>`, shown for NEW_METHOD), an optional receipt
 * email. Kept rendered (hidden) through the review, so what was typed — a
 * new card too — is still there on the way back.
 */
export function payForm(
  t: Localize<PayFormTerms>,
  o: {
    shown: boolean;
    bill: Bill | undefined;
    values: PayValues;
    showErrors: boolean;
    methods: readonly SavedMethod[];
    /** A saved method's id, or NEW_METHOD. */
    choice: string;
    onChoose: (id: string) => void;
    onInput: (values: PayValues) => void;
    onSubmit: (e: SubmitEvent) => void;
    onCancel: () => void;
  },
): TemplateResult {
  const b = o.bill;
  const field = (
    name: keyof PayValues,
    label: PlainTermKey<PayFormTerms>,
    error: FieldPhrase | undefined,
    hint: PlainTermKey<PayFormTerms>,
    x: { autocomplete: string; inputmode: 'email' | 'decimal'; type?: 'email' },
  ) =>
    textField({
      id: name,
      label: t.term(label),
      hint: t.term(hint),
      value: o.values[name],
      error: error && o.showErrors ? t.phrase(error) : undefined,
      required: name === 'amount',
      ...x,
      onInput: (e) => o.onInput({ ...o.values, [name]: (e.target as HTMLInputElement).value }),
    });
  return html`<form part="form" novalidate ?hidden=${!o.shown} @submit=${o.onSubmit}>
    ${b ? html`<p class="muted">${t.term('amountDueOn', t.money(b.amountDueCents), t.date(b.dueDate))}</p>` : nothing}
    ${field('amount', 'amountLabel', amountError(o.values.amount, t.lang), 'amountHint', { inputmode: 'decimal', autocomplete: 'off' })}
    ${methodChoices(t, { name: 'method', legend: t.term('reviewMethod'), methods: o.methods, chosen: o.choice, allowNew: true, onChoose: o.onChoose })}
    <ic-payment-method-form
      ?hidden=${o.choice !== NEW_METHOD}
      exportparts="field, label, input, error"
      lang=${t.lang}
    ></ic-payment-method-form>
    ${field('email', 'emailLabel', emailError(o.values.email), 'emailHint', { type: 'email', autocomplete: 'email', inputmode: 'email' })}
    <div class="actions">
      <button part="button" class="primary" type="submit">${t.term('continue')}</button>
      <button part="button" type="button" @click=${o.onCancel}>${t.term('cancel')}</button>
    </div>
  </form>`;
}
