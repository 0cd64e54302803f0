import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { linkAccount, listAccounts, unregisterAccount } from '../../client/accounts.ts';
import { toIcApiError } from '../../client/errors.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { LinkAccountRequest } from '../../contract/self-service.ts';
import type { SyncedAccount } from '../../contract/sessions.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { ClientChanges } from '../../controllers/client-changes.ts';
import { focusOnceRendered } from '../../controllers/focus.ts';
import { confirmDialog } from '../../templates/confirm-dialog.ts';
import { busyButton, textField } from '../../templates/field.ts';
import { accountNumberError, lastNameError } from '../../templates/field-rules.ts';
import type { FieldPhrase } from '../../templates/field-rules.ts';
import { defineElement } from '../../base/ic-element.ts';
import { IcSignedInElement } from '../../base/signed-in-element.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enFields } from '../../i18n/terms/fields.ts';
import { enLinked } from '../../i18n/terms/linked.ts';
import { styles } from './ic-linked-accounts.styles.ts';
// Defined before this element, so a provider around it answers its first request.
import '../ic-provider/ic-provider.ts';

const terms = { ...enCommon, ...enFields, ...enLinked };

/** An unregistering the user is asked to confirm: the account, and every account that goes with it. */
interface Unregistering {
  accountNumber: string;
  alsoRemoves: string[];
}

/**
 * The signed-in user's accounts (seed: Manage Accounts): each with its
 * balance, paperless and AutoPay status and the account it is linked under;
 * a form to link another account, proven by the last name on it; and
 * Unregister. InvoiceCloud has no unlink: unregistering an account also
 * removes every account linked under it, so the confirmation names each of
 * them before anything is sent. Balances and statuses follow changes made by
 * the other elements on the same client.
 *
 * @summary The user's InvoiceCloud accounts: link another, unregister one.
 * @fires ic-account-linked - `{ accountNumber }` once an account is linked.
 * @fires ic-account-unregister-request - `{ accountNumber, alsoRemoves }`, cancelable, when the user confirms an unregistering, before it is sent; cancel it to veto.
 * @fires ic-account-unregistered - `{ accountNumbers }`: every account that was unregistered.
 * @fires ic-error - `{ code, message, requestId }` for every error shown.
 * @csspart base - The wrapper of everything.
 * @csspart form - The link form.
 * @csspart field - A label + input group.
 * @csspart label - A visible label.
 * @csspart input - A text input.
 * @csspart button - Every button.
 * @csspart error - Error messages (the alerts and each field's).
 * @cssprop --ic-color-primary - Buttons and focus ring.
 * @cssprop --ic-color-on-primary - Text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - Hints and secondary text.
 * @cssprop --ic-color-surface - Background of the element, inputs and the dialog.
 * @cssprop --ic-color-border - Input, list and dialog borders.
 * @cssprop --ic-color-error - Errors and invalid borders.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-linked-accounts-max-width - Widest the element grows (default 40rem).
 */
export class IcLinkedAccounts extends IcSignedInElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  private readonly alert = new AlertController(this, this.localize);

  /** What is typed into the link form. */
  @state() private linkFields = { account: '', lastName: '' };
  @state() private showErrors = false;
  /** What the open dialog asks to confirm (none: the dialog is closed). */
  @state() private asking?: Unregistering | undefined;
  /** The last act's outcome, announced: "Account 100200305 linked". */
  @state() private done = '';

  // Declared before the read whose args use its version.
  private readonly changes = new ClientChanges(this, () => this.api, ['accounts']);

  private readonly list = new Task(this, {
    task: ([api], { signal }) => (api ? listAccounts(api, { signal }) : initialState),
    args: () => [this.api, this.changes.version] as const,
    onError: (e) => this.alert.fail(e),
  });

  private readonly linking = new Task(this, {
    autoRun: false,
    // The transport puts the new list where every element reads it; this answers what was linked.
    task: async ([api, req]: readonly [BrokerTransport, LinkAccountRequest], { signal }) => (
      await linkAccount(api, req, { signal }),
      req.accountNumber
    ),
    onComplete: (n) => this.onLinked(n),
    // The broker answers a wrong name and an unknown account alike; say it in words for linking.
    onError: (e) => this.alert.fail(e, toIcApiError(e).code === 'account_not_found' ? { phrase: ['errLinkNotFound'] } : {}),
  });

  private readonly unregistering = new Task(this, {
    autoRun: false,
    task: ([api, n]: readonly [BrokerTransport, string], { signal }) => unregisterAccount(api, n, { signal }),
    onComplete: (gone) => this.onUnregistered(gone),
    // Shown in the dialog the user is in (the alert region behind it stays empty meanwhile).
    onError: (e) => this.alert.fail(e),
  });

  /** True while an account is being linked or unregistered; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.isLinking || this.isUnregistering;
  }

  /** True while an account is being linked. */
  private get isLinking(): boolean {
    return this.linking.status === TaskStatus.PENDING;
  }

  /** True while an account is being unregistered. */
  private get isUnregistering(): boolean {
    return this.unregistering.status === TaskStatus.PENDING;
  }

  override render() {
    const t = this.localize;
    // The list is read from `list.value` rather than through `list.render()`:
    // after a link or an unregistration the read runs again, and the accounts
    // on screen stay until the new list is here.
    const accounts = this.list.value;
    const a = this.asking;
    const also = a?.alsoRemoves ?? [];
    return html`<div part="base" class="base">
      <h2 tabindex="-1">${t.term('accountsHeading')}</h2>
      ${this.alert.render(!this.asking)}
      <div role="status">${this.statusText()}</div>
      ${this.list.render({ error: () => html`<button part="button" type="button" @click=${this.retry}>${t.term('tryAgain')}</button>` })}
      ${
        accounts
          ? html`${
              accounts.length
                ? html`<ul class="items">
                    ${accounts.map((x) => this.item(x, accounts))}
                  </ul>`
                : html`<p>${t.term('noAccounts')}</p>`
            }
            ${this.linkForm()}`
          : nothing
      }
      ${confirmDialog({
        open: !!a,
        heading: t.term('unregisterQuestion', a?.accountNumber ?? ''),
        body: t.term('unregisterBody', listOf(t.lang, also), also.length),
        confirmLabel: t.term('unregister'),
        busyLabel: t.term('unregistering'),
        cancelLabel: t.term('cancel'),
        busy: this.isUnregistering,
        error: this.alert.message,
        onConfirm: this.confirm,
        onCancel: () => {
          this.asking = undefined;
          this.alert.clear();
        },
      })}
    </div>`;
  }

  /** What the status region says: the list loading, a link running, or the last act's outcome. */
  private statusText(): string {
    const t = this.localize;
    const loading = () => t.term('loadingAccount');
    if (this.list.value) return this.isLinking ? t.term('linking') : this.done;
    // Not read yet: no session yet, or the first read still running.
    return this.list.render({ initial: loading, pending: loading, error: () => this.done }) ?? this.done;
  }

  private item(a: SyncedAccount, accounts: readonly SyncedAccount[]) {
    const t = this.localize;
    const id = `a-${a.accountNumber}`;
    return html`<li>
      <div>
        <strong id=${id}>${a.accountNumber}</strong> · ${a.customerName}
        <div>${t.term('balance', t.money(a.balanceCents))}</div>
        <span class="badge">${t.term('paperlessBadge', a.paperless)}</span> <span class="badge">${t.term('autopayBadge', a.autopay)}</span>
        ${a.linkedTo ? html`<div class="muted">${t.term('linkedTo', a.linkedTo)}</div>` : nothing}
      </div>
      <button part="button" type="button" aria-describedby=${id} @click=${() => this.ask(a.accountNumber, accounts)}>
        ${t.term('unregister')}
      </button>
    </li>`;
  }

  private linkForm() {
    const t = this.localize;
    const field = (
      name: 'account' | 'lastName',
      label: 'accountNumber' | 'lastName',
      error: FieldPhrase | undefined,
      autocomplete: string,
    ) =>
      textField({
        id: `link-${name}`,
        label: t.term(label),
        hint: t.term(`${label}Hint`),
        value: this.linkFields[name],
        error: this.showErrors && error ? t.phrase(error) : undefined,
        required: true,
        autocomplete,
        onInput: (e) => (this.linkFields = { ...this.linkFields, [name]: (e.target as HTMLInputElement).value }),
      });
    return html`<form part="form" novalidate @submit=${this.onLink}>
      <h3>${t.term('linkHeading')}</h3>
      ${field('account', 'accountNumber', accountNumberError(this.linkFields.account), 'off')}
      ${field('lastName', 'lastName', lastNameError(this.linkFields.lastName), 'family-name')}
      ${busyButton({ label: t.term('linkAccount'), busyLabel: t.term('linking'), busy: this.isLinking })}
    </form>`;
  }

  private retry = () => {
    this.alert.clear();
    void this.list.run();
  };

  private onLink = (e: SubmitEvent) => {
    e.preventDefault();
    // The form shows once the accounts were read, so through a client.
    const api = this.api;
    if (this.isLinking || !api) return;
    const { account, lastName } = this.linkFields;
    this.showErrors = true;
    const invalid = accountNumberError(account) ? 'account' : lastNameError(lastName) ? 'lastName' : undefined;
    if (invalid) return void focusOnceRendered(this, `#link-${invalid}`);
    this.alert.clear();
    this.done = '';
    void this.linking.run([api, { accountNumber: account.trim(), lastName: lastName.trim() }]);
  };

  private onLinked(accountNumber: string) {
    this.linkFields = { account: '', lastName: '' };
    this.showErrors = false;
    this.done = this.localize.term('accountLinked', accountNumber);
    this.emit('ic-account-linked', { accountNumber });
  }

  /** Opens the confirmation, naming every account linked under this one (links are one level deep). */
  private ask(accountNumber: string, accounts: readonly SyncedAccount[]) {
    this.done = '';
    this.alert.clear();
    const alsoRemoves = accounts.filter((x) => x.linkedTo === accountNumber).map((x) => x.accountNumber);
    this.asking = { accountNumber, alsoRemoves };
  }

  private confirm = () => {
    const a = this.asking;
    const api = this.api;
    if (!a || !api) return;
    // The host may veto; then nothing is sent and the dialog closes.
    if (!this.emit('ic-account-unregister-request', a, { cancelable: true })) return void (this.asking = undefined);
    this.alert.clear();
    void this.unregistering.run([api, a.accountNumber]);
  };

  private onUnregistered(gone: string[]) {
    this.asking = undefined;
    this.done = this.localize.term('unregistered', listOf(this.localize.lang, gone));
    // Once the dialog has closed (it gives focus back to a button that may be gone now).
    void focusOnceRendered(this, 'h2');
    this.emit('ic-account-unregistered', { accountNumbers: gone });
  }
}

/** "100200302 and 100200305", in the element's language. */
const listOf = (lang: string, numbers: string[]) => new Intl.ListFormat(lang).format(numbers);

defineElement('ic-linked-accounts', IcLinkedAccounts);

declare global {
  interface IcEventMap {
    'ic-account-linked': { accountNumber: string };
    'ic-account-unregister-request': Unregistering;
    'ic-account-unregistered': { accountNumbers: string[] };
  }
  interface HTMLElementTagNameMap {
    'ic-linked-accounts': IcLinkedAccounts;
  }
  interface IcElementEvents {
    'ic-linked-accounts': 'ic-account-linked' | 'ic-account-unregister-request' | 'ic-account-unregistered' | 'ic-error';
  }
}
