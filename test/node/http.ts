/** Small fetch helpers for node tests against the real stack. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function request<T = any>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Reply<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  return reply(await fetch(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body }));
}

/** A response, read: its status, headers, text, and the text parsed as JSON where it is JSON. */
export async function reply<T = any>(res: Response): Promise<Reply<T>> {
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** InvoiceCloud operations that change state (FIXTURES.md operation names). */
export const WRITE_OPERATIONS = new Set([
  'CreateCustomerRecord',
  'RegisterAccounts',
  'LinkAccounts',
  'UnregisterAccounts',
  'UpdatePassword',
  'UpdateEmail',
  'UpdateAutoPay',
  'UpdatePaperless',
  'StorePaymentMethod',
  'UpdatePaymentMethod',
  'RemovePaymentMethod',
  'InvoicePayWithSavedMethod',
  'InvoicePayWithoutSavedMethod',
]);
