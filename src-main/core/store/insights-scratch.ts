/**
 * Work arrays the Insights reader reuses from one request to the next. A request over a million rows
 * needs a byte per row for the selection and eight bytes per closed row for the handle times, about
 * 10 MB; allocated afresh each time, those buffers made the collector run mark-compact pauses inside
 * later requests (outliers of 100–200 ms where the median was 90, measured in BENCHMARKS.md). Each
 * method returns a view of the first `n` elements, zeroed; the next call of the same method reuses the
 * memory, so a view is valid until then (one request at a time on the reader thread).
 */
export class InsightsScratch {
  private bytes = new Uint8Array(0);
  private flagBytes = new Uint8Array(0);
  private floats = new Float64Array(0);
  private ints = new Int32Array(0);

  /** One byte per row: the selection. */
  mask(n: number): Uint8Array {
    if (this.bytes.length < n) this.bytes = new Uint8Array(room(n));
    return zeroed(this.bytes, n);
  }

  /** One byte per row, for a step that needs its own beside the selection (review states). */
  flags(n: number): Uint8Array {
    if (this.flagBytes.length < n) this.flagBytes = new Uint8Array(room(n));
    return zeroed(this.flagBytes, n);
  }

  /** Handle times, grouped by agent. */
  float64(n: number): Float64Array {
    if (this.floats.length < n) this.floats = new Float64Array(room(n));
    return zeroed(this.floats, n);
  }

  /** Counts per time slot and channel. */
  int32(n: number): Int32Array {
    if (this.ints.length < n) this.ints = new Int32Array(room(n));
    return zeroed(this.ints, n);
  }
}

/** A quarter more than asked, so a cache growing by a sync's windows does not reallocate each time. */
const room = (n: number) => Math.max(1024, Math.ceil(n * 1.25));

function zeroed<T extends Uint8Array | Float64Array | Int32Array>(buffer: T, n: number): T {
  const view = buffer.subarray(0, n) as T;
  view.fill(0);
  return view;
}
