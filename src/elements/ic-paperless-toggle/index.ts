/** Per-element entry: defines `<ic-paperless-toggle>`. */
export { IcPaperlessToggle } from './ic-paperless-toggle.ts';
