import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface TextFieldOptions {
  /** Unique within the shadow root; also the input's name. */
  id: string;
  label: string;
  value: string;
  /** Shown under the label and tied with aria-describedby. */
  hint?: string | TemplateResult | undefined;
  /** Shown above the input, tied with aria-describedby, and sets aria-invalid. */
  error?: string | undefined;
  type?: 'text' | 'email';
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'email' | 'text';
  maxlength?: number;
  required?: boolean;
  disabled?: boolean;
  onInput: (event: InputEvent) => void;
  onBlur?: (event: FocusEvent) => void;
}

/**
 * One labelled text field: visible label, optional hint, error above the
 * input (visible while the phone keyboard is open), all tied to the input.
 */
export function textField(o: TextFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : '';
  const errorId = o.error ? `${o.id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="field" part="field">
    <label part="label" for=${o.id}>${o.label}</label>
    ${o.hint ? html`<span class="hint" id=${hintId}>${o.hint}</span>` : nothing}
    ${o.error ? html`<span class="error" part="error" id=${errorId}>${o.error}</span>` : nothing}
    <input
      part="input"
      id=${o.id}
      name=${o.id}
      type=${o.type ?? 'text'}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      maxlength=${ifDefined(o.maxlength)}
      spellcheck="false"
      aria-required=${o.required ? 'true' : nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      ?disabled=${o.disabled ?? false}
      .value=${live(o.value)}
      @input=${o.onInput}
      @blur=${o.onBlur}
    />
  </div>`;
}

/**
 * A button that stays focusable while busy: `aria-disabled` (not `disabled`,
 * which would drop focus to the page) plus a spinner and a busy label. The
 * handler must ignore presses while busy.
 */
export function busyButton(o: { label: string; busyLabel: string; busy: boolean; type?: 'submit' | 'button'; onClick?: () => void }) {
  return html`<button
    part="button"
    class="primary"
    type=${o.type ?? 'submit'}
    aria-disabled=${o.busy ? 'true' : 'false'}
    @click=${o.onClick}
  >
    ${o.busy ? html`<span class="spinner" aria-hidden="true"></span>${o.busyLabel}` : o.label}
  </button>`;
}
