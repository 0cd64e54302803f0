import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Focus for multi-step elements: after the payer moves on, focus goes to the
 * new view's heading (so a screen reader reads where they are); never on the
 * first render, so a page load does not steal focus.
 */
export class StepFocusController implements ReactiveController {
  #last: string | undefined;
  #requested = false;

  constructor(
    private readonly host: Host,
    private readonly options: {
      /** The view on screen now. */
      view: () => string;
      /** Also focus on this change without a request (e.g. a payment turning into "confirming"). */
      alsoWhen?: (from: string | undefined, to: string) => boolean;
      selector?: string;
    },
  ) {
    host.addController(this);
  }

  /** Focus the heading after the next render that shows a different view. */
  request(): void {
    this.#requested = true;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const view = this.options.view();
    if (view !== this.#last && (this.#requested || this.options.alsoWhen?.(this.#last, view))) {
      this.host.renderRoot.querySelector<HTMLElement>(this.options.selector ?? 'h2')?.focus();
    }
    this.#last = view;
    this.#requested = false;
  }
}

/** Focuses the first match of `selector` in `host`'s render root once rendered (the first invalid field, a new row, a heading). */
export async function focusOnceRendered(host: Host & { readonly updateComplete: Promise<boolean> }, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}
