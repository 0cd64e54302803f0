import { css } from 'lit';
import { panelElementStyles, summaryStyles } from '../../styles/panel-styles.ts';

export const styles = [
  panelElementStyles,
  summaryStyles,
  css`
    :host {
      --_max-width: var(--ic-one-time-pay-max-width, 36rem);
      max-inline-size: var(--_max-width);
    }
    .step {
      display: block;
      color: var(--_muted);
      font-size: 0.75em;
      font-weight: 400;
    }
    .bill {
      align-items: flex-start;
      padding-block: 0.5rem;
    }
    .bill input {
      margin-block-start: 0.2rem;
      flex: none;
    }
    .register {
      margin-block-start: calc(var(--_space) * 1.5);
      padding-block-start: var(--_space);
      border-block-start: 1px solid var(--_border);
    }
    @media print {
      .register {
        display: none;
      }
    }
  `,
];
