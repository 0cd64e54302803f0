// A React 19 host in TypeScript, as it would be written against the published package.
import type {} from 'ic-widgets/react';
import type { IcPropertiesOf, PaymentSucceededDetail, Receipt } from 'ic-widgets';
import 'ic-widgets/elements/ic-one-time-pay';

const keep = (r: Receipt) => r.confirmationNumber;
export const pay = <ic-one-time-pay endpoint="/api/v1" onic-payment-succeeded={(e) => keep(e.detail.receipt)} />;
export const autopay = <ic-autopay-toggle token="t" accountNumber="100200301" onic-autopay-changed={(e) => e.detail.enabled} />;
// @ts-expect-error the endpoint is a string
export const wrong = <ic-one-time-pay endpoint={4} />;

const bills = document.querySelector('ic-bills')!;
bills.addEventListener('ic-payment-succeeded', (e) => keep(e.detail.receipt));
export const settable: IcPropertiesOf<'ic-bills'> = { accountNumber: '100200301', pageSize: 3 };
export const detail: PaymentSucceededDetail | null = null;
