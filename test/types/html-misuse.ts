// A plain TypeScript host: the tag names and event details come from
// HTMLElementTagNameMap and the ic-* event map with no framework at all.
import type { IcPropertiesOf, PaymentSucceededDetail, Receipt } from 'ic-widgets';

const pay = document.querySelector('ic-one-time-pay')!;
pay.endpoint = '/api/v1';
pay.addEventListener('ic-payment-succeeded', (e) => {
  const detail: PaymentSucceededDetail = e.detail;
  const receipt: Receipt = detail.receipt;
  return receipt.confirmationNumber;
});
const autopay = document.createElement('ic-autopay-toggle');
autopay.accountNumber = '100200301';
autopay.addEventListener('ic-autopay-request', (e) => e.detail.enabled && e.preventDefault());
export const settable: IcPropertiesOf<'ic-bills'> = { accountNumber: '100200301', pageSize: 10 };

// @ts-expect-error the element says when it is busy; a host cannot set it
pay.busy = true;
// @ts-expect-error the detail of ic-autopay-changed is { accountNumber, enabled }
autopay.addEventListener('ic-autopay-changed', (e) => e.detail.receipt);
// @ts-expect-error account numbers are strings (leading zeros matter)
export const notSettable: IcPropertiesOf<'ic-bills'> = { accountNumber: 100200301 };
