/**
 * How a small write of the serving connection (a review save, a scorecard, a sample, a setting) gets the
 * write lock while the sync's writer thread commits a 60,000-row window, which once took 2–3.5 s in one
 * transaction (BENCHMARKS.md, "Saves that never wait").
 *
 * The writer commits a window in slices (sync-log.ts beginWindow). Every 50 rows it looks here:
 * when a write of the serving connection waits for the lock, it commits what it has, says so, and holds
 * off (without the lock) until that write has landed, at most HOLD_MS. The waiting write wakes at that
 * signal rather than on a timer, so it waits for about 50 rows and one COMMIT, not for the window.
 *
 * Why slices rather than reviews in a database file of their own: reviews, samples and scorecards are joined
 * with interactions by every filter, count, sample draw and Insights pass, and by migrations (review results);
 * a second file would mean ATTACH on every connection and thread, and SQLite commits across attached files
 * in WAL mode are atomic per file only. Slices keep one file; what they must keep exact (the checkpoint with
 * the last slice, nothing duplicated on a re-run) is in sync-log.ts and tested by killing a sliced window.
 *
 * Shared memory rather than messages: the writer thread checks inside a staged slice with no event-loop turn
 * (its port may hold many queued slices), and the serving thread waits without blocking (Atomics.waitAsync).
 * Both sides live in one process; a write from another process (the CLI on the same file) is not seen here:
 * it retries on its timer (busy.ts) and may still wait for the whole window.
 */

import type { Db } from './db';

/**
 * Cell 0: writes waiting for the lock. Cell 1: slice commits so far (a waiting write wakes when it moves).
 * Cell 2: 1 while the writer keeps the WAL's checkpoints to itself (a sliced window, sync-log.ts).
 */
const WAITING = 0;
const GAPS = 1;
const CHECKPOINTS_HELD = 2;
const CELLS = 3;

/** The longest the writer holds off for waiting writes at one gap: a stuck serving thread cannot stall a sync. */
const HOLD_MS = 250;

/** Atomics.waitAsync (Node >= 16): in ES2024, newer than the lib this project compiles against. */
type WaitAsync = (cells: Int32Array, index: number, value: number, timeoutMs: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export function createWriteGate(): SharedArrayBuffer {
  return new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT);
}

/** One write waiting for the lock, counted as waiting until done(). */
export interface WaitingWrite {
  /** Resolves at the writer's next gap, or after maxMs (the lock may be held by another process). */
  nextGap(maxMs: number): Promise<void>;
  done(): void;
}

/** The serving connection's side. */
export function waitForGap(gate: SharedArrayBuffer): WaitingWrite {
  const cells = new Int32Array(gate);
  Atomics.add(cells, WAITING, 1);
  let seen = Atomics.load(cells, GAPS);
  let waiting = true;
  return {
    async nextGap(maxMs) {
      const wait = waitAsync(cells, GAPS, seen, maxMs);
      if (wait.async) await wait.value;
      seen = Atomics.load(cells, GAPS);
    },
    done() {
      if (!waiting) return;
      waiting = false;
      Atomics.sub(cells, WAITING, 1);
      Atomics.notify(cells, WAITING);
    },
  };
}

/**
 * The serving connection's automatic checkpoint, off while the writer holds checkpoints. SQLite runs it in the
 * COMMIT of whichever connection finds the WAL past 1,000 pages: during a sliced window, that was a review
 * save, copying the window's pages into the database file (40-120 ms of a save's time on a loaded machine).
 * Call before each write; the writer checkpoints every 5,000 rows and at the window's end (sync-log.ts).
 */
export function checkpointFollower(gate: SharedArrayBuffer, db: Pick<Db, 'pragma'>): () => void {
  const cells = new Int32Array(gate);
  const automatic = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  let held = false;
  return () => {
    const now = Atomics.load(cells, CHECKPOINTS_HELD) === 1;
    if (now === held) return;
    held = now;
    db.pragma(`wal_autocheckpoint = ${held ? 0 : automatic}`);
  };
}

/** The writer thread's side, used between a window's slices. */
export interface GateKeeper {
  /** True when a write waits for the lock: the window's open slice should commit now. */
  wanted(): boolean;
  /** Right after a commit: wakes the waiting writes and holds off until they have landed (at most HOLD_MS). */
  letThrough(): void;
  /** While held, the serving connection's commits run no checkpoint (checkpointFollower). */
  holdCheckpoints(held: boolean): void;
}

export function gateKeeper(gate: SharedArrayBuffer, now: () => number = Date.now): GateKeeper {
  const cells = new Int32Array(gate);
  // A new writer thread holds nothing: the one before it may have stopped in a window.
  Atomics.store(cells, CHECKPOINTS_HELD, 0);
  return {
    wanted: () => Atomics.load(cells, WAITING) > 0,
    holdCheckpoints: (held) => void Atomics.store(cells, CHECKPOINTS_HELD, held ? 1 : 0),
    letThrough() {
      Atomics.add(cells, GAPS, 1);
      Atomics.notify(cells, GAPS);
      const until = now() + HOLD_MS;
      for (let waiting = Atomics.load(cells, WAITING); waiting > 0; waiting = Atomics.load(cells, WAITING)) {
        const left = until - now();
        if (left <= 0) return;
        Atomics.wait(cells, WAITING, waiting, left);
      }
    },
  };
}
