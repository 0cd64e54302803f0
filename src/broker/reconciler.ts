/**
 * The reconciler: a loop in every broker process that resolves the payments
 * no payer comes back for. Each sweep leases the unresolved attempts whose
 * call has ended (answer lost, or the process that made it died), looks each
 * up by its reference (payments.ts `reconcile`), and warns operations of every
 * one still unresolved after the review time (`payment_unresolved`). Leases
 * are taken in the store, so instances sharing it never look the same attempt
 * up at once; within a process, one sweep runs at a time.
 */
import { BrokerError } from './errors.ts';
import { reconcile, type PaymentDeps } from './payments.ts';

export interface ReconcilerOptions {
  /** Time between sweeps. */
  intervalMs: number;
  /** Resolved attempts older than this leave the ledger. */
  retentionMs: number;
  /** How long one process holds an attempt it is looking up (beyond one InvoiceCloud call's deadline). */
  leaseMs: number;
}

export interface SweepReport {
  /** Attempts looked up in this sweep. */
  checked: number;
  /** ...of which resolved. */
  resolved: number;
  /** ...of which still unresolved after the review time. */
  unresolved: number;
}

export function createReconciler(deps: PaymentDeps, o: ReconcilerOptions) {
  let running: Promise<SweepReport> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function sweepOnce(): Promise<SweepReport> {
    const started = deps.now();
    const report: SweepReport = { checked: 0, resolved: 0, unresolved: 0 };
    for (const attempt of await deps.ledger.leaseSweepable(started - deps.inFlightMs, started + o.leaseMs)) {
      report.checked++;
      try {
        const outcome = await reconcile(deps, attempt, null);
        if (outcome.kind === 'succeeded') {
          report.resolved++;
          continue;
        }
      } catch (err) {
        // A decline found is a resolution too; anything else is a bug, logged, and the attempt stays for the next sweep.
        if (err instanceof BrokerError) {
          report.resolved++;
          continue;
        }
        deps.log.error(
          { event: 'reconcile_failed', key: attempt.key, reference: attempt.reference, err: (err as Error).message },
          'reconciling a payment failed',
        );
      }
      const ageMs = deps.now() - attempt.createdAt;
      if (ageMs >= deps.reviewAfterMs) {
        report.unresolved++;
        deps.log.warn(
          {
            event: 'payment_unresolved',
            key: attempt.key,
            reference: attempt.reference,
            accountNumber: attempt.accountNumber,
            ageSeconds: Math.round(ageMs / 1000),
          },
          'payment still unresolved after the review time',
        );
      }
    }
    await deps.ledger.prune(started - o.retentionMs);
    return report;
  }

  return {
    /** Runs one sweep now, or joins the one running. */
    sweep(): Promise<SweepReport> {
      running ??= sweepOnce().finally(() => (running = undefined));
      return running;
    },
    /** Sweeps every `intervalMs` until `stop()`; the timer never keeps the process alive by itself. */
    start(): void {
      if (timer || o.intervalMs <= 0) return;
      timer = setInterval(() => {
        this.sweep().catch((err: Error) => deps.log.error({ event: 'reconcile_sweep_failed', err: err.message }, 'reconcile sweep failed'));
      }, o.intervalMs);
      timer.unref();
    },
    /** Stops the loop and waits for a sweep in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
