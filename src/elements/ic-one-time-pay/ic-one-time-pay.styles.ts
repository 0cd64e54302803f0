import { css } from 'lit';
import { formStyles, tokenStyles } from '../../internal/form-styles.ts';
import { hostStyles } from '../../internal/ic-element.ts';

export const styles = [
  hostStyles,
  tokenStyles,
  formStyles,
  css`
    :host {
      --_max-width: var(--ic-one-time-pay-max-width, 36rem);
      max-inline-size: var(--_max-width);
    }
    .base {
      padding: var(--_space);
      background: var(--_surface);
      border-radius: var(--_radius);
      overflow-wrap: anywhere;
    }
    h2 {
      margin-block: 0 var(--_space);
      font-size: 1.375em;
      line-height: 1.25;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .step {
      display: block;
      color: var(--_muted);
      font-size: 0.75em;
      font-weight: 400;
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
    .bill {
      align-items: flex-start;
      padding-block: 0.5rem;
    }
    .bill input {
      margin-block-start: 0.2rem;
      flex: none;
    }
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
    .register {
      margin-block-start: calc(var(--_space) * 1.5);
      padding-block-start: var(--_space);
      border-block-start: 1px solid var(--_border);
    }
    [hidden] {
      display: none !important;
    }
    @media (forced-colors: active) {
      .alert:not(:empty),
      .panel,
      .receipt {
        border: 2px solid CanvasText;
      }
    }
    @media print {
      .actions,
      .register,
      .alert:empty {
        display: none;
      }
      .base,
      .panel {
        background: none;
      }
    }
  `,
];
