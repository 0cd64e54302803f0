/**
 * What `<ic-one-time-pay>` needs once a bill is found: the pay flow with its
 * exactly-once attempt, the card and bank form, the review and the receipt.
 * The element loads it on demand (with the look-up, or at once when a kept
 * attempt awaits its answer), so what a page loads up front is the first step.
 */
import '../ic-payment-method-form/ic-payment-method-form.ts';
export { guestChannel } from './guest-channel.ts';
export { PayFlow } from '../../payments/pay-flow.ts';
export { methodSummary, receiptView, reviewForm } from '../../payments/payment-summary.ts';
