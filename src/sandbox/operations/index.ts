/**
 * Operation name → sandbox handler. The routes, methods and schemas come from
 * the one InvoiceCloud operation table (src/invoicecloud/operations.ts); this
 * table only says what the sandbox does. An operation in that table without a
 * handler here answers 501, so the two can grow independently.
 */
import type { OperationName } from '../../invoicecloud/operations.ts';
import { invoicePayWithoutSavedMethod } from './invoice-pay.ts';
import { lookupAccount } from './lookup-account.ts';
import { retrievePayments } from './retrieve-payments.ts';
import type { Handler } from './types.ts';

export const handlers: { [N in OperationName]?: Handler<N> } = {
  LookupAccount: lookupAccount,
  InvoicePayWithoutSavedMethod: invoicePayWithoutSavedMethod,
  RetrievePayments: retrievePayments,
};
