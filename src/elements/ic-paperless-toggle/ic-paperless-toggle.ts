import { updatePaperless } from '../../client/accounts.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { SyncedAccount } from '../../contract/sessions.ts';
import { defineElement } from '../../base/ic-element.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
import { IcToggleElement, type ToggleDetail } from '../../base/toggle.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enPaperless } from '../../i18n/terms/paperless.ts';
import { styles } from './ic-paperless-toggle.styles.ts';
// Defined before this element, so a provider around it answers its first request.
import '../ic-provider/ic-provider.ts';

const terms = { ...enCommon, ...enPaperless };

/**
 * Paperless billing on or off for one of the signed-in user's accounts
 * (seed: Paperless → Update Paperless). The switch moves at once; if the
 * change fails it moves back and says why.
 *
 * @summary Paperless billing switch for one account (InvoiceCloud).
 * @fires ic-paperless-request - `{ accountNumber, enabled }` before a change; cancel it (preventDefault) to keep things as they are.
 * @fires ic-paperless-changed - `{ accountNumber, enabled }` after the user's change was saved.
 * @fires ic-error - `{ code, message, requestId }` for every error shown.
 * @csspart base - The wrapper of everything.
 * @csspart label - The switch's visible label.
 * @csspart input - The switch.
 * @csspart button - The Try again button.
 * @csspart error - The alert region.
 * @cssprop --ic-color-primary - The switch when on, and the focus ring.
 * @cssprop --ic-color-on-primary - The switch's knob when on.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - The description under the switch.
 * @cssprop --ic-color-surface - Background.
 * @cssprop --ic-color-border - The switch when off.
 * @cssprop --ic-color-error - The alert's border.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-paperless-toggle-max-width - Widest the element grows (default 36rem).
 */
export class IcPaperlessToggle extends IcToggleElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  protected readonly alert = new AlertController(this, this.localize);

  protected readonly kind = 'paperless';

  protected write(api: BrokerTransport, enabled: boolean, signal: AbortSignal): Promise<SyncedAccount> {
    return updatePaperless(api, this.accountNumber, enabled, { signal });
  }

  protected renderBody() {
    const t = this.localize;
    return this.renderSwitch(t.term('paperlessLabel'), t.term('paperlessAbout'));
  }
}

defineElement('ic-paperless-toggle', IcPaperlessToggle);

declare global {
  interface IcEventMap {
    'ic-paperless-request': ToggleDetail;
    'ic-paperless-changed': ToggleDetail;
  }
  interface HTMLElementTagNameMap {
    'ic-paperless-toggle': IcPaperlessToggle;
  }
  interface IcElementEvents {
    'ic-paperless-toggle': 'ic-paperless-request' | 'ic-paperless-changed' | 'ic-error';
  }
}
