/**
 * The sync's bookkeeping: one row per run (with its checkpoint, `cursor_utc`) and one per API call.
 * A window's checkpoint and log line are written in the transaction that writes its last rows, so a run
 * killed at any instant resumes exactly after the last window that is wholly in the cache.
 *
 * `commitWindow` writes a window in one transaction. `beginWindow` (the writer thread's way) may commit
 * a window's rows in slices, so a review save never waits for a whole window (write-gate.ts): a kill
 * between slices leaves rows without their checkpoint, and the run, resumed from the old checkpoint,
 * writes that window again. That duplicates nothing: rows are upserted by identity, so a row already
 * there is unchanged (no second history row, no new stamp). Within one process a window's counts stay
 * exact across its slices; after a kill, the rows of its committed slices count as unchanged on the
 * second pass (they were new to the first).
 *
 * A slice's rows are indexed for search just after it commits, not in it (search-catch-up.ts, with the rule
 * searches keep meanwhile); a window in one transaction indexes its rows in it, as before.
 */
import { MESSAGE_MAX, oneLine } from '../../../text/one-line';
import type { ErrorInfo } from '../../../errors';
import { AppError } from '../../../errors';
import type { IncomingRecord } from '../../../wolkvox/fields';
import type { CallLogEntry, ResumableRun, RunStatus, UpsertCounts } from '../../../sync/sync-store';
import type { Db } from '../connection/database';
import { createPreparer, type PreparedRecord } from '../../sql/prepare';
import { quotaDayOf } from '../../sql/quota-day';
import { createUpserter, type Upserter, type UpsertContext } from './upsert';
import type { GateKeeper } from '../connection/write-gate';
import { createSearchCatchUp, type SearchCatchUp } from './search-catch-up';

import type { SyncRun } from '../../types';

export type { CallLogEntry, RunStatus } from '../../../sync/sync-store';
export type { SyncRun } from '../../types';

export interface StartRun {
  server: string;
  mode: 'range' | 'incremental';
  rangeStartUtc: number;
  rangeEndUtc: number;
  startedAt: number;
  /** Set when the run goes on from an unfinished one: its checkpoint. */
  cursorUtc?: number;
}

export interface WindowCommit {
  runId: number;
  records: readonly IncomingRecord[];
  server: string;
  zone: string;
  now: number;
  /** Everything before this instant is in the cache once the commit lands. */
  cursorUtc: number;
  call: CallLogEntry;
}


const RUN_COLUMNS = `id, server, mode, range_start_utc AS rangeStartUtc, range_end_utc AS rangeEndUtc, cursor_utc AS cursorUtc,
  status, started_at AS startedAt, finished_at AS finishedAt, calls, rows_received AS rowsReceived, inserted, updated,
  error_kind AS errorKind, substr(error_message, 1, ${MESSAGE_MAX}) AS errorMessage`;

/**
 * One window being committed across several calls: the worker writes each slice as it arrives, and
 * commits the checkpoint and log line with the last rows. Rows of slices committed before a failure or
 * a kill stay, without their checkpoint (see the top of this file); abort() rolls back the open slice.
 */
export interface WindowWriter {
  write(rows: readonly PreparedRecord[]): void;
  commit(window: Omit<WindowCommit, 'records'>): UpsertCounts;
  abort(): void;
}

/** Rows of a sliced window between two checkpoints of the WAL (about 1,000 pages, SQLite's automatic size). */
const CHECKPOINT_ROWS = 5000;

/** How a window is cut into transactions (writer-thread.ts). */
export interface Slicing {
  /** The most rows one transaction holds; Infinity keeps the window in one transaction. */
  rows: number;
  /** Ends a slice early when a write of the serving connection waits, and lets it through after the commit. */
  gate?: GateKeeper;
}

/** The write side of the log, with its statements prepared once per connection. */
export interface SyncLog {
  startRun(run: StartRun): number;
  beginWindow(ctx: UpsertContext, slicing?: Slicing): WindowWriter;
  findResumableRun(server: string, rangeStartUtc: number, rangeEndUtc: number): ResumableRun | null;
  commitWindow(commit: WindowCommit): UpsertCounts;
  logCall(runId: number | null, call: CallLogEntry): void;
  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, now: number, error?: ErrorInfo): void;
  lastCoveredUtc(server: string): number | null;
}

/** The log's helpers, when the caller (the writer thread) shares them; by default made here. */
export interface SyncLogParts {
  upserter?: Upserter;
  search?: SearchCatchUp | null;
}

export function createSyncLog(db: Db, parts: SyncLogParts = {}): SyncLog {
  let writer = parts.upserter;
  const upserts = () => (writer ??= createUpserter(db));
  const search = parts.search === undefined ? createSearchCatchUp(db) : parts.search;
  const insertRun = db.prepare(
    "INSERT INTO sync_runs (server, mode, range_start_utc, range_end_utc, cursor_utc, status, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?)",
  );
  // The latest range run from this start decides: an unfinished one is gone on from, a done one means a fresh sync.
  // The end is not matched: a range ending "now" ends later at each try (rangeEndUtc stays for callers' context).
  const resumable = db.prepare(
    "SELECT id, coalesce(cursor_utc, range_start_utc) AS cursorUtc, status FROM sync_runs WHERE server = ? AND mode = 'range' AND range_start_utc = ? ORDER BY id DESC LIMIT 1",
  );
  const advance = db.prepare(
    "UPDATE sync_runs SET cursor_utc = ?, calls = calls + 1, rows_received = rows_received + ?, inserted = inserted + ?, updated = updated + ? WHERE id = ? AND status = 'running'",
  );
  const countCall = db.prepare('UPDATE sync_runs SET calls = calls + 1 WHERE id = ?');
  const insertCall = db.prepare(
    'INSERT INTO sync_calls (run_id, server, window_start_utc, window_end_utc, started_at, duration_ms, outcome, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Messages are stored bounded and on one line; older runs are cut when read (RUN_COLUMNS).
  const finish = db.prepare(
    'UPDATE sync_runs SET status = ?, finished_at = ?, error_kind = ?, error_message = ? WHERE id = ?',
  );
  const covered = db.prepare('SELECT max(cursor_utc) FROM sync_runs WHERE server = ?').pluck();

  const writeCall = (runId: number | null, call: CallLogEntry) =>
    insertCall.run(runId, call.server, call.windowStartUtc, call.windowEndUtc, call.startedAt, Math.round(call.durationMs), call.outcome, call.rows);

  /** The checkpoint and the log line of a window, in the window's transaction. */
  const seal = (w: Omit<WindowCommit, 'records'>, rows: number, counts: UpsertCounts) => {
    const moved = advance.run(w.cursorUtc, rows, counts.inserted, counts.updated, w.runId);
    if (moved.changes !== 1) {
      // Throwing rolls the rows back too: a window is never saved without its checkpoint.
      throw new AppError('storage', `Sync run ${w.runId} is not running any more; the window was not saved.`);
    }
    writeCall(w.runId, w.call);
  };

  const commit = db.transaction((c: WindowCommit): UpsertCounts => {
    const session = upserts().session({ server: c.server, zone: c.zone, now: c.now });
    session.write(createPreparer(c.zone)(c.records));
    const counts = session.finish();
    seal(c, c.records.length, counts);
    return counts;
  });

  const beginWindow = (ctx: UpsertContext, slicing: Slicing = { rows: Infinity }): WindowWriter => {
    const sliced = Number.isFinite(slicing.rows);
    // Rows a kill or a failure left unindexed go in first: an update must find its row's old entries indexed.
    search?.catchUp(slicing.gate);
    // IMMEDIATE takes the write lock now, so a busy database fails here, before any row is sent.
    db.exec('BEGIN IMMEDIATE');
    const session = upserts().session(ctx, sliced ? search?.defer : undefined);
    let rows = 0;
    let sliceRows = 0;
    let open = true;
    const check = () => {
      if (!open) throw new AppError('storage', 'This window was already committed or abandoned.');
      // The next slice's transaction: a write let through meanwhile has committed; this waits (busy
      // timeout) for one still in progress.
      if (!db.inTransaction) db.exec('BEGIN IMMEDIATE');
    };
    // A sliced window checkpoints the WAL itself, after a waiting save was let through, rather than in the
    // COMMIT that save waits for (an automatic checkpoint there took up to 0.4 s on a loaded machine).
    // So do the serving connection's commits, a save's among them (write-gate.ts checkpointFollower).
    const autoCheckpoint = sliced ? (db.pragma('wal_autocheckpoint', { simple: true }) as number) : 0;
    if (sliced) db.pragma('wal_autocheckpoint = 0');
    slicing.gate?.holdCheckpoints(true);
    let uncheckpointed = 0;
    const restoreCheckpoints = () => {
      if (sliced) db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      slicing.gate?.holdCheckpoints(false);
    };
    const rollback = () => {
      if (open && db.inTransaction) db.exec('ROLLBACK');
      if (open) restoreCheckpoints();
      open = false;
    };
    /** After a slice's COMMIT: the waiting save goes first, then the slice's search index, then the WAL. */
    const afterSlice = (committed: number, last: boolean) => {
      if (slicing.gate?.wanted()) slicing.gate.letThrough();
      search?.catchUp(slicing.gate);
      uncheckpointed += committed;
      if (uncheckpointed === 0 || (uncheckpointed < CHECKPOINT_ROWS && !last)) return;
      db.pragma('wal_checkpoint(PASSIVE)');
      uncheckpointed = 0;
    };
    return {
      write(slice) {
        // With a gate, the upsert asks every few rows whether a save waits, and stops there; the rest of
        // the staged slice goes into the next transaction.
        for (let from = 0; from < slice.length; ) {
          check();
          const written = session.write(from === 0 ? slice : slice.slice(from), slicing.gate?.wanted);
          rows += written;
          sliceRows += written;
          from += written;
          if (sliceRows < slicing.rows && !slicing.gate?.wanted()) continue;
          try {
            session.endSlice();
            db.exec('COMMIT');
          } catch (error) {
            rollback();
            throw error;
          }
          const committed = sliceRows;
          sliceRows = 0;
          afterSlice(committed, false);
        }
      },
      commit(window) {
        let counts: UpsertCounts;
        try {
          check();
          counts = session.finish();
          seal(window, rows, counts);
          db.exec('COMMIT');
        } catch (error) {
          rollback();
          throw error;
        }
        open = false;
        try {
          // The window is in; what fails from here (its search index) stays listed and is retried first thing next time.
          if (sliced) afterSlice(sliceRows, true);
          else if (slicing.gate?.wanted()) slicing.gate.letThrough();
        } finally {
          restoreCheckpoints();
        }
        return counts;
      },
      abort: rollback,
    };
  };

  const logCall = db.transaction((runId: number | null, call: CallLogEntry) => {
    writeCall(runId, call);
    if (runId !== null) countCall.run(runId);
  });

  return {
    startRun: (r) => Number(insertRun.run(r.server, r.mode, r.rangeStartUtc, r.rangeEndUtc, r.cursorUtc ?? null, r.startedAt).lastInsertRowid),
    beginWindow,
    findResumableRun: (server, start) => {
      const run = resumable.get(server, start) as ResumableRun | undefined;
      return run && run.status !== 'done' ? run : null;
    },
    commitWindow: (c) => {
      search?.catchUp();
      return commit(c);
    },
    logCall: (runId, call) => logCall(runId, call),
    finishRun: (runId, status, now, error) => {
      finish.run(status, now, error?.kind ?? null, error?.message ? oneLine(error.message, MESSAGE_MAX) : null, runId);
      // A run may have added many rows: refresh the planner's statistics if they went stale.
      db.pragma('optimize = 0x10002');
    },
    lastCoveredUtc: (server) => (covered.get(server) as number | null) ?? null,
  };
}

/** API calls started today (the operation's local day of `now`): every call costs one unit of quota. */
export function callsToday(db: Db, now: number, zone: string, server?: string): number {
  const { start, end } = quotaDayOf(now, zone);
  const sql = `SELECT count(*) FROM sync_calls WHERE started_at >= ? AND started_at < ?${server === undefined ? '' : ' AND server = ?'}`;
  const args = server === undefined ? [start, end] : [start, end, server];
  return db.prepare(sql).pluck().get(...args) as number;
}

export function recentRuns(db: Db, limit = 20): SyncRun[] {
  return db.prepare(`SELECT ${RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT ?`).all(limit) as SyncRun[];
}

export function getRun(db: Db, id: number): SyncRun | null {
  return (db.prepare(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = ?`).get(id) as SyncRun | undefined) ?? null;
}
