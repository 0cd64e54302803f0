/**
 * The whole English table, for hosts (the keys to translate for `registerTerms`)
 * and tests; every part is listed here, once, and `Terms` is its type. Only
 * the package entry imports it: an element imported alone carries just the
 * parts it shows (src/i18n/terms/).
 */
import { enAutopay } from './terms/autopay.ts';
import { enBills } from './terms/bills.ts';
import { enCommon } from './terms/common.ts';
import { enExpiry } from './terms/expiry.ts';
import { enFields } from './terms/fields.ts';
import { enGuest } from './terms/guest.ts';
import { enLinked } from './terms/linked.ts';
import { enMethodEntry } from './terms/method-entry.ts';
import { enMethods } from './terms/methods.ts';
import { enPaperless } from './terms/paperless.ts';
import { enPayFlow } from './terms/pay-flow.ts';
import { enPayment } from './terms/payment.ts';
import { enSso } from './terms/sso.ts';

export const englishTerms = {
  ...enCommon,
  ...enFields,
  ...enExpiry,
  ...enMethodEntry,
  ...enPayment,
  ...enPayFlow,
  ...enGuest,
  ...enBills,
  ...enAutopay,
  ...enPaperless,
  ...enMethods,
  ...enLinked,
  ...enSso,
};
