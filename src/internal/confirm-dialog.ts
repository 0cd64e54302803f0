import { html, nothing, type TemplateResult } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import { busyButton } from './field.ts';

/**
 * Opens (modal) or closes the `<dialog>` it is on, after each render. A plain
 * directive: lit's `ref` would bring its disconnection bookkeeping, ~0.4 KB
 * gzip, for an element that only needs to be told.
 */
class DialogOpen extends Directive {
  render(_open: boolean) {
    return nothing;
  }

  override update(part: ElementPart, [open]: [boolean]) {
    const el = part.element as HTMLDialogElement;
    // On a first render the dialog is not in the document yet, and showModal() would throw.
    if (open) queueMicrotask(() => open && el.isConnected && !el.open && el.showModal());
    else if (el.open) el.close();
    return nothing;
  }
}
const dialogOpen = directive(DialogOpen);

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
    ${dialogOpen(o.open)}
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
