import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { listPaymentMethods, removePaymentMethod, storePaymentMethod, updatePaymentMethod } from '../../client/payment-methods.ts';
import type { BrokerTransport, RequestOptions } from '../../client/transport.ts';
import type { SavedMethod, UpdateMethodRequest } from '../../contract/index.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { ClientChanges } from '../../controllers/client-changes.ts';
import { focusOnceRendered } from '../../controllers/focus.ts';
import { confirmDialog } from '../../templates/confirm-dialog.ts';
import { busyButton, textField, type TextFieldOptions } from '../../templates/field.ts';
import { defineElement } from '../../base/ic-element.ts';
import { MethodFormLoader } from '../ic-payment-method-form/method-form-loader.ts';
import type { IcPaymentMethodForm } from '../ic-payment-method-form/ic-payment-method-form.ts';
import { expiryError } from '../ic-payment-method-form/expiry.ts';
import { methodLabel } from '../../payments/method-label.ts';
import { IcSignedInElement } from '../../base/signed-in-element.ts';
import { parseExpiry } from '../../shared/validators.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enExpiry } from '../../i18n/terms/expiry.ts';
import { enMethods } from '../../i18n/terms/methods.ts';
import { enPayment } from '../../i18n/terms/payment.ts';
import { styles } from './ic-payment-methods.styles.ts';
// Defined before this element, so a provider around it answers its first request.
import '../ic-provider/ic-provider.ts';

const terms = { ...enCommon, ...enPayment, ...enExpiry, ...enMethods };

/** A write, given the transport and the options (the Task's signal) to pass on. */
type Write<T = unknown> = (api: BrokerTransport, options: RequestOptions) => Promise<T>;

/** The form on screen, when one is: adding a method, or editing a saved one. */
type OpenForm = { kind: 'add' } | { kind: 'edit'; id: string };

const pad = (n: number | null) => String(n).padStart(2, '0');

/**
 * The signed-in user's saved cards and bank accounts (seed flow "Manage
 * Payment Methods"): add one (the shared `<ic-payment-method-form>`), edit a
 * card's expiry or a nickname, choose the default (AutoPay that charged the
 * old default follows it, as the broker does), and remove one after a
 * confirmation. The list follows changes made by other elements on the page.
 *
 * @summary Saved payment methods: list, add, edit, set default, remove.
 * @fires ic-payment-method-saved - `{ method }` (the saved method) after an add, an edit or a new default.
 * @fires ic-payment-method-remove-request - `{ id }`, cancelable, before a confirmed removal is sent.
 * @fires ic-payment-method-removed - `{ id }` once a method is removed.
 * @fires ic-error - `{ code, message, requestId }` for every error shown.
 * @csspart base - The wrapper of everything.
 * @csspart form - The add and edit forms.
 * @csspart field - A label + input group.
 * @csspart label - A visible label.
 * @csspart input - A text input.
 * @csspart button - Every button.
 * @csspart error - Error messages.
 * @cssprop --ic-color-primary - Buttons and focus ring.
 * @cssprop --ic-color-on-primary - Text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - Hints and secondary text.
 * @cssprop --ic-color-surface - Background.
 * @cssprop --ic-color-border - Borders and dividers.
 * @cssprop --ic-color-error - Errors.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-payment-methods-max-width - Widest the element grows (default 40rem).
 */
export class IcPaymentMethods extends IcSignedInElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  private readonly alert = new AlertController(this, this.localize);

  @state() private form?: OpenForm;
  @state() private nick = '';
  @state() private exp = '';
  @state() private makeDefault = false;
  /** The edit form's errors show after its first submit, then follow every keystroke. */
  @state() private shown = false;
  /** The method the remove dialog asks about. */
  @state() private removing?: SavedMethod;

  // Declared before the read: its version is one of the read's args.
  private readonly changes = new ClientChanges(this, () => this.api, ['payment-methods']);
  /** The card and bank form comes when a payer first adds a method. */
  private readonly formLoader = new MethodFormLoader(this);

  private readonly load = new Task(this, {
    task: ([api], { signal }) => (api ? listPaymentMethods(api, { signal }) : initialState),
    args: () => [this.api, this.changes.version] as const,
    onError: (e) => this.alert.fail(e),
  });

  /** Every write: one at a time; it stays busy until the list shows its effect. */
  private readonly write = new Task(this, {
    autoRun: false,
    task: async ([api, run]: readonly [BrokerTransport, Write], options) => {
      await run(api, options);
      // The change made the read run again: wait for the list it brings (a failed read shows its own error).
      await this.updateComplete;
      await this.load.taskComplete.catch(() => undefined);
    },
    onError: (e) => this.alert.fail(e),
  });

  /** True while an add, edit, new default or removal is being saved; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.write.status === TaskStatus.PENDING;
  }

  override render() {
    const t = this.localize;
    // The methods are read from `load.value` rather than through `load.render()`:
    // after a change the read runs again, and the methods on screen stay until
    // the new list is here.
    const methods = this.load.value;
    const loading = !methods && this.load.render({ pending: () => true });
    const removing = this.removing;
    // While the dialog is open its errors show inside it, where the user is (the page behind a modal is inert).
    return html`<div part="base" class="base">
      <h2 tabindex="-1">${t.term('methodsHeading')}</h2>
      ${this.alert.render(!removing)}
      <div role="status">${loading ? t.term('loadingAccount') : this.busy ? t.term('saving') : ''}</div>
      ${
        methods
          ? methods.length
            ? html`<ul class="items">
                  ${methods.map((m) => this.item(m))}
                </ul>
                <p class="hint">${t.term('defaultHint')}</p>`
            : html`<p>${t.term('noMethods')}</p>`
          : this.load.render({
              error: () =>
                html`<button
                  part="button"
                  type="button"
                  @click=${() => {
                    this.alert.clear();
                    void this.load.run();
                  }}
                >
                  ${t.term('tryAgain')}
                </button>`,
            })
      }
      ${
        this.form?.kind === 'add'
          ? this.editor()
          : html`<button part="button" class="primary" type="button" @click=${() => this.show()}>${t.term('addMethod')}</button>`
      }
      ${confirmDialog({
        open: !!removing,
        heading: removing ? t.term('removeHeading', methodLabel(t, removing)) : '',
        body: removing ? this.details(removing) : '',
        confirmLabel: t.term('removeMethod'),
        busyLabel: t.term('removingMethod'),
        cancelLabel: t.term('cancel'),
        busy: this.busy,
        error: this.alert.message,
        onConfirm: this.onRemove,
        onCancel: () => (this.removing = undefined),
      })}
    </div>`;
  }

  private item(m: SavedMethod) {
    const t = this.localize;
    const id = `m-${m.id}`;
    const action = (label: string, onClick: () => void) =>
      html`<button part="button" type="button" aria-describedby=${id} @click=${onClick}>${label}</button>`;
    return html`<li>
      <span id=${id}
        ><strong>${methodLabel(t, m)}</strong>${m.isDefault ? html`<span class="badge">${t.term('defaultMethod')}</span>` : nothing}</span
      >
      <div class="muted">${this.details(m)}</div>
      ${
        this.form?.kind === 'edit' && this.form.id === m.id
          ? this.editor(m)
          : html`<div class="actions">
              ${action(t.term('editItem'), () => this.show(m))}
              ${m.isDefault ? nothing : action(t.term('makeDefault'), () => this.change(m.id, { makeDefault: true }))}
              ${action(t.term('removeMethod'), () => this.askRemove(m))}
            </div>`
      }
    </li>`;
  }

  /** "Home card · Expires 12/2030": what tells a method apart besides its label. */
  private details(m: SavedMethod): string {
    return [m.nickname, m.expMonth ? this.localize.term('expires', `${pad(m.expMonth)}/${m.expYear}`) : ''].filter(Boolean).join(' · ');
  }

  /** The add form (no method) or a method's edit form. */
  private editor(m?: SavedMethod) {
    const t = this.localize;
    // An edit form is named by its item's label.
    return html`<form
      part="form"
      novalidate
      aria-labelledby=${m ? `m-${m.id}` : nothing}
      @submit=${(e: SubmitEvent) => this.onSubmit(e, m)}
    >
      ${
        m
          ? m.kind === 'card'
            ? this.field('exp', 'expiration', {
                hint: t.term('expirationHint'),
                error: this.expError(),
                autocomplete: 'cc-exp',
                inputmode: 'numeric',
                maxlength: 7,
                required: true,
              })
            : nothing
          : html`<h3>${t.term('addMethod')}</h3>
              ${this.formLoader.render(
                t,
                html`<ic-payment-method-form
                  exportparts="field, label, input, error"
                  lang=${t.lang}
                  ?disabled=${this.busy}
                ></ic-payment-method-form>`,
              )}`
      }
      ${this.field('nick', 'nickname', { maxlength: 40 })}
      ${
        m
          ? nothing
          : html`<label class="choice"
              ><input
                type="checkbox"
                .checked=${this.makeDefault}
                ?disabled=${this.busy}
                @change=${(e: Event) => (this.makeDefault = (e.target as HTMLInputElement).checked)}
              />${t.term('makeDefault')}</label
            >`
      }
      <div class="actions">
        ${busyButton({ label: t.term('saveMethod'), busyLabel: t.term('saving'), busy: this.busy })}
        <button part="button" type="button" ?hidden=${this.busy} @click=${() => this.close()}>${t.term('cancel')}</button>
      </div>
    </form>`;
  }

  private field(name: 'nick' | 'exp', label: 'nickname' | 'expiration', o: Partial<TextFieldOptions>) {
    return textField({
      id: name,
      label: this.localize.term(label),
      value: this[name],
      disabled: this.busy,
      ...o,
      onInput: (e) => (this[name] = (e.target as HTMLInputElement).value),
    });
  }

  private expError(): string | undefined {
    const e = this.shown ? expiryError(this.exp) : undefined;
    return e && this.localize.phrase(e);
  }

  /** Opens the add form, or `m`'s edit form filled from it, with focus on its first field. */
  private show(m?: SavedMethod) {
    if (this.busy) return;
    [this.form, this.nick, this.makeDefault, this.shown] = [
      m ? { kind: 'edit', id: m.id } : { kind: 'add' },
      m?.nickname ?? '',
      false,
      false,
    ];
    this.exp = m?.expMonth ? `${pad(m.expMonth)}/${String(m.expYear).slice(2)}` : '';
    if (m) void focusOnceRendered(this, 'form input');
    else void this.formLoader.focus();
  }

  /** Closes the form (what was typed goes with it) and puts focus back on the list. */
  private close() {
    this.form = undefined;
    void focusOnceRendered(this, 'h2');
  }

  /** Opens the remove dialog for `m` (an earlier error goes: the dialog shows its own). */
  private askRemove(m: SavedMethod) {
    this.removing = m;
    this.alert.clear();
  }

  private onSubmit(e: SubmitEvent, m?: SavedMethod) {
    e.preventDefault();
    const nickname = this.nick.trim() || null;
    if (!m) {
      const form = this.renderRoot.querySelector<IcPaymentMethodForm>('ic-payment-method-form');
      // Still loading, or it could not load: focus goes to what says so.
      if (!form) return void this.formLoader.focus();
      const method = form.validate();
      const makeDefault = this.makeDefault;
      if (method) this.save((api, o) => storePaymentMethod(api, { method, nickname: nickname ?? undefined, makeDefault }, o));
      return;
    }
    if (m.kind === 'ach') return this.change(m.id, { nickname });
    this.shown = true;
    const expiry = parseExpiry(this.exp);
    if (this.expError() || !expiry) return void focusOnceRendered(this, '#exp');
    this.change(m.id, { expMonth: expiry.month, expYear: expiry.year, nickname });
  }

  /** Stores or changes a method; tells the host and closes the form. */
  private save(write: Write<SavedMethod>) {
    this.run(async (api, o) => {
      this.emit('ic-payment-method-saved', { method: await write(api, o) });
      this.close();
    });
  }

  private change(id: string, change: UpdateMethodRequest) {
    this.save((api, o) => updatePaymentMethod(api, id, change, o));
  }

  private onRemove = () => {
    if (!this.removing) return;
    const { id } = this.removing;
    if (!this.emit('ic-payment-method-remove-request', { id }, { cancelable: true })) return void (this.removing = undefined);
    this.run(async (api, o) => {
      await removePaymentMethod(api, id, o);
      this.removing = undefined;
      this.emit('ic-payment-method-removed', { id });
      void focusOnceRendered(this, 'h2');
    });
  };

  private run(write: Write) {
    // Every form and button that writes shows once the methods were read, so through a client.
    const api = this.api;
    if (this.busy || !api) return;
    this.alert.clear();
    void this.write.run([api, write]);
  }
}

defineElement('ic-payment-methods', IcPaymentMethods);

declare global {
  interface IcEventMap {
    'ic-payment-method-saved': { method: SavedMethod };
    'ic-payment-method-remove-request': { id: string };
    'ic-payment-method-removed': { id: string };
  }
  interface HTMLElementTagNameMap {
    'ic-payment-methods': IcPaymentMethods;
  }
  interface IcElementEvents {
    'ic-payment-methods': 'ic-payment-method-saved' | 'ic-payment-method-remove-request' | 'ic-payment-method-removed' | 'ic-error';
  }
}
