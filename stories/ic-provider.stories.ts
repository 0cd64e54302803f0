import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import '../src/index.ts';
import type { IcSsoFrame } from '../src/index.ts';
import { BROKER, brokerHandlers, SESSION } from './broker-handlers.ts';
import { deep, until } from './story-kit.ts';

interface Args {
  lang: '' | 'en' | 'es';
}

/** A host's own component: the portal frame sits two shadow roots below the provider. */
class StoryPortalCard extends LitElement {
  override render() {
    return html`<section aria-label="Billing"><story-portal-body></story-portal-body></section>`;
  }
}
class StoryPortalBody extends LitElement {
  override render() {
    return html`<ic-sso-frame></ic-sso-frame>`;
  }
}
if (!customElements.get('story-portal-card')) customElements.define('story-portal-card', StoryPortalCard);
if (!customElements.get('story-portal-body')) customElements.define('story-portal-body', StoryPortalBody);

/** Waits until every portal frame in the story shows its page. */
async function framesShown(canvas: HTMLElement): Promise<void> {
  const frames = () => [...deep(canvas)].filter((e): e is IcSsoFrame => e.localName === 'ic-sso-frame');
  await until(() => frames().every((f) => !f.busy && f.shadowRoot?.querySelector('iframe')), 'the portal page');
}

/**
 * `<ic-provider>` sets the broker endpoint, the session token and the language
 * once for every ic-* element inside it, at any depth and through shadow
 * roots; they share one client. An element's own attribute wins. Here the
 * provider names the stories' broker, which a mock service worker answers
 * (`stories/broker-handlers.ts`), and a session token.
 */
const meta: Meta<Args> = {
  title: 'Setup/ic-provider',
  component: 'ic-provider',
  tags: ['autodocs'],
  args: { lang: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['', 'en', 'es'], description: 'Language for every element inside.' },
  },
  parameters: { msw: { handlers: brokerHandlers() } },
  render: (args) =>
    html`<ic-provider lang=${args.lang} endpoint=${BROKER} token=${SESSION}>
      <ic-sso-frame target="pay-by-text"></ic-sso-frame>
      <ic-one-time-pay></ic-one-time-pay>
    </ic-provider>`,
  play: async ({ canvasElement }) => framesShown(canvasElement),
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };

/** The provider says Spanish; the frame says English and keeps it. */
export const OwnAttributeWins: Story = {
  args: { lang: 'es' },
  render: (args) =>
    html`<ic-provider lang=${args.lang} endpoint=${BROKER} token=${SESSION}>
      <ic-sso-frame lang="en"></ic-sso-frame>
      <ic-one-time-pay></ic-one-time-pay>
    </ic-provider>`,
};

/** The frame is inside two shadow roots of the host's own components. */
export const ThroughShadowRoots: Story = {
  args: { lang: 'es' },
  render: (args) =>
    html`<ic-provider lang=${args.lang} endpoint=${BROKER} token=${SESSION}><story-portal-card></story-portal-card></ic-provider>`,
};

/** A nested provider changes only the language of its part of the page. */
export const Nested: Story = {
  render: () =>
    html`<ic-provider lang="en" endpoint=${BROKER} token=${SESSION}>
      <ic-sso-frame></ic-sso-frame>
      <ic-provider lang="es"><ic-sso-frame target="pay-by-text"></ic-sso-frame></ic-provider>
    </ic-provider>`,
};
