import { css } from 'lit';
import { dialogStyles, listStyles, panelElementStyles } from '../../styles/panel-styles.ts';

export const styles = [
  panelElementStyles,
  listStyles,
  dialogStyles,
  css`
    :host {
      max-inline-size: var(--ic-payment-methods-max-width, 40rem);
    }
    li form {
      margin-block-start: var(--_space);
    }
  `,
];
