/**
 * Calling the sandbox's InvoiceCloud operations from node tests, over a real
 * socket, the way the broker does (HTTP Basic with the sandbox's API key), and
 * John Smith's seed login and saved Visa (FIXTURES.md) that most self-service
 * tests act as.
 */
import assert from 'node:assert/strict';
import { operations, type OperationName } from '../../src/invoicecloud/operations.ts';

export const SANDBOX_AUTH = `Basic ${Buffer.from('sandbox-api-key:').toString('base64')}`;
export const JOHN = 'd0000000-0000-4000-8000-000000000301';
export const VISA_ID = 'PM-0000000001';

/** Calls an operation by its table row (GET: fields as the query); a 200 answer must fit the response schema. */
export async function callOperation(
  base: string,
  name: OperationName,
  body: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  const { method, path } = operations[name];
  const query = method === 'GET' ? `?${new URLSearchParams(body as Record<string, string>)}` : '';
  const res = await fetch(`${base}/api/v1/${path}${query}`, {
    method,
    headers: { authorization: SANDBOX_AUTH },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  const answer = { status: res.status, body: await res.json() };
  if (res.status === 200) assert.ok(operations[name].response.safeParse(answer.body).success, `${name} answer shape`);
  return answer;
}

/** The calls of one test file against the sandbox at `base()` (read when called: the sandbox starts in `before`). */
export function sandboxCalls(base: () => string) {
  let refSeq = 0;
  const op = (name: OperationName, body: Record<string, unknown>) => callOperation(base(), name, body);
  return {
    op,
    /** The status and `ErrorCode` of an operation's answer. */
    errorOf: async (name: OperationName, body: Record<string, unknown>) => {
      const res = await op(name, body);
      return [res.status, res.body.ErrorCode];
    },
    /** The sandbox's inspection view of an account. */
    view: async (n: string) => (await (await fetch(`${base()}/__sandbox/accounts/${n}`)).json()) as any,
    store: (PaymentMethod: unknown, more: Record<string, unknown> = {}, LoginGuid = JOHN) =>
      op('StorePaymentMethod', { LoginGuid, PaymentMethod, ...more }),
    /** John's payment of INV-2001 in full with his saved Visa, under a new reference; `over` changes any field. */
    payBody: (over: Record<string, unknown> = {}) => ({
      LoginGuid: JOHN,
      AccountNumber: '100200301',
      InvoiceNumber: 'INV-2001',
      Amount: 142.75,
      ReferenceId: `ref-${++refSeq}`,
      PaymentMethodId: VISA_ID,
      ...over,
    }),
  };
}
