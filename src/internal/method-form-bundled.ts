/**
 * MethodFormLoader as the all-elements file has it (vite.config.ts puts this
 * module in place of method-form-loader.ts in that build): there the form is
 * in the same file and defined before any element renders, so nothing is
 * ever loaded, and the loading and failure states would be dead weight.
 */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Localize } from './i18n.ts';
import type { MethodFormLoader as OnDemand } from './method-form-loader.ts';

export class MethodFormLoader implements Pick<OnDemand, 'ready' | 'load' | 'render' | 'focus'> {
  readonly ready = true;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }) {}

  load(): Promise<boolean> {
    return Promise.resolve(true);
  }

  render(_t: Localize, form: TemplateResult): TemplateResult {
    return form;
  }

  async focus(): Promise<void> {
    await this.host.updateComplete;
    const form = this.host.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('ic-payment-method-form');
    await form?.updateComplete;
    form?.focus();
  }
}
