/** Per-element entry: defines `<ic-autopay-toggle>` (and the form it uses). */
export { IcAutopayToggle } from './ic-autopay-toggle.ts';
