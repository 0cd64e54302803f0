/** `<ic-sso-frame>`: an InvoiceCloud portal page in a frame, through a single-use CloudSSO URL. */
import type { IcSsoFrame } from '../../../../src/index.ts';
import { Harness } from './harness.ts';

export class SsoFrameHarness extends Harness<IcSsoFrame> {
  /** The frame with the page, or null while there is none (loading, an error, expired). */
  frame(): HTMLIFrameElement | null {
    return this.root.querySelector('iframe');
  }

  /** Tells the scriptable echo page in the frame (helpers/sso.ts) to post `message` to its parent. */
  echo(message: unknown): void {
    this.frame()!.contentWindow!.postMessage({ echo: message }, '*');
  }
}
