/**
 * Find things the way a person does: by visible label and button text,
 * looking through (open) shadow roots.
 */
import { sendKeys } from '@web/test-runner-commands';

/** Every element under `root`, descending into open shadow roots. */
export function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

/** Text as it reads: runs of white space folded into one space, none at the ends. */
export const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const text = (el: Element) => squash(el.textContent);

/** The input whose visible <label> reads exactly `label`. */
export function field(root: Element, label: string): HTMLInputElement {
  for (const el of deepElements(root.shadowRoot ?? root)) {
    if (el instanceof HTMLLabelElement && text(el) === label && el.control) return el.control as HTMLInputElement;
  }
  throw new Error(`No field labelled "${label}"`);
}

export function hasField(root: Element, label: string): boolean {
  try {
    field(root, label);
    return true;
  } catch {
    return false;
  }
}

/** A visible button whose text contains `name`. */
export function button(root: Element, name: string | RegExp): HTMLButtonElement {
  for (const el of deepElements(root.shadowRoot ?? root)) {
    if (el instanceof HTMLButtonElement && !el.closest('[hidden]') && !el.hidden) {
      const t = text(el);
      if (typeof name === 'string' ? t.includes(name) : name.test(t)) return el;
    }
  }
  throw new Error(`No button "${String(name)}"`);
}

/** All text a user can read in the element (shadow DOM included, hidden subtrees excluded). */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element) {
      if (node.hasAttribute('hidden') || node.classList.contains('visually-hidden')) return;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(root.shadowRoot ?? root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The text of the error tied to an input through aria-describedby. */
export function describedErrors(input: HTMLInputElement): string {
  const root = input.getRootNode() as ShadowRoot;
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id))
    .filter((el): el is HTMLElement => !!el && el.classList.contains('error'))
    .map(text)
    .join(' ');
}

/** The element that has focus, through shadow roots. */
export function deepActiveElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * Waits until focus is on what `find` returns (it may not be rendered yet).
 * Compared as a boolean: chai printing an element of a live Lit tree can hang the browser.
 */
export async function focused(find: () => Element | null | undefined, what: string): Promise<void> {
  const on = () => {
    try {
      return deepActiveElement() === find();
    } catch {
      return false;
    }
  };
  await waitUntil(on, `focus on ${what}`);
}

/** Focuses an input and types into it with real key presses. */
export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  if (input.value) await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

/** Polls until `check` passes (returns truthy) or the time runs out. */
export async function waitUntil<T>(check: () => T | undefined | null | false, message: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
