import { css } from 'lit';
import { dialogStyles, listStyles, panelElementStyles } from '../../styles/panel-styles.ts';

export const styles = [
  panelElementStyles,
  listStyles,
  dialogStyles,
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
