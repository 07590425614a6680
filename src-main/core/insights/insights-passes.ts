/**
 * The two passes of an Insights request over the selected rows of the columns (insights-compute.ts
 * turns their totals into figures). Each is its own small function on purpose: V8 optimises a hot
 * loop soonest when it is alone in its function, and the first requests after the columns load are
 * the ones a supervisor waits for (one function holding both loops and the figures took 2–4 requests
 * to reach its steady speed).
 */
import type { InsightsColumnsView } from './insights-dict';
import type { InsightsScratch } from './insights-scratch';
import { QUARTER_MS } from './insights-time';

/** More quarter × channel cells than this (a selection spanning decades) are kept sparse instead. */
const DENSE_CELLS = 1 << 22;

export interface Tally {
  total: number;
  /** First and last UTC quarter hour of a selected creation instant (Infinity, -Infinity when none). */
  qMin: number;
  qMax: number;
  /** Runs of selected rows in one quarter hour: rows come in creation order, so at least the quarters in use. */
  runs: number;
  agentRows: Int32Array;
  agentClosed: Int32Array;
  agentEvaluated: Int32Array;
  agentSum: Float64Array;
  /** Closed rows with a creation instant: the handle times, per agent. */
  handleCount: Int32Array;
  typTotal: Int32Array;
  typClosed: Int32Array;
  evalCount: Int32Array;
}

/** First pass: counts per agent, typification and survey value, and the span of creation instants. */
export function tallyRows(cols: InsightsColumnsView, mask: Uint8Array, evalValue: Float64Array): Tally {
  const n = cols.n;
  const created = cols.created;
  const closed = cols.closed;
  const agent = cols.code('agent');
  const evaluation = cols.code('evaluation');
  const typ = cols.code('typ');
  const nAgents = cols.agents.size;
  const agentRows = new Int32Array(nAgents);
  const agentClosed = new Int32Array(nAgents);
  const agentEvaluated = new Int32Array(nAgents);
  const agentSum = new Float64Array(nAgents);
  const handleCount = new Int32Array(nAgents);
  const typTotal = new Int32Array(cols.typifications.size);
  const typClosed = new Int32Array(cols.typifications.size);
  const evalCount = new Int32Array(cols.evaluations.size);
  let total = 0;
  let qMin = Infinity;
  let qMax = -Infinity;
  let runs = 0;
  let lastQ = NaN;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    total++;
    const a = agent[i]!;
    agentRows[a]!++;
    const isClosed = closed[i] === closed[i];
    if (isClosed) agentClosed[a]!++;
    const e = evaluation[i]!;
    evalCount[e]!++;
    const v = evalValue[e]!;
    if (v > 0) {
      agentEvaluated[a]!++;
      agentSum[a]! += v;
    }
    const t = typ[i]!;
    typTotal[t]!++;
    if (isClosed) typClosed[t]!++;
    const c = created[i]!;
    if (c === c) {
      const q = Math.floor(c / QUARTER_MS);
      if (q < qMin) qMin = q;
      if (q > qMax) qMax = q;
      if (q !== lastQ) {
        runs++;
        lastQ = q;
      }
      if (isClosed) handleCount[a]!++;
    }
  }
  return { total, qMin, qMax, runs, agentRows, agentClosed, agentEvaluated, agentSum, handleCount, typTotal, typClosed, evalCount };
}

export interface Placed {
  /** Rows per (slot × channel); a slot is a UTC quarter hour, `quarter(slot)` gives which. */
  cells: Int32Array;
  slotEvaluated: Int32Array;
  slotSum: Float64Array;
  slots: number;
  nChannels: number;
  quarter: (slot: number) => number;
  /** Handle times grouped by agent: agent a's are handles[start[a] .. start[a + 1]). */
  handles: Float64Array;
  start: Int32Array;
  /** Rows whose quarter hour is not in one local hour (see placeRows), to be placed one by one. */
  odd: number[];
}

/**
 * Second pass: quarter × channel cells with survey sums, and the handle times grouped by agent. A quarter
 * is counted as a whole only when `inOneHour(q)` says all its instants fall in one local hour; the rows
 * of any other quarter (one holding an offset change at a minute past the hour, as St. John's had until
 * 2011, or an offset of minutes and seconds, as Monrovia's until 1972) are listed in `odd`.
 */
export function placeRows(cols: InsightsColumnsView, mask: Uint8Array, evalValue: Float64Array, tally: Tally, scratch: InsightsScratch, inOneHour: (quarter: number) => boolean): Placed {
  const { qMin, qMax, runs, handleCount } = tally;
  const nAgents = cols.agents.size;
  const nChannels = cols.channels.size;
  const dense = qMin <= qMax && (qMax - qMin + 1) * nChannels <= DENSE_CELLS;
  const slots = qMin > qMax ? 0 : dense ? qMax - qMin + 1 : Math.min(runs, qMax - qMin + 1);
  const cells = scratch.cells.take(slots * nChannels);
  const slotEvaluated = new Int32Array(slots);
  const slotSum = new Float64Array(slots);
  const start = new Int32Array(nAgents + 1);
  for (let a = 0; a < nAgents; a++) start[a + 1] = start[a]! + handleCount[a]!;
  const fill = start.slice(0, nAgents);
  const handles = scratch.handles.take(start[nAgents]!);
  const placed = { cells, slotEvaluated, slotSum, slots, nChannels, handles, start, odd: [] as number[] };
  if (slots === 0) return { ...placed, quarter: (s) => s };
  if (dense) {
    placeLoop(cols, mask, evalValue, placed, fill, (q) => (inOneHour(q) ? q - qMin : -1));
    return { ...placed, quarter: (s) => qMin + s };
  }
  // A selection spanning decades: slots numbered in order of first sight.
  const quarterOf: number[] = [];
  const slotOf = new Map<number, number>();
  placeLoop(cols, mask, evalValue, placed, fill, (q) => {
    if (!inOneHour(q)) return -1;
    let s = slotOf.get(q);
    if (s === undefined) slotOf.set(q, (s = quarterOf.push(q) - 1));
    return s;
  });
  return { ...placed, quarter: (s) => quarterOf[s]! };
}

type Targets = Omit<Placed, 'quarter' | 'slots' | 'start'>;

/** `slotOf` gives a quarter's slot, or -1 for a quarter whose rows go to `odd`; asked once per run of rows in one quarter. */
function placeLoop(cols: InsightsColumnsView, mask: Uint8Array, evalValue: Float64Array, out: Targets, fill: Int32Array, slotOf: (quarter: number) => number): void {
  const { cells, slotEvaluated, slotSum, nChannels, handles, odd } = out;
  const n = cols.n;
  const created = cols.created;
  const closed = cols.closed;
  const agent = cols.code('agent');
  const channel = cols.code('channel');
  const evaluation = cols.code('evaluation');
  let lastQ = NaN;
  let s = -1;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) continue;
    const c = created[i]!;
    if (c !== c) continue;
    const q = Math.floor(c / QUARTER_MS);
    if (q !== lastQ) {
      lastQ = q;
      s = slotOf(q);
    }
    if (s < 0) odd.push(i);
    else {
      cells[s * nChannels + channel[i]!]!++;
      const v = evalValue[evaluation[i]!]!;
      if (v > 0) {
        slotEvaluated[s]!++;
        slotSum[s]! += v;
      }
    }
    const h = closed[i]! - c;
    if (h === h) handles[fill[agent[i]!]!++] = h;
  }
}
