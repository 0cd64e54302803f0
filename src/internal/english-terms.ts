/**
 * The whole English table, for hosts (the keys to translate for `registerTerms`)
 * and tests; every part is listed here, once, and `Terms` is its type. Only
 * the package entry imports it: an element imported alone carries just the
 * parts it registers.
 */
import { enExpiry } from './expiry.ts';
import { enAutopay, enBills, enCommon, enFields, enGuest, enLinked, enMethods, enPaperless, enPayFlow, enPayment, enSso } from './i18n.ts';
import { enMethodEntry } from './payment-method.ts';

export const englishTerms = { ...enCommon, ...enFields, ...enExpiry, ...enMethodEntry, ...enPayment, ...enPayFlow, ...enGuest, ...enBills, ...enAutopay, ...enPaperless, ...enMethods, ...enLinked, ...enSso };
