// What vue-tsc checks templates against, read through Vue's own types (plain tsc, no template compiler).
import type { GlobalComponents } from 'vue';
import type {} from 'ic-widgets/vue';

type PayProps = InstanceType<GlobalComponents['ic-one-time-pay']>['$props'];
export const ok: PayProps = { endpoint: '/api/v1', onIcPaymentSucceeded: (e) => e.detail.receipt.confirmationNumber };
// @ts-expect-error the endpoint is a string
export const wrong: PayProps = { endpoint: 4 };
