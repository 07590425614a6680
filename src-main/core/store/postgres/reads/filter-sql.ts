/**
 * The grid's filters and sorts as PostgreSQL conditions over `interactions AS i` (or another alias):
 * the same rows as the SQLite cache's filters.ts. Values are always bound parameters ($n, numbered by
 * the query they end up in: SqlParams), written through text-codec.ts like every stored text; column
 * names come only from the fixed mapping (../../sql/columns.ts).
 *
 * A filter is compiled (checked) once and its conditions written wherever a request applies them.
 */
import { badInput } from '../../../errors';
import { REVIEW_STATUSES } from '../../../reviews/types';
import { parseSearch } from '../../../search/query';
import type { InteractionFilter, SortSpec } from '../../filter';
import { COLUMN_OF, FACET_OF_FILTER_KEY, type FilterKey } from '../../sql/columns';
import { sortKeyOf, type SortKey } from '../../sql/sort-key';
import { checkCreatedSlot, createdSlotSql } from '../../sql/created-slot';
import { firstIdOfSecond, SLOTS_PER_SECOND } from '../../sql/row-ids';
import { searchQueryOf } from '../search';
import { encodeText } from '../text-codec';

/** The parameters of one statement, numbered in the order their placeholders are written. */
export class SqlParams {
  readonly values: unknown[] = [];
  /** Binds `value` and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** Binds a text (encoded for storage, text-codec.ts). */
  text(value: string): string {
    return this.add(encodeText(value));
  }
}

export interface PgCompiledFilter {
  /** The conditions on `alias` (default `i`), ANDed; their values are bound to `params`. */
  conditions(params: SqlParams, alias?: string): string[];
  /** The tsquery literal the rows must match (search.ts), or null when the filter has no text to find. */
  readonly tsquery: string | null;
}

const FILTER_KEYS = Object.keys(FACET_OF_FILTER_KEY) as FilterKey[];
const REVIEW_STATES: ReadonlySet<string> = new Set(REVIEW_STATUSES);

/** `WHERE a AND b`, or nothing. */
export function whereOf(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * Compiles a filter, checking every value; `skip` leaves out one value filter (a facet counts with every
 * filter but its own).
 */
export function compilePgFilter(filter: InteractionFilter = {}, skip?: FilterKey): PgCompiledFilter {
  const from = filter.fromUtc === undefined ? undefined : instant(filter.fromUtc, 'fromUtc');
  const to = filter.toUtc === undefined ? undefined : instant(filter.toUtc, 'toUtc');
  const values: [string, string[]][] = [];
  for (const key of FILTER_KEYS) {
    if (key === skip) continue;
    const list = filter[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) throw badInput(`The ${key} filter must be a list of texts.`);
    if (list.length > 0) values.push([COLUMN_OF[FACET_OF_FILTER_KEY[key]], list]);
  }
  const slot = filter.createdSlot === undefined ? undefined : checkCreatedSlot(filter.createdSlot);
  if (filter.closed !== undefined && typeof filter.closed !== 'boolean') throw badInput('The closed filter must be true or false.');
  const states = reviewStatesOf(filter);
  if (filter.sampleId !== undefined && !Number.isInteger(filter.sampleId)) throw badInput('The sample filter must be a sample id.');
  if (filter.text !== undefined && typeof filter.text !== 'string') throw badInput('The search text must be a text.');
  const tsquery = filter.text ? searchQueryOf(parseSearch(filter.text)) : null;

  return {
    tsquery,
    conditions(params, alias = 'i') {
      const where: string[] = [];
      // The id bounds let a date range seek the primary key (ids are date-ordered); created_utc keeps it exact.
      if (from !== undefined) where.push(`${alias}.id >= ${params.add(firstIdAtOrAfter(from))}`, `${alias}.created_utc >= ${params.add(wholeMs(from))}`);
      if (to !== undefined) where.push(`${alias}.id < ${params.add(firstIdAtOrAfter(to) + SLOTS_PER_SECOND)}`, `${alias}.created_utc < ${params.add(wholeMs(to))}`);
      for (const [column, list] of values) {
        // COLLATE "C": the same rows (equality is byte equality in any deterministic collation), and the index
        // that serves it is the sort's (migration 3; migration 12 dropped the default collation's twins).
        where.push(list.length === 1 ? `${alias}.${column} COLLATE "C" = ${params.text(list[0]!)}` : `${alias}.${column} COLLATE "C" = ANY(${params.add(list.map(encodeText))}::text[])`);
      }
      // Offsets read only over the filter's own dates when it has them (a shorter CASE).
      if (slot) where.push(createdSlotSql(slot, `${alias}.created_utc`, { fromUtc: from, toUtc: to }));
      if (filter.closed !== undefined) where.push(filter.closed ? `${alias}.closed_utc IS NOT NULL` : `${alias}.closed_utc IS NULL`);
      if (states) where.push(reviewStateCondition(states, params, alias));
      if (filter.sampleId !== undefined) where.push(`${alias}.uid IN (SELECT interaction_uid FROM sample_members WHERE sample_id = ${params.add(filter.sampleId)})`);
      if (tsquery) where.push(`${alias}.search @@ ${params.add(tsquery)}::tsquery`);
      return where;
    },
  };
}

function reviewStatesOf(filter: InteractionFilter): string[] | null {
  const states = filter.reviewStatuses;
  if (states === undefined || states.length === 0) return null;
  if (!Array.isArray(states) || states.some((s) => !REVIEW_STATES.has(s))) throw badInput('Unknown review status in the filter.');
  return states;
}

/** Review states live beside the cache, keyed by uid: 'unreviewed' is every row without a started or decided review. */
function reviewStateCondition(states: readonly string[], params: SqlParams, alias: string): string {
  const decided = states.filter((s) => s !== 'unreviewed');
  const parts: string[] = [];
  if (decided.length) parts.push(`${alias}.uid IN (SELECT interaction_uid FROM reviews WHERE status = ANY(${params.add(decided)}::text[]))`);
  if (states.includes('unreviewed')) parts.push(`${alias}.uid NOT IN (SELECT interaction_uid FROM reviews WHERE status <> 'unreviewed')`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Seconds far beyond any date a cache holds (about 2,000 years from 1970): ids stay exact doubles. */
const FAR_SECOND = 2 ** 36;

/**
 * Smallest id of a row created at or after `ms` (ids are date-ordered, ../../sql/row-ids.ts), for any
 * instant a filter may name. The upper bound adds one second more: a second holding more than
 * SLOTS_PER_SECOND rows spills into the next one.
 */
function firstIdAtOrAfter(ms: number): number {
  return firstIdOfSecond(Math.min(FAR_SECOND, Math.max(-FAR_SECOND, Math.ceil(ms / 1000))));
}

/** created_utc holds whole milliseconds: `>= x` and `< x` mean `>= ceil(x)` and `< ceil(x)` (a bigint parameter takes no fraction). */
function wholeMs(ms: number): number {
  return Math.min(FAR_SECOND * 1000, Math.max(-FAR_SECOND * 1000, Math.ceil(ms)));
}

function instant(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`${name} must be an instant in milliseconds.`);
  return value;
}

export type PgSortKey = SortKey;

/**
 * Text sorts compare bytes (COLLATE "C"): UTF-8 byte order is code point order, the port's rule
 * (../../collation.ts compareUtf8), whatever the database's locale.
 */
export const pgSortKeyOf = (sort?: SortSpec): PgSortKey => sortKeyOf(sort, 'C');
