import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { busyButton } from './field.ts';

/**
 * A `ref` callback that opens (modal) or closes the `<dialog>` to match
 * `open`. Each render passes a new one, so `ref` calls it with the dialog
 * on every render (and the one it replaces with undefined).
 */
const openWhen = (open: boolean) => (el?: Element) => {
  const dialog = el as HTMLDialogElement | undefined;
  if (!dialog) return;
  // On a first render the dialog is not in the document yet, and showModal() would throw.
  if (open) queueMicrotask(() => dialog.isConnected && !dialog.open && dialog.showModal());
  else if (dialog.open) dialog.close();
};

export interface ConfirmDialogOptions {
  open: boolean;
  heading: string;
  /** What will happen, in full: every account or method the act touches. */
  body: TemplateResult | string;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  /** Shown inside the dialog, announced (the act failed; nothing changed). */
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A confirmation before an irreversible act, as a native modal `<dialog>`:
 * the page behind is inert, focus stays inside and starts on Cancel (the safe
 * choice), Escape cancels, and focus returns to what opened it. Cancel and
 * Escape do nothing while the act is running.
 */
export function confirmDialog(o: ConfirmDialogOptions): TemplateResult {
  return html`<dialog
    class="confirm"
    aria-labelledby="confirm-heading"
    aria-describedby="confirm-body"
    ${ref(openWhen(o.open))}
    @cancel=${(e: Event) => {
      e.preventDefault();
      if (!o.busy) o.onCancel();
    }}
  >
    <h3 id="confirm-heading">${o.heading}</h3>
    <div id="confirm-body">${o.body}</div>
    <div class="alert" part="error" role="alert">${o.error ? html`<p>${o.error}</p>` : nothing}</div>
    <div class="actions">
      ${busyButton({ label: o.confirmLabel, busyLabel: o.busyLabel, busy: o.busy, type: 'button', onClick: () => !o.busy && o.onConfirm() })}
      <button part="button" type="button" autofocus ?hidden=${o.busy} @click=${() => o.onCancel()}>${o.cancelLabel}</button>
    </div>
  </dialog>`;
}
