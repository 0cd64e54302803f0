// Operations on the payment ledger: `npm run payments -- <command>` (README "Payments happen once").
//   unresolved                                   every unresolved payment, oldest first (JSON lines)
//   history <reference>                          one payment's facts and history
//   not-charged <reference> --operator <name> --note "<what InvoiceCloud said>"
//                                                after confirming with InvoiceCloud that it was never made
// The store is DATABASE_URL (PostgreSQL) or else BROKER_DB (default .data/broker.db), as for the broker itself.
import { parseArgs } from 'node:util';
import { createAudit } from './audit.ts';
import { PaymentLedger } from './ledger.ts';
import { createLogger } from './logger.ts';
import { storeLocation } from './options.ts';
import { resolveNotCharged } from './payments.ts';
import { openStore } from './store.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { operator: { type: 'string' }, note: { type: 'string' } } });
const [command, reference] = positionals;
const store = openStore(storeLocation(process.env));
const ledger = new PaymentLedger(store, Date.now);
const print = (value: unknown) => console.log(JSON.stringify(value));

try {
  await store.ready;
  if (command === 'unresolved') {
    for (const a of await ledger.unresolved()) {
      print({
        reference: a.reference,
        key: a.key,
        accountNumber: a.accountNumber,
        invoiceNumber: a.invoiceNumber,
        amountCents: a.amountCents,
        createdAt: new Date(a.createdAt).toISOString(),
      });
    }
  } else if (command === 'history' && reference) {
    const a = await ledger.byReference(reference);
    if (!a) throw new Error(`No payment with reference ${reference}.`);
    print({ ...a, history: await ledger.history(a.id) });
  } else if (command === 'not-charged' && reference && values.operator && values.note) {
    const audit = createAudit(createLogger(), Date.now);
    if (!(await resolveNotCharged(ledger, audit, { reference, operator: values.operator, note: values.note }))) {
      throw new Error(`No unresolved payment with reference ${reference}.`);
    }
    print({ reference, resolved: 'not_charged' });
  } else {
    throw new Error(
      'Usage: npm run payments -- unresolved | history <reference> | not-charged <reference> --operator <name> --note "<text>"',
    );
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await store.close();
}
