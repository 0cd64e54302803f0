import { css } from 'lit';
import { formStyles, tokenStyles } from '../../internal/form-styles.ts';
import { hostStyles } from '../../internal/ic-element.ts';
import { panelStyles } from '../../internal/panel-styles.ts';

export const styles = [
  hostStyles,
  tokenStyles,
  formStyles,
  panelStyles,
  css`
    :host {
      max-inline-size: var(--ic-payment-methods-max-width, 40rem);
    }
    li form {
      margin-block-start: var(--_space);
    }
  `,
];
