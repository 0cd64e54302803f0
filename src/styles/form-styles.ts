import { css } from 'lit';

/**
 * Design tokens. Public `--ic-*` custom properties (documented on each
 * element) map to private `--_*` locals; the defaults meet WCAG AA contrast in
 * light and dark schemes, and forced-colors mode uses system colours.
 */
export const tokenStyles = css`
  :host {
    --_primary: var(--ic-color-primary, #0b5cad);
    --_on-primary: var(--ic-color-on-primary, #ffffff);
    --_text: var(--ic-color-text, #1b1b1b);
    --_muted: var(--ic-color-text-muted, #4f5358);
    --_surface: var(--ic-color-surface, #ffffff);
    --_subtle: var(--ic-color-surface-subtle, #f3f5f7);
    --_border: var(--ic-color-border, #6b7075);
    --_error: var(--ic-color-error, #b3261e);
    --_success: var(--ic-color-success, #1e6b35);
    --_focus: var(--ic-color-focus, var(--_primary));
    --_radius: var(--ic-radius, 0.375rem);
    --_space: var(--ic-spacing, 1rem);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--ic-color-primary, #8ab4f8);
      --_on-primary: var(--ic-color-on-primary, #0b1d33);
      --_text: var(--ic-color-text, #e8eaed);
      --_muted: var(--ic-color-text-muted, #bdc1c6);
      --_surface: var(--ic-color-surface, #1f2226);
      --_subtle: var(--ic-color-surface-subtle, #2a2e33);
      --_border: var(--ic-color-border, #9aa0a6);
      --_error: var(--ic-color-error, #f28b82);
      --_success: var(--ic-color-success, #81c995);
    }
  }
`;

/** Fields, hints, errors, radios and buttons, shared by every form-bearing element. */
export const formStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: var(--_space);
    min-inline-size: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  input:not([type='radio'], [type='checkbox']) {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    /* 16px or more: phones do not zoom into the field. */
    font-size: max(1rem, 16px);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  input:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  fieldset {
    border: 0;
    margin: 0;
    margin-block-end: var(--_space);
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    font-weight: 400;
  }
  input[type='radio'],
  input[type='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(9rem, 100%), 1fr));
    column-gap: var(--_space);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: var(--_space);
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .spinner {
    display: inline-block;
    flex: none;
    vertical-align: -0.125em;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: ic-spin 0.8s linear infinite;
  }
  @keyframes ic-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-inline-end-color: currentColor;
    }
  }
  @media (forced-colors: active) {
    input[aria-invalid='true'] {
      border-color: Mark;
    }
    .error {
      color: CanvasText;
    }
    button,
    button.primary {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
      forced-color-adjust: none;
    }
    button[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
      opacity: 1;
    }
    input:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`;
