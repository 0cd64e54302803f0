/** Per-element entry: defines `<ic-payment-methods>` (and the form it uses). */
export { IcPaymentMethods } from './ic-payment-methods.ts';
