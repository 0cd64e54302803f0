import { css } from 'lit';
import { listStyles, panelElementStyles, summaryStyles } from '../../styles/panel-styles.ts';

// Forced-colors mode needs nothing here: it paints borders and outlines in system colours itself.
export const styles = [
  panelElementStyles,
  summaryStyles,
  listStyles,
  css`
    :host {
      max-inline-size: var(--ic-bills-max-width, 44rem);
    }
    .bill {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem var(--_space);
    }
    /* Why a bill being confirmed has no Pay button: a line of its own under the bill. */
    .bill > p {
      flex: 1 1 100%;
      margin: 0;
    }
    .scroll {
      overflow-x: auto;
    }
    .scroll:focus-visible,
    tr:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: -3px;
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      overflow-wrap: normal;
    }
    th,
    td {
      padding: 0.5rem;
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
    }
    thead th {
      color: var(--_muted);
    }
    tbody th {
      font-weight: 400;
    }
  `,
];
