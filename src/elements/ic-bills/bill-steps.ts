/**
 * What `<ic-bills>` needs once a payer pays a bill: the pay form with the
 * card and bank form, the pay flow with its exactly-once attempt, the review
 * and the receipt. The element loads it on demand (when Pay is pressed, or at
 * once when a kept attempt of the account awaits its answer), so what a page
 * loads up front is the bills and their history.
 */
import '../ic-payment-method-form/ic-payment-method-form.ts';

export { billChannel } from './bill-channel.ts';
export { payForm } from './bill-pay-form.ts';
export { amountError, emailError } from '../../templates/field-rules.ts';
export { PayFlow } from '../../payments/pay-flow.ts';
export { methodSummary, receiptView, reviewForm } from '../../payments/payment-summary.ts';
