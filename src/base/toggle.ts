import { initialState, Task, TaskStatus } from '@lit/task';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { listAccounts } from '../client/accounts.ts';
import type { BrokerTransport, Resource } from '../client/transport.ts';
import type { SavedMethod } from '../contract/self-service.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import type { AlertController } from '../controllers/alert-controller.ts';
import { ClientChanges } from '../controllers/client-changes.ts';
import type { CommonTerms } from './ic-element.ts';
import { IcSignedInElement } from './signed-in-element.ts';

/** The account setting a toggle shows and changes; it also names the toggle's events. */
export type ToggleKind = 'paperless' | 'autopay';

/** `detail` of `ic-<kind>-request` and `ic-<kind>-changed`. */
export interface ToggleDetail {
  accountNumber: string;
  enabled: boolean;
}

/**
 * What `<ic-paperless-toggle>` and `<ic-autopay-toggle>` share: the account's
 * setting read from `listAccounts` (kept current by every change through the
 * client), a real switch, and an optimistic write — the switch shows the new
 * value at once, stays focusable but `aria-disabled` while the write runs, and
 * goes back (with the error announced) if it fails. A cancelable
 * `ic-<kind>-request` comes first; `ic-<kind>-changed` only after a user's
 * change succeeded.
 */
export abstract class IcToggleElement<T extends CommonTerms = CommonTerms> extends IcSignedInElement<T> {
  // A host's focus() and a click on the label land on the switch.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The account whose setting this is. */
  @property({ attribute: 'account-number' }) accountNumber = '';
  /** Disables the switch. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  protected abstract readonly kind: ToggleKind;
  /** The element's alert (made with its `localize`, which the base cannot reach while it is constructed). */
  protected abstract readonly alert: AlertController<T>;

  /** The account as last read or written (undefined: loading, or not in the session). */
  @state() protected account?: SyncedAccount;
  @state() protected methods: SavedMethod[] = [];
  /** What the user switched to, shown until the write answers. */
  @state() protected wanted?: boolean;

  /** What the read depends on (a getter: it is read while the base class is constructed). */
  protected get resources(): readonly Resource[] {
    return ['accounts'];
  }

  private readonly changes = new ClientChanges(this, () => this.api, this.resources);

  private readonly data = new Task(this, {
    task: async ([api, accountNumber], { signal }) => {
      if (!api) return initialState;
      const [accounts, methods = []] = await Promise.all([listAccounts(api, { signal }), this.readMethods?.(api, signal)]);
      return { account: accounts.find((a) => a.accountNumber === accountNumber), methods };
    },
    args: () => [this.api, this.accountNumber, this.changes.version] as const,
    onComplete: (v) => {
      // The read worked: an error of an earlier read is over; a write's stays.
      this.alert.clear('read');
      this.account = v.account;
      this.methods = v.methods;
    },
    onError: (e) => this.alert.fail(e, { source: 'read' }),
  });

  private readonly writer = new Task(this, {
    autoRun: false,
    task: ([api, enabled]: readonly [BrokerTransport, boolean], { signal }) => this.write(api, enabled, signal),
    onComplete: (a) => this.saved(a),
    onError: (e) => {
      this.wanted = undefined;
      this.alert.fail(e);
    },
  });

  /** The account's setting as it stands (confirmed by the broker); reflected as the `enabled` attribute. */
  get enabled(): boolean {
    return this.account?.[this.kind] ?? false;
  }

  /** True while a change is being saved; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.writer.status === TaskStatus.PENDING;
  }

  /** Saved methods, for a toggle that needs them (AutoPay). */
  protected readMethods?(api: BrokerTransport, signal: AbortSignal): Promise<SavedMethod[]>;

  /** Sends the change; answers the account as it now stands. */
  protected abstract write(api: BrokerTransport, enabled: boolean, signal: AbortSignal): Promise<SyncedAccount>;

  /** Everything under the switch's status and alert regions, once the account is known. */
  protected abstract renderBody(account: SyncedAccount): TemplateResult;

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.toggleAttribute('enabled', this.enabled);
  }

  override render() {
    const t = this.localize;
    const a = this.account;
    // The account on screen stays while the read runs again after a change;
    // until there is one, the read's state says why (its error is in the alert,
    // with Try again under it).
    const status = a
      ? this.busy
        ? t.term('saving')
        : ''
      : this.data.render({
          initial: () => t.term('loadingAccount'),
          pending: () => t.term('loadingAccount'),
          complete: () => t.term('errAccountNotInSession'),
          error: () => '',
        });
    return html`<div part="base" class="base">
      ${this.alert.render()}
      <p role="status" class=${a || !status ? 'visually-hidden' : ''}>${status}</p>
      ${
        a
          ? this.renderBody(a)
          : this.data.render({ error: () => html`<button part="button" type="button" @click=${this.retry}>${t.term('tryAgain')}</button>` })
      }
    </div>`;
  }

  /** The labelled switch and, tied to it, what it does. */
  protected renderSwitch(label: string, about: string): TemplateResult {
    return html`<label class="switch" part="label">
        ${label}
        <input
          type="checkbox"
          role="switch"
          part="input"
          aria-describedby="about"
          aria-disabled=${this.busy ? 'true' : 'false'}
          .checked=${live(this.wanted ?? this.enabled)}
          ?disabled=${this.disabled}
          @click=${this.onClick}
        />
      </label>
      <p id="about" class="muted">${about}</p>`;
  }

  /** The user asked for `enabled`: show it at once, and save it. */
  protected change(enabled: boolean): void {
    // The switch shows only once the account was read through a client; without one there is nowhere to send the change.
    const api = this.api;
    if (!api) return;
    this.wanted = enabled;
    this.alert.clear();
    void this.writer.run([api, enabled]);
  }

  /** After a successful change: the new state, and the host is told. */
  protected saved(a: SyncedAccount): void {
    this.account = a;
    this.wanted = undefined;
    this.emit(`ic-${this.kind}-changed`, { accountNumber: this.accountNumber, enabled: a[this.kind] });
  }

  // Space and clicks both arrive here, after the checkbox flipped: preventDefault flips it back.
  private onClick = (e: MouseEvent) => {
    const enabled = (e.target as HTMLInputElement).checked;
    if (this.busy || !this.emit(`ic-${this.kind}-request`, { accountNumber: this.accountNumber, enabled }, { cancelable: true })) {
      return e.preventDefault();
    }
    this.change(enabled);
  };

  private retry = () => void this.data.run();
}
