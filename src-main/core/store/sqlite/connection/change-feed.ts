/**
 * The SQLite store's change feed (Store.changes): what other processes committed to the same file.
 *
 * `PRAGMA data_version` on the serving connection moves when any other connection commits (another
 * process, and this store's own writer thread), never for the serving connection's own writes; it costs
 * no I/O, so it is read every second while someone listens. When it moved, a few cheap figures per kind
 * of data (the signatures below: counters, largest ids, small tables whole) tell what changed.
 *
 * This store's own writes are not reported (the service already knows what it wrote): each one
 * announces its kinds (`ownWrite`) and, once done, the signatures of those kinds are read again, so
 * the next look does not take them for another writer's. Another writer's change of the same kind seen
 * when an own write starts (its signature no longer the one last seen) is kept and reported at the next
 * look. Only a foreign commit landing while an own write of that kind is in progress is taken for the
 * own write's: the caller of that write refreshes what that kind shows anyway.
 */
import type { Db } from './database';
import { CHANGE_KINDS, type ChangeKind, type StoreChange } from '../../store';
import type { StoreWriter } from '../threads/writer';

/** One figure per kind that moves with every commit changing that kind (none reads a large table). */
const SIGNATURES: Readonly<Record<ChangeKind, string>> = {
  // Every written window takes the next stamp, every deleted row appends to the removal log (migration 6).
  // Rows a sliced window listed for the search index (search-catch-up.ts) are found by a search once indexed,
  // a moment after their slice: that is a change too.
  interactions: `SELECT (SELECT seq FROM change_counter) || ':' || ifnull((SELECT max(seq) FROM interaction_removals), 0)
    || ':' || ifnull((SELECT max(id) FROM search_pending), 0)`,
  // History is append-only (a purge may delete it, with the reviews, which the count sees).
  reviews: `SELECT ifnull((SELECT max(id) FROM review_history), 0) || ':' || (SELECT count(*) FROM reviews)`,
  samples: `SELECT count(*) || ':' || ifnull(group_concat(id || '=' || name, char(31)), '') FROM samples`,
  // Aggregates, not the rows (every sample's split is kept): a split is written again with its time and
  // names, a score with its time, answers and figure (the same writes within one millisecond that only swap
  // names or answers of equal length would go unseen); a calibration's auditors and members come and go
  // with it, whose ids only grow.
  assignments: `SELECT (SELECT count(*) || ':' || total(assigned_at) || ':' || total(unicode(auditor) * length(auditor) * unicode(substr(interaction_uid, -1))) FROM assignments)
    || ':' || (SELECT count(*) || ':' || ifnull(max(id), 0) FROM calibrations)
    || ':' || (SELECT count(*) || ':' || total(updated_at) || ':' || total(length(scores)) || ':' || total(overall_score) FROM calibration_scores)`,
  // Scorecard versions are immutable rows.
  scorecards: `SELECT ifnull(max(seq), 0) FROM scorecards`,
  settings: `SELECT ifnull(group_concat(key || char(30) || value, char(31)), '') FROM settings`,
  // The log is never trimmed (auto-sync adds a run every few minutes): newest ids and the latest runs'
  // state only, primary-key reads. A run that changes is among the latest (a run resumed takes calls).
  syncRuns: `SELECT ifnull((SELECT max(id) FROM sync_runs), 0) || ':' || ifnull((SELECT max(id) FROM sync_calls), 0)
    || ':' || ifnull((SELECT group_concat(id || status || calls) FROM (SELECT id, status, calls FROM sync_runs ORDER BY id DESC LIMIT 5)), '')`,
};

const POLL_MS = 1000;

export interface ChangeWatch {
  listen(listener: (change: StoreChange) => void): () => void;
  /** Marks the start of one of this store's writes of these kinds; call the returned function when it ended. */
  ownWrite(kinds: readonly ChangeKind[]): () => void;
  /** Stops looking; listeners hear nothing more. */
  close(): void;
}

export function watchChanges(db: Db): ChangeWatch {
  const listeners = new Set<(change: StoreChange) => void>();
  const writing = new Map<ChangeKind, number>();
  /** Kinds another writer changed, noticed when an own write started: reported at the next look. */
  const pending = new Set<ChangeKind>();
  let statements: Map<ChangeKind, { get(): unknown }> | null = null;
  let seen: Map<ChangeKind, string> | null = null;
  let version: unknown = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  const signature = (kind: ChangeKind): string => {
    statements ??= new Map(CHANGE_KINDS.map((k) => [k, db.prepare(SIGNATURES[k]).pluck()]));
    return String(statements.get(kind)!.get());
  };
  let versionOf: { get(): unknown } | null = null;
  const dataVersion = () => (versionOf ??= db.prepare('PRAGMA data_version').pluck()).get();

  /** Where the data stands when listening starts (or as soon as it can be read): only what comes after is news. */
  const start = () => {
    version = dataVersion();
    seen = new Map(CHANGE_KINDS.map((k) => [k, signature(k)]));
  };

  const look = () => {
    if (!timer || closed || !db.open) return;
    const changed: ChangeKind[] = [];
    try {
      if (!seen) return start();
      const now = dataVersion();
      if (now === version && pending.size === 0) return;
      // Read whole before anything is kept: a look cut short reports its changes at the next one.
      const values = CHANGE_KINDS.filter((kind) => !writing.get(kind)).map((kind) => [kind, signature(kind)] as const);
      for (const [kind, value] of values) {
        const moved = value !== seen.get(kind);
        if (!moved && !pending.has(kind)) continue;
        seen.set(kind, value);
        pending.delete(kind);
        changed.push(kind);
      }
      version = now;
    } catch {
      // The connection busy for a moment (an export walking its rows, a checkpoint): the next look tries again.
      return;
    }
    if (changed.length === 0) return;
    const change: StoreChange = Object.freeze({ kinds: Object.freeze(changed) });
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // One listener's failure must not stop the others, nor the feed.
      }
    }
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    seen = null;
    pending.clear();
  };

  return {
    listen(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      if (!timer) {
        timer = setInterval(look, POLL_MS);
        // Looking for changes never keeps a process alive (a CLI command ends when its work does).
        timer.unref();
        try {
          start();
        } catch {
          // Read at the first look instead.
        }
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    ownWrite(kinds) {
      if (seen && !closed && db.open) {
        try {
          // Another writer's change not yet looked at would be taken for this write's at its end: keep it.
          for (const kind of kinds) if (!writing.get(kind) && signature(kind) !== seen.get(kind)) pending.add(kind);
        } catch {
          version = null; // not read: the next look compares every figure
        }
      }
      for (const kind of kinds) writing.set(kind, (writing.get(kind) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        for (const kind of kinds) writing.set(kind, writing.get(kind)! - 1);
        if (!seen || closed || !db.open) return;
        try {
          for (const kind of kinds) seen.set(kind, signature(kind));
        } catch {
          // Not read now: the next look compares every figure, even if no other connection commits before it
          // (it then reports this write as a change, which costs a refresh, not data).
          version = null;
        }
      };
    },
    close() {
      closed = true;
      stop();
      listeners.clear();
    },
  };
}

/** What each of the writer thread's operations may change (the rest only read, or touch the search index). */
const WRITER_KINDS: Readonly<Partial<Record<keyof StoreWriter, readonly ChangeKind[]>>> = {
  startRun: ['syncRuns'],
  findResumableRun: ['syncRuns'],
  commitWindow: ['interactions', 'syncRuns'],
  logCall: ['syncRuns'],
  finishRun: ['syncRuns'],
  // A purged interaction leaves its samples, and their assignments with them.
  purge: ['interactions', 'reviews', 'samples', 'assignments'],
  removeServerData: ['interactions', 'reviews', 'samples', 'assignments', 'syncRuns'],
};

/**
 * The writer with each of its writes announced to the watch (the writer thread's commits are this store's
 * own). A proxy, so that whatever else the writer offers passes through unchanged.
 */
export function announcingWriter(writer: StoreWriter, watch: Pick<ChangeWatch, 'ownWrite'>): StoreWriter {
  return new Proxy(writer, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const kinds = WRITER_KINDS[prop as keyof StoreWriter];
      if (!kinds) return value.bind(target);
      return async (...args: unknown[]) => {
        const ended = watch.ownWrite(kinds);
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          ended();
        }
      };
    },
  });
}
