/**
 * What a test reads of an ic-* element, in one place per element (Material
 * Web keeps a `harness.ts` beside each component). Every element renders the
 * same frame — `<div class="base">` holding its `h2`, its alert region
 * (`role="alert"`, errors, announced) and its status region (`role="status"`,
 * progress, announced politely) — so the base reads those the same way for
 * all; an element's own harness adds what only it shows.
 */
import type { LitElement } from 'lit';
import { button, deepActiveElement, describedErrors, field, hasField, squash, visibleText, waitUntil } from '../dom.ts';

export class Harness<E extends LitElement = LitElement> {
  constructor(readonly el: E) {}

  /** What the element renders. */
  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The element's heading, or null when it has none. */
  headingElement(): HTMLHeadingElement | null {
    return this.root.querySelector('.base > h2');
  }

  /** The heading as it reads ('' when there is none). */
  heading(): string {
    return squash(this.headingElement()?.textContent);
  }

  /** What the element's own alert region says ('' when it says nothing): a dialog's alert is not it. */
  alertText(): string {
    return squash(this.root.querySelector('.base > [role="alert"]')?.textContent);
  }

  /** What the element's status region says ('' when it says nothing). */
  statusText(): string {
    return squash(this.root.querySelector('.base > [role="status"]')?.textContent);
  }

  /** All the text a user can read in the element, nested elements included. */
  text(): string {
    return visibleText(this.el);
  }

  /** The input whose visible label reads exactly `label` (in nested elements too). */
  field(label: string): HTMLInputElement {
    return field(this.el, label);
  }

  hasField(label: string): boolean {
    return hasField(this.el, label);
  }

  /** Whether the field labelled `label` is on screen (there, and in no hidden part). */
  showsField(label: string): boolean {
    return this.hasField(label) && this.field(label).checkVisibility();
  }

  /** The visible button whose text contains `name` (or matches it). */
  button(name: string | RegExp): HTMLButtonElement {
    return button(this.el, name);
  }

  hasButton(name: string | RegExp): boolean {
    try {
      this.button(name);
      return true;
    } catch {
      return false;
    }
  }

  /** The error tied to the field labelled `label` by aria-describedby ('' when none). */
  errorOf(label: string): string {
    return describedErrors(this.field(label));
  }

  /** Whether focus (through shadow roots) is on `target`. A boolean: chai printing a live Lit tree can hang the browser. */
  hasFocus(target: Element | null | undefined): boolean {
    return !!target && deepActiveElement() === target;
  }

  /** Whether focus is on the heading (where it goes after a step). */
  headingHasFocus(): boolean {
    return this.hasFocus(this.headingElement());
  }

  /** Waits until `check` holds, then for the element's update. */
  async until<T>(check: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T> {
    const value = await waitUntil(check, what, timeoutMs);
    await this.el.updateComplete;
    return value;
  }

  /** Waits until the alert region says something, and returns it. */
  alert(timeoutMs?: number): Promise<string> {
    return this.until(() => this.alertText(), 'an alert', timeoutMs);
  }

  /** Waits until the heading reads `text` (or ends with it, after a step number). */
  async waitForHeading(text: string, timeoutMs?: number): Promise<void> {
    await this.until(() => this.heading().endsWith(text), `heading "${text}" (now "${this.heading()}")`, timeoutMs);
  }
}
