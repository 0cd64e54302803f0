import { css } from 'lit';
import { formStyles, tokenStyles } from '../../styles/form-styles.ts';
import { hostStyles } from '../../base/ic-element.ts';

// Empty regions stay in the DOM (live regions must exist before they speak)
// but take no space. The border is the wrapper's, so the frame's own height is
// exactly what the page reports. Forced-colors mode needs no rules of its own:
// everything that must stay visible is a border, which it keeps.
export const styles = [
  hostStyles,
  tokenStyles,
  formStyles,
  css`
    .base {
      overflow-wrap: anywhere;
    }
    .status:not(:empty),
    .alert:not(:empty),
    .frame:not(:empty) {
      margin-block-end: var(--_space);
    }
    .status {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--_muted);
    }
    .alert:not(:empty) {
      padding: 0.75rem;
      border: 2px solid var(--_error);
      border-inline-start-width: 0.5rem;
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .alert p {
      margin: 0;
    }
    .alert .ref {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .frame:not(:empty) {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      overflow: hidden;
    }
    .frame:focus-within {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    iframe {
      display: block;
      inline-size: 100%;
      max-block-size: var(--ic-sso-frame-max-height, none);
      border: 0;
    }
    iframe:not([height]) {
      block-size: var(--ic-sso-frame-height, 32rem);
    }
    .actions {
      margin: 0;
    }
  `,
];
