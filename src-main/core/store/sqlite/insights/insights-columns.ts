/**
 * The Insights reader's own copy of the few fields its charts and filters read, one typed array per
 * field, in id order (ids are creation-ordered, ids.ts). Why: every chart is a pass over the selection,
 * and SQLite cannot make that pass fast (its rows are wide, about 1.5 KB: 20 s for a million rows, see
 * BENCHMARKS.md); these arrays are about 36 bytes a row and a pass over a million of them takes
 * milliseconds.
 *
 * Loaded with one scan at the first request; then kept current from the change log (insights-changes.ts):
 * before each request, the rows stamped since the last refresh are read again and the removed ids
 * dropped, in the request's own read transaction, so the charts describe exactly that snapshot.
 */
import type { Db } from '../connection/database';
import { Codes, Dict, PairDict, type CodeArray, type ColumnFacet, type InsightsColumnsView } from '../../../insights/insights-dict';
import { ALL_ROWS_SQL, CHANGED_ROWS_SQL, MARKS_SQL, REMOVED_IDS_SQL } from './insights-changes';

/** id, created_utc, closed_utc, channel, agent_name, skill_id, status, cod_act, cod_description, evaluation_survey */
type Row = [number, number | null, number | null, string, string, string, string, string, string, string];

interface Marks {
  stamp: number;
  firstRemoval: number | null;
  lastRemoval: number | null;
}

const FACETS: readonly ColumnFacet[] = ['channel', 'agent', 'skill', 'status', 'evaluation', 'typ'];

export class InsightsColumns implements InsightsColumnsView {
  n = 0;
  ids: Float64Array;
  /** Creation and close instants (ms); NaN where the row has none. */
  created: Float64Array;
  closed: Float64Array;
  readonly codes: Record<ColumnFacet, Codes>;
  readonly channels = new Dict();
  readonly agents = new Dict();
  readonly skills = new Dict();
  readonly statuses = new Dict();
  readonly evaluations = new Dict();
  /** (cod_act, cod_description) pairs. */
  readonly typifications = new PairDict();
  private stamp = -1;
  private lastRemoval = 0;

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.created = new Float64Array(capacity);
    this.closed = new Float64Array(capacity);
    this.codes = { channel: new Codes(capacity), agent: new Codes(capacity), skill: new Codes(capacity), status: new Codes(capacity), evaluation: new Codes(capacity), typ: new Codes(capacity) };
  }

  /** Code arrays as they are now (a code array is replaced when it grows or widens). */
  code(facet: ColumnFacet): CodeArray {
    return this.codes[facet].arr;
  }

  /** Bytes held by the arrays (capacity included) and the dictionaries' texts, roughly. */
  bytes(): number {
    const arrays = [this.ids, this.created, this.closed, ...FACETS.map((f) => this.codes[f].arr)].reduce((s, a) => s + a.byteLength, 0);
    const texts = [this.channels, this.agents, this.skills, this.statuses, this.evaluations].reduce((s, d) => s + d.values.reduce((t, v) => t + 2 * v.length + 40, 0), 0);
    return arrays + texts + this.typifications.firsts.reduce((t, v, i) => t + 2 * (v.length + this.typifications.seconds[i]!.length) + 80, 0);
  }

  /** Brings the columns to the caller's read snapshot (call inside the request's transaction). */
  refresh(db: Db): void {
    const marks = db.prepare(MARKS_SQL).get() as Marks;
    // Never loaded, the removal log trimmed past what these columns have seen, or counters behind them
    // (the file was replaced, say, by a restored copy): read everything.
    const behind = marks.stamp < this.stamp || (marks.lastRemoval ?? 0) < this.lastRemoval;
    if (this.stamp < 0 || behind || (marks.firstRemoval !== null && this.lastRemoval < marks.firstRemoval - 1)) return this.reload(db, marks);
    const changed = marks.stamp > this.stamp ? (db.prepare(CHANGED_ROWS_SQL).raw().all(this.stamp) as Row[]) : [];
    const removed = marks.lastRemoval !== null && marks.lastRemoval > this.lastRemoval ? (db.prepare(REMOVED_IDS_SQL).pluck().all(this.lastRemoval) as number[]) : [];
    this.apply(changed, removed);
    this.stamp = marks.stamp;
    this.lastRemoval = marks.lastRemoval ?? this.lastRemoval;
  }

  private reload(db: Db, marks: Marks): void {
    this.n = 0;
    for (const row of db.prepare(ALL_ROWS_SQL).raw().iterate() as IterableIterator<Row>) {
      if (this.n === this.ids.length) this.grow(this.n + 1);
      this.write(this.n++, row);
    }
    this.stamp = marks.stamp;
    this.lastRemoval = marks.lastRemoval ?? 0;
  }

  /** Index of an id, or -1. */
  find(id: number): number {
    let lo = 0;
    let hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  private write(i: number, r: Row): void {
    this.ids[i] = r[0];
    this.created[i] = r[1] ?? NaN;
    this.closed[i] = r[2] ?? NaN;
    this.codes.channel.set(i, this.channels.code(r[3]));
    this.codes.agent.set(i, this.agents.code(r[4]));
    this.codes.skill.set(i, this.skills.code(r[5]));
    this.codes.status.set(i, this.statuses.code(r[6]));
    this.typ(i, r[7], r[8]);
    this.codes.evaluation.set(i, this.evaluations.code(r[9]));
  }

  private typ(i: number, code: string, description: string): void {
    this.codes.typ.set(i, this.typifications.code(code, description));
  }

  private grow(atLeast: number): void {
    this.resize(Math.max(atLeast, Math.ceil(this.ids.length * 1.5), 1024));
  }

  private resize(capacity: number): void {
    const f64 = (a: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(a.subarray(0, this.n));
      return next;
    };
    this.ids = f64(this.ids);
    this.created = f64(this.created);
    this.closed = f64(this.closed);
    for (const f of FACETS) this.codes[f].arr = this.codes[f].resized(capacity, this.n);
  }

  /** Rewrites changed rows in place, drops removed ones and merges new ones in id order. */
  private apply(changed: Row[], removed: number[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    const present = new Set(changed.map((r) => r[0]));
    const drop: number[] = [];
    for (const id of removed) {
      // An id removed and then written again (a re-synced row) is in `changed` as it is now.
      if (present.has(id)) continue;
      const at = this.find(id);
      if (at >= 0) drop.push(at);
    }
    const fresh: Row[] = [];
    for (const r of changed) {
      const at = this.find(r[0]);
      if (at >= 0) this.write(at, r);
      else fresh.push(r);
    }
    if (fresh.length === 0 && drop.length === 0) return;
    fresh.sort((a, b) => a[0] - b[0]);
    if (drop.length === 0 && (this.n === 0 || fresh[0]![0] > this.ids[this.n - 1]!)) {
      // The common case (a sync of recent days): new rows come after every kept one.
      if (this.n + fresh.length > this.ids.length) this.grow(this.n + fresh.length);
      for (const r of fresh) this.write(this.n++, r);
      return;
    }
    this.merge(fresh, [...new Set(drop)].sort((a, b) => a - b));
  }

  /** First index whose id is above `id` (ids not present). */
  private insertionPoint(id: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Rebuilds the arrays: kept rows copied in runs between the dropped and the inserted ones. */
  private merge(fresh: Row[], drop: number[]): void {
    const at = fresh.map((r) => this.insertionPoint(r[0]));
    const old = { n: this.n, ids: this.ids, created: this.created, closed: this.closed, codes: Object.fromEntries(FACETS.map((f) => [f, this.codes[f].arr])) as Record<ColumnFacet, CodeArray> };
    const capacity = Math.max(1024, Math.ceil((this.n - drop.length + fresh.length) * 1.25));
    this.ids = new Float64Array(capacity);
    this.created = new Float64Array(capacity);
    this.closed = new Float64Array(capacity);
    for (const f of FACETS) this.codes[f].arr = old.codes[f] instanceof Uint16Array ? new Uint16Array(capacity) : new Uint32Array(capacity);
    let out = 0;
    const copyRun = (from: number, to: number) => {
      if (to <= from) return;
      this.ids.set(old.ids.subarray(from, to), out);
      this.created.set(old.created.subarray(from, to), out);
      this.closed.set(old.closed.subarray(from, to), out);
      for (const f of FACETS) this.codes[f].arr.set(old.codes[f].subarray(from, to), out);
      out += to - from;
    };
    let from = 0;
    let d = 0;
    let k = 0;
    while (d < drop.length || k < fresh.length) {
      const nextDrop = d < drop.length ? drop[d]! : Infinity;
      const nextInsert = k < fresh.length ? at[k]! : Infinity;
      if (nextInsert <= nextDrop) {
        copyRun(from, nextInsert);
        from = Math.max(from, nextInsert);
        this.write(out++, fresh[k++]!);
      } else {
        copyRun(from, nextDrop);
        from = nextDrop + 1;
        d++;
      }
    }
    copyRun(from, old.n);
    this.n = out;
  }
}
