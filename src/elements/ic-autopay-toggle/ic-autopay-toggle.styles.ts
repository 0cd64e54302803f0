import { css } from 'lit';
import { listStyles, panelElementStyles, switchStyles } from '../../styles/panel-styles.ts';

export const styles = [
  panelElementStyles,
  switchStyles,
  listStyles,
  css`
    :host {
      max-inline-size: var(--ic-autopay-toggle-max-width, 36rem);
    }
  `,
];
