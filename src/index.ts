/**
 * ic-widgets: importing this module defines every element (once, even when
 * two copies of the bundle load) and exposes the classes, the broker client
 * and the contract types.
 */
// The provider first: defined before the elements it configures, it answers their first request.
export { IcProvider } from './elements/ic-provider/ic-provider.ts';
export { IcOneTimePay } from './elements/ic-one-time-pay/ic-one-time-pay.ts';
export { IcSsoFrame } from './elements/ic-sso-frame/ic-sso-frame.ts';
export { IcPaymentMethods } from './elements/ic-payment-methods/ic-payment-methods.ts';
export { IcLinkedAccounts } from './elements/ic-linked-accounts/ic-linked-accounts.ts';
export { IcPaperlessToggle } from './elements/ic-paperless-toggle/ic-paperless-toggle.ts';
export { IcAutopayToggle } from './elements/ic-autopay-toggle/ic-autopay-toggle.ts';
export { IcBills } from './elements/ic-bills/ic-bills.ts';
export { IcPaymentMethodForm } from './elements/ic-payment-method-form/ic-payment-method-form.ts';
export { IcElement, defineElement, type IcErrorDetail } from './base/ic-element.ts';
// The events' detail types; exporting them also brings their IcEventMap entries to the declarations.
export type { PaymentFailedDetail, PaymentSucceededDetail } from './payments/pay-flow.ts';
export { icContext, type IcConfig } from './controllers/context.ts';
export { registerTerms, type Terms } from './i18n/localize.ts';
export { englishTerms } from './i18n/english-terms.ts';
export type * from './frameworks/host-types.ts';
export * from './client/index.ts';
export type * from './contract/index.ts';
