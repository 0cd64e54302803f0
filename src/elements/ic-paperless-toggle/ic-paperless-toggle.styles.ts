import { css } from 'lit';
import { panelElementStyles, switchStyles } from '../../styles/panel-styles.ts';

export const styles = [
  panelElementStyles,
  switchStyles,
  css`
    :host {
      max-inline-size: var(--ic-paperless-toggle-max-width, 36rem);
    }
  `,
];
