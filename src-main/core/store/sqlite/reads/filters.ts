/**
 * The grid's filters and sorts, turned into SQL over `interactions AS i`. Values are always bound
 * parameters; column names come only from the fixed mapping in columns.ts.
 */
import { REVIEW_STATUSES } from '../../../reviews/types';
import { badInput } from '../../../errors';
import { COLUMN_OF, FACET_OF_FILTER_KEY, type FilterKey } from '../../sql/columns';
import { checkCreatedSlot, createdSlotSql } from '../../sql/created-slot';
import type { InteractionFilter } from '../../filter';
import { firstIdAtOrAfter } from '../connection/ids';
import { toFtsSearch, type FtsSearch } from './search-text';

export { DEFAULT_SORT, type InteractionFilter, type SortField, type SortDir, type SortSpec } from '../../filter';
export { sortKeyOf, type SortKey } from '../../sql/sort-key';


const REVIEW_STATES: ReadonlySet<string> = new Set(REVIEW_STATUSES);

/** Conditions for the audit filters (review state, sample), which live beside the cache, not in it. */
function auditConditions(filter: InteractionFilter, where: string[], params: unknown[]): void {
  const states = filter.reviewStatuses;
  if (states !== undefined && states.length > 0) {
    if (!Array.isArray(states) || states.some((s) => !REVIEW_STATES.has(s))) throw badInput('Unknown review status in the filter.');
    const decided = states.filter((s) => s !== 'unreviewed');
    const parts: string[] = [];
    if (decided.length) {
      parts.push(`i.uid IN (SELECT interaction_uid FROM reviews WHERE status IN (${decided.map(() => '?').join(', ')}))`);
      params.push(...decided);
    }
    if (states.includes('unreviewed')) parts.push("i.uid NOT IN (SELECT interaction_uid FROM reviews WHERE status <> 'unreviewed')");
    where.push(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
  }
  if (filter.sampleId !== undefined) {
    if (!Number.isInteger(filter.sampleId)) throw badInput('The sample filter must be a sample id.');
    where.push('i.uid IN (SELECT interaction_uid FROM sample_members WHERE sample_id = ?)');
    params.push(filter.sampleId);
  }
}


export interface CompiledFilter {
  /** Conditions on `i`, ANDed (the id bounds of the dates apart: see idBounds). */
  where: string[];
  params: unknown[];
  /**
   * The dates' bounds on the row id (ids are date-ordered, so SQLite seeks; the created_utc conditions
   * in `where` keep the range exact). Apart, so that one compile serves every place a request applies
   * them: to `i.id`, or to the FTS table's rowid, where FTS5 itself skips postings outside the range.
   */
  idBounds: { op: '>=' | '<'; value: number }[];
  /** The FTS5 query, when the filter has searchable text. */
  fts: string | null;
}

const FILTER_KEYS = Object.keys(FACET_OF_FILTER_KEY) as FilterKey[];

/** A compiled filter's conditions with its id bounds applied to `idExpr`. */
export function conditionsAt(compiled: CompiledFilter, idExpr: string): { where: string[]; params: unknown[] } {
  return {
    where: [...compiled.idBounds.map((b) => `${idExpr} ${b.op} ?`), ...compiled.where],
    params: [...compiled.idBounds.map((b) => b.value), ...compiled.params],
  };
}

/**
 * Compiles a filter, checking every value; `skip` leaves out one value filter (a facet counts with
 * every filter but its own). A request compiles its filter once and applies it where it needs it.
 */
export function compileFilter(filter: InteractionFilter = {}, skip?: FilterKey): CompiledFilter {
  const where: string[] = [];
  const params: unknown[] = [];
  const idBounds: CompiledFilter['idBounds'] = [];
  if (filter.fromUtc !== undefined) {
    const from = instant(filter.fromUtc, 'fromUtc');
    idBounds.push({ op: '>=', value: firstIdAtOrAfter(from) });
    where.push('i.created_utc >= ?');
    params.push(from);
  }
  if (filter.toUtc !== undefined) {
    const to = instant(filter.toUtc, 'toUtc');
    idBounds.push({ op: '<', value: firstIdAtOrAfter(to) + SPILL_MARGIN });
    where.push('i.created_utc < ?');
    params.push(to);
  }
  for (const key of FILTER_KEYS) {
    if (key === skip) continue;
    const values = filter[key];
    if (values === undefined) continue;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw badInput(`The ${key} filter must be a list of texts.`);
    if (values.length === 0) continue;
    const column = COLUMN_OF[FACET_OF_FILTER_KEY[key]];
    where.push(values.length === 1 ? `i.${column} = ?` : `i.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  if (filter.createdSlot !== undefined) {
    // Offsets read only over the filter's own dates when it has them (a shorter CASE, computed faster).
    where.push(createdSlotSql(checkCreatedSlot(filter.createdSlot), 'i.created_utc', { fromUtc: filter.fromUtc, toUtc: filter.toUtc }));
  }
  if (filter.closed !== undefined) {
    if (typeof filter.closed !== 'boolean') throw badInput('The closed filter must be true or false.');
    where.push(filter.closed ? 'i.closed_utc IS NOT NULL' : 'i.closed_utc IS NULL');
  }
  auditConditions(filter, where, params);
  const search = ftsSearchOfFilter(filter);
  if (search?.excludeOnly) {
    // Only words to leave out: FTS5 cannot match "not x" alone, so the rows that hold x are subtracted.
    where.push(EXCLUDED);
    params.push(search.excludeOnly);
  }
  return { where, params, idBounds, fts: search?.match ?? null };
}

const EXCLUDED = 'i.id NOT IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ?)';

/** The filter's text as FTS5 expressions, or null when it has nothing searchable. */
export function ftsSearchOfFilter(filter: InteractionFilter): FtsSearch | null {
  if (filter.text !== undefined && typeof filter.text !== 'string') throw badInput('The search text must be a text.');
  return filter.text ? toFtsSearch(filter.text) : null;
}

/** The expression the filter's rows must match, or null when no row must match one. */
export function ftsQueryOf(filter: InteractionFilter): string | null {
  return ftsSearchOfFilter(filter)?.match ?? null;
}

/**
 * A second holding more than 65,536 rows spills into the next one (ids.ts); the upper id bound leaves
 * room for that, and the exact created_utc test does the rest.
 */
const SPILL_MARGIN = 65536;

function instant(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`${name} must be an instant in milliseconds.`);
  return value;
}
