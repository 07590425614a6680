/**
 * Work arrays the Insights reader reuses from one request to the next. A request over a million rows
 * needs a byte per row for the selection and eight bytes per closed row for the handle times, about
 * 10 MB; allocated afresh each time, those buffers made the collector run mark-compact pauses inside
 * later requests. `take(n)` returns a view of the first `n` elements, zeroed; the next `take` of the same
 * array reuses the memory, so a view is valid until then (one request at a time on the reader thread).
 */
type Numbers = Uint8Array | Int32Array | Float64Array;

class Reused<T extends Numbers> {
  private buffer: T;

  constructor(private readonly make: (length: number) => T) {
    this.buffer = make(0);
  }

  take(n: number): T {
    // A quarter more than asked, so a cache growing by a sync's windows does not reallocate each time.
    if (this.buffer.length < n) this.buffer = this.make(Math.max(1024, Math.ceil(n * 1.25)));
    const view = this.buffer.subarray(0, n) as T;
    view.fill(0);
    return view;
  }
}

export class InsightsScratch {
  /** One byte per row: the selection. */
  readonly mask = new Reused((n) => new Uint8Array(n));
  /** One byte per row, for a step that needs its own beside the selection (review states). */
  readonly flags = new Reused((n) => new Uint8Array(n));
  /** Handle times, grouped by agent. */
  readonly handles = new Reused((n) => new Float64Array(n));
  /** Counts per time slot and channel. */
  readonly cells = new Reused((n) => new Int32Array(n));
}
