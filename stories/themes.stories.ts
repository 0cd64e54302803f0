import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import type { IcAutopayToggle, IcOneTimePay } from '../src/index.ts';
import { BROKER, brokerHandlers, SESSION } from './broker-handlers.ts';
import { until } from './story-kit.ts';

/** The three themes of docs/theming.md, as token sets. */
const THEMES = {
  default: '',
  dark: `--ic-color-primary: #8ab4f8; --ic-color-on-primary: #0b1d33; --ic-color-text: #e8eaed; --ic-color-text-muted: #bdc1c6;
    --ic-color-surface: #1f2226; --ic-color-surface-subtle: #2a2e33; --ic-color-border: #9aa0a6; --ic-color-error: #f28b82;
    --ic-color-success: #81c995; background: #1f2226; color: #e8eaed;`,
  municipal: `--ic-color-primary: #000000; --ic-color-on-primary: #ffffff; --ic-color-text: #000000; --ic-color-text-muted: #2b2b2b;
    --ic-color-surface: #ffffff; --ic-color-surface-subtle: #ffffff; --ic-color-border: #000000; --ic-color-error: #9b0000;
    --ic-color-success: #005a1e; --ic-color-focus: #b35900; --ic-radius: 0; --ic-font-size: 1.125rem; background: #ffffff; color: #000000;`,
};

/**
 * The default, dark and "municipal" (high-contrast) themes of
 * `docs/theming.md` side by side, each only a set of `--ic-*` tokens on a
 * wrapper: a guest payment and an AutoPay switch in each.
 */
const meta: Meta = {
  title: 'Theming/Themes',
  tags: ['autodocs'],
  parameters: { msw: { handlers: brokerHandlers({ latencyMs: 50 }) } },
  render: () =>
    html`<style>
        .themes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: 1rem; }
        .themes section { padding: 1rem; border-radius: 0.5rem; }
        .themes h2 { margin-block: 0 1rem; font: 600 1rem/1.4 system-ui, sans-serif; }
        .theme-default { background: #ffffff; color: #1b1b1b; }
        .theme-dark { ${THEMES.dark} }
        .theme-municipal { ${THEMES.municipal} border: 2px solid #000; }
      </style>
      <div class="themes">
        ${(Object.keys(THEMES) as (keyof typeof THEMES)[]).map(
          (name) =>
            html`<section class="theme-${name}" aria-label="${name} theme">
              <h2>${name[0]!.toUpperCase() + name.slice(1)}</h2>
              <ic-one-time-pay endpoint=${BROKER}></ic-one-time-pay>
              <ic-autopay-toggle account-number="100200301" endpoint=${BROKER} token=${SESSION}></ic-autopay-toggle>
            </section>`,
        )}
      </div>`,
};
export default meta;

/** All three, each toggle loaded. */
export const SideBySide: StoryObj = {
  play: async ({ canvasElement }) => {
    for (const el of canvasElement.querySelectorAll<IcAutopayToggle>('ic-autopay-toggle')) {
      await until(() => el.shadowRoot?.querySelector('[role="switch"]'), 'the AutoPay switch');
    }
    for (const el of canvasElement.querySelectorAll<IcOneTimePay>('ic-one-time-pay')) await el.updateComplete;
  },
};
