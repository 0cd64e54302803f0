import { css } from 'lit';
import { formStyles, tokenStyles } from './form-styles.ts';
import { hostStyles } from '../base/ic-element.ts';

/**
 * The look every panel-like element shares (one-time pay and the signed-in
 * elements): the surface, headings and the alert region. The pieces only
 * some of them show (summaries, lists, the switch, the dialog) are below, so
 * that an element imported alone carries only its own.
 */
export const panelStyles = css`
  .base {
    padding: var(--_space);
    background: var(--_surface);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  h2,
  h3 {
    margin-block: 0 var(--_space);
    font-size: 1.375em;
    line-height: 1.25;
  }
  h3 {
    font-size: 1.125em;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin-block: 0 var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .alert:not(:empty) {
    margin-block-end: var(--_space);
    padding: 0.75rem;
    border: 2px solid var(--_error);
    border-inline-start-width: 0.5rem;
    border-radius: var(--_radius);
    color: var(--_text);
  }
  .alert p {
    margin: 0;
  }
  .alert .ref {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .alert:not(:empty) {
      border: 2px solid CanvasText;
    }
  }
  @media print {
    .actions,
    .alert:empty {
      display: none;
    }
    .base {
      background: none;
    }
  }
`;

/** Everything a panel-like element starts from; its styles file adds only its own rules. */
export const panelElementStyles = [hostStyles, tokenStyles, formStyles, panelStyles];

/** Payment summaries and receipts (payment-summary.ts): one-time pay and bills. */
export const summaryStyles = css`
  .panel {
    margin-block: 0 var(--_space);
    padding: var(--_space);
    background: var(--_subtle);
    border-radius: var(--_radius);
  }
  dl {
    margin: 0;
  }
  .row-item {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
    padding-block: 0.375rem;
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .row-item:last-child {
    border-block-end: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  .receipt {
    border-inline-start: 0.5rem solid var(--_success);
  }
  @media (forced-colors: active) {
    .panel,
    .receipt {
      border: 2px solid CanvasText;
    }
  }
  @media print {
    .panel {
      background: none;
    }
  }
`;

/** Lists of items with badges, and stacked choices: saved methods, accounts, bills. */
export const listStyles = css`
  ul.items {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  ul.items > li {
    padding-block: 0.75rem;
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .choices.stacked {
    flex-direction: column;
    align-items: flex-start;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding-inline: 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
  }
`;

/** The AutoPay and paperless switch (toggle.ts). */
export const switchStyles = css`
  .switch {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    min-block-size: 2.75rem;
    font-weight: 600;
  }
  .switch input {
    appearance: none;
    flex: none;
    position: relative;
    inline-size: 3rem;
    block-size: 1.75rem;
    margin: 0;
    border: 2px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    cursor: pointer;
  }
  .switch input::before {
    content: '';
    position: absolute;
    inset-block-start: 0.1875rem;
    inset-inline-start: 0.1875rem;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    border-radius: 50%;
    background: var(--_border);
    transition: translate 0.15s;
  }
  .switch input:checked {
    border-color: var(--_primary);
    background: var(--_primary);
  }
  .switch input:checked::before {
    background: var(--_on-primary);
    translate: 1.25rem;
  }
  .switch input:dir(rtl):checked::before {
    translate: -1.25rem;
  }
  .switch input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .switch input[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  @media (prefers-reduced-motion: reduce) {
    .switch input::before {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .switch input {
      border-color: ButtonText;
      forced-color-adjust: none;
      background: ButtonFace;
    }
    .switch input::before {
      background: ButtonText;
    }
    .switch input:checked {
      background: Highlight;
      border-color: Highlight;
    }
    .switch input:checked::before {
      background: HighlightText;
    }
  }
`;

/** The confirmation dialog (confirm-dialog.ts). */
export const dialogStyles = css`
  dialog {
    max-inline-size: min(32rem, calc(100vw - 2rem));
    padding: var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
`;
