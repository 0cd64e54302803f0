/** Per-element entry: defines `<ic-one-time-pay>` (and the form it uses). */
export { IcOneTimePay } from './ic-one-time-pay.ts';
