/** Per-element entry: defines `<ic-bills>` (and the form it uses). */
export { IcBills } from './ic-bills.ts';
