import { css } from 'lit';
import { panelElementStyles } from '../../internal/panel-styles.ts';

export const styles = [
  panelElementStyles,
  css`
    :host {
      max-inline-size: var(--ic-paperless-toggle-max-width, 36rem);
    }
  `,
];
