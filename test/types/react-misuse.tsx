// Misuses tsc must reject: each expected error fails the check if
// ic-widgets/react stops typing it (a type that accepts anything).
import type {} from 'ic-widgets/react';
import type { Receipt } from 'ic-widgets';

const keep = (r: Receipt) => r.confirmationNumber;

export const fine = (
  <>
    <ic-one-time-pay endpoint="/api/v1" lang="es" className="pay" onic-payment-succeeded={(e) => keep(e.detail.receipt)} />
    <ic-bills token="t" accountNumber="100200301" pageSize={5} onic-payment-failed={(e) => e.detail.code} />
    <ic-provider endpoint="/api/v1" token="t">
      <ic-payment-methods onic-payment-method-removed={(e) => e.detail.id} />
    </ic-provider>
  </>
);

export const wrong = (
  <>
    {/* @ts-expect-error the endpoint is a string */}
    <ic-one-time-pay endpoint={42} />
    {/* @ts-expect-error the detail of ic-payment-succeeded has no amountCents of its own */}
    <ic-one-time-pay onic-payment-succeeded={(e) => e.detail.amountCents} />
    {/* @ts-expect-error AutoPay's detail says enabled, a boolean */}
    <ic-autopay-toggle onic-autopay-changed={(e) => e.detail.enabled.toUpperCase()} />
    {/* @ts-expect-error busy is read-only: the element says when it is busy */}
    <ic-bills busy />
    {/* @ts-expect-error the page size is a number */}
    <ic-bills pageSize="5" />
  </>
);
