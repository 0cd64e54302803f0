import { html, type TemplateResult } from 'lit';
import type { SavedMethod } from '../contract/self-service.ts';
import type { Localize } from '../i18n/localize.ts';
import { methodLabel } from './method-label.ts';
import { NEW_METHOD } from './method-preference.ts';
import type { enBills } from '../i18n/terms/bills.ts';
import type { enCommon } from '../i18n/terms/common.ts';
import type { enPayment } from '../i18n/terms/payment.ts';

/**
 * Radio choices between the saved methods ("Visa ending in 1111 · Default")
 * and, when `allowNew`, a new card or bank account (the element then shows
 * `<ic-payment-method-form>`): `<ic-bills>`'s pay form.
 */
export function methodChoices(
  t: Localize<typeof enCommon & typeof enPayment & typeof enBills>,
  o: {
    name: string;
    legend: string;
    methods: readonly SavedMethod[];
    /** A saved method's id, or NEW_METHOD. */
    chosen: string;
    allowNew: boolean;
    disabled?: boolean;
    onChoose: (id: string) => void;
  },
): TemplateResult {
  const choice = (value: string, label: string, extra: TemplateResult | string = '') => {
    const id = `${o.name}-${value}`;
    return html`<label class="choice" for=${id}>
      <input
        type="radio"
        id=${id}
        name=${o.name}
        .value=${value}
        .checked=${o.chosen === value}
        ?disabled=${o.disabled ?? false}
        @change=${() => o.onChoose(value)}
      />
      <span>${label} ${extra}</span>
    </label>`;
  };
  return html`<fieldset>
    <legend part="label">${o.legend}</legend>
    <div class="choices stacked">
      ${o.methods.map((m) =>
        choice(
          m.id,
          m.nickname ? `${m.nickname} · ${methodLabel(t, m)}` : methodLabel(t, m),
          m.isDefault ? html`<span class="badge">${t.term('defaultMethod')}</span>` : '',
        ),
      )}
      ${o.allowNew ? choice(NEW_METHOD, t.term('newMethod')) : ''}
    </div>
  </fieldset>`;
}
