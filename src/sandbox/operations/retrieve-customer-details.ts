/**
 * Retrieve Customer Details, `GET cp/{CustomerGuid}/account` (known real
 * path). The GUID arrives in the path; api.ts merges it into the request, so
 * it is validated by the same schema as any body field.
 */
import { findAccountByCustomerGuid } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcAccountSummary } from './wire.ts';

export const retrieveCustomerDetails: Handler<'RetrieveCustomerDetails'> = (req, { db }) => {
  const account = findAccountByCustomerGuid(db, req.CustomerGuid);
  if (!account) return icError(404, 'CustomerNotFound', 'No customer has that CustomerGuid.');
  return {
    status: 200,
    body: { ...toIcAccountSummary(db, account), CustomerGuid: account.customerGuid, EmailAddress: account.email },
  };
};
