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
      max-inline-size: var(--ic-linked-accounts-max-width, 40rem);
    }
    .badge:first-of-type {
      margin-inline-start: 0;
    }
    ul.items > li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem var(--_space);
    }
  `,
];
