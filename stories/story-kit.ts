/**
 * Shared by the story files: play helpers that drive an element the way a
 * user does (fields by their label, buttons by their text, through shadow
 * roots), a story factory, and the decorators that restyle a story.
 */
import type { StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { brokerHandlers, type BrokerOptions } from './broker-handlers.ts';

/** Every element under `root`, descending into open shadow roots. */
export function* deep(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

/** A node's text as it reads, runs of white space folded into one space. */
export const text = (n: Node) => (n.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Resolves with what `check` returns once that is truthy, polling; fails the story after `timeoutMs`. */
export async function until<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (let v = check(); ; v = check()) {
    if (v) return v;
    if (Date.now() > end) throw new Error(`Story: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Resolves with the first match of `selector` in `el`'s shadow root, once there is one. */
export const appears = <E extends Element = Element>(el: Element, selector: string, what: string) =>
  until(() => el.shadowRoot?.querySelector<E>(selector), what);

/** Waits until the text of `el`'s own shadow root includes `words` (an error, a message). */
export const shows = (el: Element, words: string) => until(() => text(el.shadowRoot!).includes(words), `"${words}"`);

/** Types `value` into the field labelled exactly `label`; a radio button is clicked instead (`value` unused). */
export async function type(el: Element, label: string, value: string): Promise<void> {
  const find = () => [...deep(el.shadowRoot!)].find((n): n is HTMLLabelElement => n instanceof HTMLLabelElement && text(n) === label);
  const input = (await until(find, `field ${label}`)).control as HTMLInputElement;
  if (input.type === 'radio') return input.click();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Which button `press` picks besides its text. */
interface ButtonMatch {
  /** The text must be `name` exactly; otherwise containing it is enough. */
  exact?: boolean;
  /** The button must be inside an element matching this selector (the list, a form, the dialog). */
  within?: string;
  /** Skips buttons inside a `[hidden]` subtree. */
  visible?: boolean;
}

/** Presses the first button in `el` (shadow roots included) that reads `name` as `match` asks, once there is one. */
export async function press(el: Element, name: string, match: ButtonMatch = {}): Promise<void> {
  const { exact = false, within, visible = false } = match;
  const picks = (n: Element): n is HTMLButtonElement =>
    n instanceof HTMLButtonElement &&
    (within === undefined || !!n.closest(within)) &&
    !(visible && n.closest('[hidden]')) &&
    (exact ? text(n) === name : text(n).includes(name));
  (await until(() => [...deep(el.shadowRoot!)].find(picks), `button ${name}`)).click();
}

/** Fills the card fields of the payment-method form inside `el`: card `number`, a future expiry, and `nameOnCard`. */
export async function fillCard(el: Element, nameOnCard: string, number = '4111111111111111'): Promise<void> {
  await type(el, 'Card number', number);
  await type(el, 'Expiration', '12/30');
  await type(el, 'Security code', '123');
  await type(el, 'Name on card', nameOnCard);
  await type(el, 'ZIP code', '62701');
}

/**
 * Makes stories of the `tag` element: each one's broker behaves as `broker`
 * says (its handlers are the story's `parameters.msw.handlers`), and `play`,
 * given the element, drives it to the state the story shows. `extra` (args,
 * decorators, parameters) is spread last; its parameters join the handlers.
 */
export function storyOf<E extends Element, A>(tag: string) {
  return (broker: BrokerOptions, play?: (el: E) => Promise<unknown>, extra: Partial<StoryObj<A>> = {}): StoryObj<A> => ({
    ...(play ? { play: async ({ canvasElement }) => void (await play(canvasElement.querySelector<E>(tag)!)) } : {}),
    ...extra,
    parameters: { ...extra.parameters, msw: { handlers: brokerHandlers(broker) } },
  });
}

/** A decorator that renders the story inside a `className` box styled by `css`. */
export const wrap = (className: string, css: string) => (s: () => unknown) =>
  html`<style>
      ${css}
    </style>
    <div class=${className}>${s() as TemplateResult}</div>`;

/** A dark host page, through the theme's custom properties. */
export const dark = wrap(
  'dark',
  `.dark { color-scheme: dark; background: #111316; color: #e8eaed; padding: 1rem;
    --ic-color-primary: #8ab4f8; --ic-color-on-primary: #0b1d33; --ic-color-text: #e8eaed;
    --ic-color-text-muted: #bdc1c6; --ic-color-surface: #1f2226; --ic-color-surface-subtle: #2a2e33;
    --ic-color-border: #9aa0a6; --ic-color-error: #f28b82; --ic-color-success: #81c995; }`,
);

/** A 320 px wide box (a small phone's width), outlined. */
export const narrow = wrap('narrow', '.narrow { inline-size: 320px; outline: 1px dashed #999; }');
