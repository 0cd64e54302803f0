/**
 * ic-widgets: importing this module defines every element (once, even when
 * two copies of the bundle load) and exposes the classes, the broker client
 * and the contract types.
 */
export { IcOneTimePay } from './elements/ic-one-time-pay/ic-one-time-pay.ts';
export { IcPaymentMethodForm } from './internal/payment-method-form.ts';
export { IcElement, defineElement, type IcErrorDetail } from './internal/ic-element.ts';
export * from './client/index.ts';
export type * from './contract/index.ts';
