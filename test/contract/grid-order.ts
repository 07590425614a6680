/**
 * The grid's order, written down as a rule a test can compute by hand (and a second backend must meet):
 * - a page is ordered by (sort key, id), both in the sort's direction: the order is total, so ties never
 *   repeat or skip a row across pages, and a row's id breaks every tie;
 * - `created` (and `date_creation`) orders by the creation instant; rows with no readable creation date
 *   come before every dated row (oldest);
 * - `close_date` orders by the close instant; rows never closed (null) come first ascending, last
 *   descending (null is the smallest value);
 * - every other field orders by its text compared by Unicode code point, which is UTF-8 byte order
 *   (SQLite's BINARY collation, PostgreSQL's COLLATE "C"): case and accents are NOT folded ("Ana" <
 *   "ana" < "Ána"), and the empty text comes first;
 * - body, answer, comments and attachments order by their first 100 characters (code points) only.
 * The UI relies on the order being total and the same for every page, the count and the export walk.
 */
import type { Store } from '../../src-main/core/store/store';

export type Filter = Parameters<Store['count']>[0];
export type Sort = NonNullable<NonNullable<Parameters<Store['page']>[0]>['sort']>;
/** What a row must carry for the rule: its fields, id and instants (a grid row or a whole record). */
export type OrderedRow = Omit<Awaited<ReturnType<Store['page']>>['rows'][number], 'truncated' | 'matchedFields'>;

const PREFIXED = new Set(['body', 'answer', 'comments', 'attachments']);

/** Code point (= UTF-8 byte) order of two texts. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function keyOf(row: OrderedRow, field: Sort['field']): string | number | null {
  if (field === 'created' || field === 'date_creation') return row.createdUtc ?? Number.NEGATIVE_INFINITY;
  if (field === 'close_date') return row.closedUtc;
  const text = row[field];
  return PREFIXED.has(field) ? [...text].slice(0, 100).join('') : text;
}

export function compareBy(sort: Sort): (a: OrderedRow, b: OrderedRow) => number {
  return (a, b) => {
    const ka = keyOf(a, sort.field);
    const kb = keyOf(b, sort.field);
    let c: number;
    if (ka === null || kb === null) c = ka === kb ? 0 : ka === null ? -1 : 1;
    else if (typeof ka === 'number' && typeof kb === 'number') c = ka === kb ? 0 : ka < kb ? -1 : 1;
    else c = byCodePoint(String(ka), String(kb));
    if (c === 0) c = a.id - b.id;
    return sort.dir === 'desc' ? -c : c;
  };
}

/** The rows a value/date filter selects, decided in JS (the keys this suite's naive readings use). */
export function matches(row: OrderedRow, filter: Filter): boolean {
  const pairs: [readonly string[] | undefined, string][] = [
    [filter.agents, row.agent_name],
    [filter.skills, row.skill_id],
    [filter.channels, row.channel],
    [filter.statuses, row.status],
    [filter.typifications, row.cod_act],
    [filter.evaluations, row.evaluation_survey],
  ];
  if (pairs.some(([values, value]) => values !== undefined && values.length > 0 && !values.includes(value))) return false;
  if (filter.fromUtc !== undefined && (row.createdUtc === null || row.createdUtc < filter.fromUtc)) return false;
  if (filter.toUtc !== undefined && (row.createdUtc === null || row.createdUtc >= filter.toUtc)) return false;
  if (filter.closed !== undefined && (row.closedUtc !== null) !== filter.closed) return false;
  return true;
}

/** A whole row, as the export walk yields it (with its server and zone). */
export type WholeRow = ReturnType<Store['exportWalk']> extends AsyncIterable<(infer R)[]> ? R : never;

/** Every row of the store, whole, read once (the naive reading the paging is compared with). */
export async function everyRow(store: Store): Promise<WholeRow[]> {
  const rows: WholeRow[] = [];
  for await (const batch of store.exportWalk({})) rows.push(...batch);
  return rows;
}
