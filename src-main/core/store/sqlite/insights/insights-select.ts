/**
 * Which rows of the Insights columns a filter selects, with the grid's own semantics (filters.ts
 * compileFilter): dates, the heatmap cell (createdSlot), closed or open and the six facet lists are tested here over the
 * columns; every other key (search text, review states, sample, and any key added to filters.ts later)
 * is asked of SQLite through compileFilter/filtered() restricted to those keys, and the ids it returns
 * intersected with the rest.
 * Review states are tested here too, from the selection's reviews the request reads anyway: in SQL,
 * "unreviewed" is a NOT IN over every row (about a second on a million rows), here a few thousand
 * lookups. Only the keys in JS_KEYS are handled here: a new key goes to SQL without a change in this file.
 */
import type { FilterKey } from '../../sql/columns';
import type { Db } from '../connection/database';
import { createdSlotTest } from '../../sql/created-slot';
import { compileFilter, type InteractionFilter } from '../reads/filters';
import type { InsightsColumns } from './insights-columns';
import { firstIdAtOrAfter, SLOTS_PER_SECOND } from '../connection/ids';
import type { InsightsScratch } from '../../../insights/insights-scratch';
import { selectionOf } from '../reads/queries';

/** A review of a row in the cache: its row id and status. */
export interface ReviewState {
  id: number;
  status: string;
}

/** Every facet filter key (api/constants.ts) tested over the columns, with the column each one reads. */
const FACET_OF = {
  agents: 'agent',
  skills: 'skill',
  channels: 'channel',
  statuses: 'status',
  typifications: 'typ',
  evaluations: 'evaluation',
} as const satisfies Record<FilterKey, string>;

/** The keys handled in JavaScript; every other key of a filter is resolved by SQL. */
export const JS_KEYS: readonly string[] = ['fromUtc', 'toUtc', 'reviewStatuses', 'createdSlot', 'closed', ...Object.keys(FACET_OF)];

/** One byte per row: 1 when the filter selects it. */
export function selectionMask(db: Db, cols: InsightsColumns, filter: InteractionFilter, reviews: readonly ReviewState[], scratch: InsightsScratch): Uint8Array {
  // The caller has checked the filter (insights.ts, with the grid's own checks).
  const n = cols.n;
  const mask = scratch.mask.take(n);
  const tests: { codes: ArrayLike<number>; allowed: Uint8Array }[] = [];
  for (const [key, facet] of Object.entries(FACET_OF) as [keyof typeof FACET_OF, (typeof FACET_OF)[keyof typeof FACET_OF]][]) {
    const values = filter[key];
    if (!values || values.length === 0) continue;
    const dict = facet === 'typ' ? null : dictOf(cols, facet);
    const allowed = new Uint8Array(facet === 'typ' ? cols.typifications.size : dict!.size);
    for (const v of values) {
      if (facet === 'typ') for (const c of cols.typifications.withFirst(v)) allowed[c] = 1;
      else {
        const c = dict!.find(v);
        if (c !== undefined) allowed[c] = 1;
      }
    }
    tests.push({ codes: cols.code(facet), allowed });
  }
  const from = filter.fromUtc ?? -Infinity;
  const to = filter.toUtc ?? Infinity;
  const dated = filter.fromUtc !== undefined || filter.toUtc !== undefined;
  const created = cols.created;
  // The heatmap cell's test, from the same offsets and arithmetic as its SQL (created-slot.ts), with the
  // bounds filters.ts gives that SQL; null without one, so other filters pay one comparison a row.
  const inSlot = filter.createdSlot ? createdSlotTest(filter.createdSlot, { fromUtc: filter.fromUtc, toUtc: filter.toUtc }) : null;
  // The closed filter as filters.ts has it: a close date (NaN here, NULL there) or none.
  const closedWanted = filter.closed;
  const closed = cols.closed;
  rows: for (let i = 0; i < n; i++) {
    // NaN (no creation date) fails both comparisons: like SQL's NULL, out of any date range.
    if (dated && !(created[i]! >= from && created[i]! < to)) continue;
    for (const t of tests) if (t.allowed[t.codes[i]!] === 0) continue rows;
    if (inSlot !== null && !inSlot(created[i]!)) continue;
    if (closedWanted !== undefined && closedWanted === Number.isNaN(closed[i]!)) continue;
    mask[i] = 1;
  }
  if (filter.reviewStatuses && filter.reviewStatuses.length > 0) keepReviewStates(cols, mask, filter.reviewStatuses, reviews, scratch.flags.take(n));
  const ids = sqlSelection(db, filter);
  if (ids) intersect(cols, mask, ids);
  return mask;
}

/**
 * filters.ts semantics: a decided state selects the rows whose review has it; "unreviewed" selects the
 * rows with no review other than one marked 'unreviewed' (a row has at most one review, by uid).
 */
function keepReviewStates(cols: InsightsColumns, mask: Uint8Array, states: readonly string[], reviews: readonly ReviewState[], flags: Uint8Array): void {
  const decided = new Set(states.filter((s) => s !== 'unreviewed'));
  const unreviewed = states.includes('unreviewed');
  const MATCHES = 1;
  const STARTED = 2;
  for (const r of reviews) {
    const at = cols.find(r.id);
    if (at < 0) continue;
    if (decided.has(r.status)) flags[at]! |= MATCHES;
    if (r.status !== 'unreviewed') flags[at]! |= STARTED;
  }
  for (let i = 0; i < cols.n; i++) {
    const f = flags[i]!;
    if ((f & MATCHES) === 0 && !(unreviewed && (f & STARTED) === 0)) mask[i] = 0;
  }
}

function dictOf(cols: InsightsColumns, facet: Exclude<(typeof FACET_OF)[keyof typeof FACET_OF], 'typ'>) {
  return { agent: cols.agents, skill: cols.skills, channel: cols.channels, status: cols.statuses, evaluation: cols.evaluations }[facet];
}

/** Ids (ascending) of the rows the filter's SQL-only keys select, or null when it has none. */
function sqlSelection(db: Db, filter: InteractionFilter): Float64Array | null {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) if (!JS_KEYS.includes(key)) rest[key] = value;
  const compiled = compileFilter(rest as InteractionFilter);
  if (compiled.where.length === 0 && compiled.idBounds.length === 0 && compiled.fts === null) return null;
  let ids: number[];
  if (compiled.where.length === 0 && compiled.idBounds.length === 0) {
    // Text alone: the index's own rowids (the row ids), without reading a single row. Ids are
    // date-ordered (ids.ts), so a date range bounds them (loosely: a full second spills into the next,
    // whence the margin; the exact dates were tested over the columns).
    const bounds: string[] = [];
    const params: unknown[] = [compiled.fts];
    if (filter.fromUtc !== undefined) {
      bounds.push(' AND rowid >= ?');
      params.push(firstIdAtOrAfter(filter.fromUtc));
    }
    if (filter.toUtc !== undefined) {
      bounds.push(' AND rowid < ?');
      params.push(firstIdAtOrAfter(filter.toUtc) + SLOTS_PER_SECOND);
    }
    ids = db.prepare(`SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ?${bounds.join('')}`).pluck().all(...params) as number[];
  } else {
    const q = selectionOf(compiled);
    ids = db.prepare(`SELECT i.id FROM ${q.from} WHERE ${q.where.join(' AND ')}`).pluck().all(...q.params) as number[];
  }
  return Float64Array.from(ids).sort();
}

/** Clears the rows whose id is not in `ids` (both ascending: one merge pass). */
function intersect(cols: InsightsColumns, mask: Uint8Array, ids: Float64Array): void {
  const own = cols.ids;
  let j = 0;
  for (let i = 0; i < cols.n; i++) {
    const id = own[i]!;
    while (j < ids.length && ids[j]! < id) j++;
    if (j === ids.length || ids[j] !== id) mask[i] = 0;
  }
}
