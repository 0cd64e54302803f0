/**
 * The whole English table, for hosts (the keys to translate for `registerTerms`)
 * and tests. Only the package entry imports it: an element imported alone
 * carries just the parts it registers.
 */
import { enAutopay, enBills, enCommon, enGuest, enLinked, enMethods, enPaperless, enPayFlow, enPayment, enSso, type Terms } from './i18n.ts';

export const englishTerms: Terms = { ...enCommon, ...enPayment, ...enPayFlow, ...enGuest, ...enBills, ...enAutopay, ...enPaperless, ...enMethods, ...enLinked, ...enSso };
