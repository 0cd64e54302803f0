/**
 * Shared by the toggle stories: the args both toggles take, and play helpers
 * for the switch.
 */
import type { StoryObj } from '@storybook/web-components-vite';
import { appears } from './story-kit.ts';

export interface ToggleArgs {
  lang: 'en' | 'es';
  accountNumber: string;
  disabled: boolean;
}

export type ToggleStory = StoryObj<ToggleArgs>;

export const toggleArgTypes = {
  lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
  accountNumber: { name: 'account-number', control: 'text', description: 'The account whose setting this is.' },
  disabled: { control: 'boolean', description: 'Disables the switch.' },
} as const;

/** The switch, once the toggle has loaded. */
export const theSwitch = (el: Element) => appears<HTMLInputElement>(el, '[role="switch"]', 'the switch');

export async function flip(el: Element): Promise<void> {
  (await theSwitch(el)).click();
}
