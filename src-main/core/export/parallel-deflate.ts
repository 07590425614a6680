/**
 * Deflate off the main thread, pigz-style. The input is cut into chunks compressed independently on the
 * thread pool (each primed with the previous chunk's last 32 KB, so the ratio barely moves) and ended with a
 * sync flush, which leaves it byte-aligned and non-final; concatenated in order and closed by one final empty
 * block, they form a single valid deflate stream. One zlib stream would be one thread at ~170 MB/s here at
 * level 1 (~37,000 of our 4.5 KB rows/s, the export's whole budget); chunks use every core the main thread
 * leaves free, and its own core while it waits.
 *
 * Text is UTF-8-encoded straight into a few reused chunk buffers with buf.write(): Buffer.from() on a ~1 MB
 * string measured four times slower here (it measures the string first and churns the heap), and a long rope
 * of small strings is slow to encode, so callers append long texts on their own rather than concatenated.
 */
import { availableParallelism } from 'node:os';
import zlib from 'node:zlib';

export interface ByteSink {
  write(data: Buffer): Promise<void>;
}

const WINDOW = 32 * 1024;
/**
 * Input per deflate job: ~23 ms of work at level 1 on another thread. Starting a job costs the main thread
 * (zlib state and dictionary set-up, output buffer, completion); 4 MiB measured ~2.5 µs/row less CPU than
 * 2 MiB in paired runs, with the same peak RSS; 8 MiB gained nothing more and cost ~40 MB.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** A chunk is sealed once past CHUNK_BYTES; the spare room takes the append that crossed the line. */
const BUFFER_BYTES = 2 * CHUNK_BYTES;
/** Longest string appended in one piece (3 UTF-8 bytes per UTF-16 unit at worst); longer ones are split. */
const MAX_PIECE = Math.floor((BUFFER_BYTES - CHUNK_BYTES) / 3);
/**
 * Deflate jobs running at once while the main thread works: every core but one. The main thread serialises
 * the rows and is the bottleneck; with a job per core it lost a third of its CPU to them (on two cores, 26 µs
 * of CPU per row took 39 µs of wall clock), and in paired runs this setting won every time (best 31k vs 30k
 * rows/s, with less CPU and memory). While the main thread waits in drain(), its core is free: one more job runs.
 */
const DEFAULT_CONCURRENCY = Math.max(1, availableParallelism() - 1);

function deflateChunk(data: Buffer, level: number, dictionary: Buffer | undefined, final: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib.deflateRaw(
      data,
      {
        level,
        // The largest hash table: a few % faster at level 1 on our rows (fewer collisions), for 256 KB per job.
        memLevel: 9,
        dictionary,
        finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        // One output buffer per job: fewer hops back to the main thread.
        chunkSize: Math.max(64 * 1024, data.length + 1024),
      },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
  });
}

export interface DeflateTotals {
  crc32: number;
  uncompressed: number;
  compressed: number;
}

interface Job {
  output: Promise<Buffer>;
  /** The pooled buffer the input was a view of, back to the pool once the output is in the sink. */
  buffer: Buffer;
}

/**
 * One deflate stream written to `sink`. append() is synchronous (it only fills memory and starts jobs);
 * await drain() between batches of appends so that memory stays bounded and the sink's pace is respected.
 * `level` 0 stores the bytes as they are (still CRC-checked).
 */
export class ParallelDeflater {
  private buffer: Buffer | undefined;
  private used = 0;
  /** Sealed chunks in stream order: running, waiting for a thread, or done and waiting for the sink. */
  private readonly jobs: Job[] = [];
  private running = 0;
  /** Starters of sealed chunks waiting for a free thread. */
  private readonly waiting: Array<() => void> = [];
  private abandoned = false;
  private previousTail: Buffer | undefined;
  private crc = 0;
  private uncompressed = 0;
  private compressed = 0;

  /** `pool`: chunk buffers shared by the deflaters of one archive, so every entry reuses the same few. */
  constructor(
    private readonly sink: ByteSink,
    private readonly level: number,
    private readonly pool: Buffer[] = [],
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  /** Appends the UTF-8 bytes of `text`. */
  append(text: string): void {
    if (text.length > MAX_PIECE) {
      // Split between UTF-16 units, never inside a surrogate pair.
      let at = MAX_PIECE;
      const c = text.charCodeAt(at - 1);
      if (c >= 0xd800 && c <= 0xdbff) at -= 1;
      this.append(text.slice(0, at));
      this.append(text.slice(at));
      return;
    }
    const buffer = (this.buffer ??= this.pool.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES));
    this.used += buffer.write(text, this.used);
    if (this.used >= CHUNK_BYTES) this.seal(false);
  }

  /** More sealed chunks than the compressors can start at once, plus one ready to go: time to drain(). */
  get backlogged(): boolean {
    return this.jobs.length > this.concurrency + 1;
  }

  /**
   * Resolves once the backlog is short again, writing finished chunks to the sink in order: the main thread
   * never runs more than a chunk ahead of the compressors.
   */
  async drain(): Promise<void> {
    while (this.backlogged) {
      // The main thread is about to wait: its core is free meanwhile, so one more job may run.
      if (this.running <= this.concurrency) this.waiting.shift()?.();
      await this.flushOldest();
    }
  }

  /** Compresses what is left, ends the stream, and reports its totals. */
  async end(): Promise<DeflateTotals> {
    this.seal(true);
    while (this.jobs.length > 0) await this.flushOldest();
    return { crc32: this.crc, uncompressed: this.uncompressed, compressed: this.compressed };
  }

  /** Waits for the jobs already running (so none outlives a failed export); the rest never start. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await Promise.allSettled(this.jobs.splice(0).map((j) => j.output));
  }

  private seal(final: boolean): void {
    const buffer = this.buffer ?? this.pool.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES);
    const input = buffer.subarray(0, this.used);
    this.buffer = undefined;
    this.used = 0;
    this.crc = zlib.crc32(input, this.crc);
    this.uncompressed += input.length;
    let output: Promise<Buffer>;
    if (this.level === 0) {
      output = Promise.resolve(input);
    } else {
      const dictionary = this.previousTail;
      output = this.schedule(() => deflateChunk(input, this.level, dictionary, final));
      output.catch(() => undefined); // observed in flushOldest; avoids an unhandled rejection meanwhile
      // A copy: the chunk buffer goes back to the pool and will be overwritten.
      if (input.length > 0) this.previousTail = Buffer.from(input.subarray(Math.max(0, input.length - WINDOW)));
    }
    this.jobs.push({ output, buffer });
  }

  /** Runs `job` now if a thread is free, else when a running one finishes. */
  private schedule(job: () => Promise<Buffer>): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const start = (): void => {
        if (this.abandoned) return reject(new Error('export abandoned'));
        this.running += 1;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            if (this.running < this.concurrency) this.waiting.shift()?.();
          });
      };
      if (this.running < this.concurrency) start();
      else this.waiting.push(start);
    });
  }

  private async flushOldest(): Promise<void> {
    const job = this.jobs[0]!;
    const out = await job.output;
    this.jobs.shift();
    this.compressed += out.length;
    await this.sink.write(out);
    // Only now: at level 0 `out` is a view of this buffer.
    this.pool.push(job.buffer);
  }
}
