/**
 * The one error type of the InvoiceCloud client. Callers (the broker's flows)
 * branch on `kind`, never on upstream text: the upstream body never travels
 * further than this object, and not even here except as a parsed error code.
 */
export type InvoiceCloudErrorKind =
  /** No answer before the deadline. For a payment: the outcome is unknown. */
  | 'timeout'
  /** The connection could not be made: the request never reached InvoiceCloud. */
  | 'refused'
  /** The connection broke after the request was sent. */
  | 'reset'
  /** A non-2xx answer; `status` and `upstreamCode` say which. */
  | 'status'
  /** A 2xx answer that is not the JSON the operation promises. */
  | 'malformed';

export class InvoiceCloudError extends Error {
  override readonly name = 'InvoiceCloudError';
  constructor(
    readonly kind: InvoiceCloudErrorKind,
    readonly operation: string,
    message: string,
    readonly status?: number,
    /** InvoiceCloud's own `ErrorCode`, when its error body parsed. */
    readonly upstreamCode?: string,
  ) {
    super(message);
  }

  /**
   * Whether a write may have taken effect upstream even though we hold no
   * answer: only a refused connection or a 4xx proves it did not.
   */
  get outcomeUnknown(): boolean {
    if (this.kind === 'refused') return false;
    if (this.kind === 'status') return (this.status ?? 0) >= 500;
    return true;
  }
}
