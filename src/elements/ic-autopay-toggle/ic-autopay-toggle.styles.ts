import { css } from 'lit';
import { toggleStyles } from '../../internal/toggle.ts';

export const styles = [
  toggleStyles,
  css`
    :host {
      max-inline-size: var(--ic-autopay-toggle-max-width, 36rem);
    }
  `,
];
