/**
 * Shared by the toggle stories: the args both toggles take, a fake broker per
 * story, and play helpers that drive a toggle the way a user does (the
 * switch, buttons by their text, fields by their label).
 */
import type { StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { FakeClient, type FakeSelfServiceOptions, type FakeSsoOptions } from './fake-client.ts';

export interface ToggleArgs {
  lang: 'en' | 'es';
  accountNumber: string;
  disabled: boolean;
}

export type ToggleStory = StoryObj<ToggleArgs>;
type Fake = FakeSsoOptions & FakeSelfServiceOptions;

export const toggleArgTypes = {
  lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
  accountNumber: { name: 'account-number', control: 'text', description: 'The account whose setting this is.' },
  disabled: { control: 'boolean', description: 'Disables the switch.' },
} as const;

/** A new fake broker for each render, as the story's `parameters.fake` describes it. */
export const fakeFor = (parameters: Record<string, unknown>) => new FakeClient((parameters.fake ?? {}) as Fake);

function* deep(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}
const text = (el: Node) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

export async function until<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (let v = check(); ; v = check()) {
    if (v) return v;
    if (Date.now() > end) throw new Error(`Story: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** The switch, once the toggle has loaded. */
export const theSwitch = (el: Element) =>
  until(() => el.shadowRoot?.querySelector<HTMLInputElement>('[role="switch"]'), 'the switch');

export async function flip(el: Element): Promise<void> {
  (await theSwitch(el)).click();
}

export async function press(el: Element, name: string): Promise<void> {
  const found = () => [...deep(el.shadowRoot!)].find((n) => n instanceof HTMLButtonElement && text(n).includes(name)) as HTMLButtonElement | undefined;
  (await until(found, `button ${name}`)).click();
}

export async function type(el: Element, label: string, value: string): Promise<void> {
  const found = () => [...deep(el.shadowRoot!)].find((n) => n instanceof HTMLLabelElement && text(n) === label) as HTMLLabelElement | undefined;
  const input = (await until(found, `field ${label}`)).control as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Waits until the element's text includes `words` (an error, a message). */
export const shows = (el: Element, words: string) => until(() => text(el.shadowRoot!).includes(words), `"${words}"`);

/** Makes a `tag` story whose fake broker behaves as `fake`, driven to its state by `play` (given the element). */
export const storyOf =
  (tag: string) =>
  (fake: Fake, play?: (el: Element) => Promise<unknown>, extra: Partial<ToggleStory> = {}): ToggleStory => ({
    parameters: { fake },
    ...(play ? { play: async ({ canvasElement }) => void (await play(canvasElement.querySelector(tag)!)) } : {}),
    ...extra,
  });

const wrap = (className: string, css: string) => (s: () => unknown) => html`<style>
    ${css}
  </style>
  <div class=${className}>${s() as TemplateResult}</div>`;

export const dark = wrap(
  'dark',
  `.dark { color-scheme: dark; background: #111316; padding: 1rem;
    --ic-color-primary: #8ab4f8; --ic-color-on-primary: #0b1d33; --ic-color-text: #e8eaed;
    --ic-color-text-muted: #bdc1c6; --ic-color-surface: #1f2226; --ic-color-surface-subtle: #2a2e33;
    --ic-color-border: #9aa0a6; --ic-color-error: #f28b82; --ic-color-success: #81c995; }`,
);

export const narrow = wrap('narrow', '.narrow { inline-size: 320px; outline: 1px dashed #999; }');
