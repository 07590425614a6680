/**
 * How a grid sort reads the interactions table (`i`), for both SQL backends: which expression, whether it can
 * be NULL, and the direction. A backend whose text order is not already byte order (PostgreSQL, with the
 * database's locale) names a byte-order collation for text sorts (the port's rule, ../collation.ts).
 */
import { badInput } from '../../errors';
import { API_FIELDS, type ApiField } from '../../wolkvox/fields';
import { DEFAULT_SORT, type SortDir, type SortSpec } from '../filter';
import { COLUMN_OF } from './columns';

export interface SortKey {
  /** SQL expression over `i`, or null when the order is the id itself (creation order). */
  expr: string | null;
  nullable: boolean;
  dir: SortDir;
}

/** Long text sorts on its first 100 characters: enough to order by, small enough for a cursor. */
const PREFIX_SORTED: ReadonlySet<ApiField> = new Set(['body', 'answer', 'comments', 'attachments']);

/** `textCollation`: the collation text sorts compare in (none: the backend's own order is byte order). */
export function sortKeyOf(sort: SortSpec = DEFAULT_SORT, textCollation?: string): SortKey {
  const { field, dir } = sort;
  if (dir !== 'asc' && dir !== 'desc') throw badInput('The sort direction must be asc or desc.');
  if (field === 'created' || field === 'date_creation') return { expr: null, nullable: false, dir };
  if (field === 'close_date') return { expr: 'i.closed_utc', nullable: true, dir };
  if (!(API_FIELDS as readonly string[]).includes(field)) throw badInput(`Cannot sort by ${String(field)}.`);
  const column = `i.${COLUMN_OF[field]}`;
  const text = PREFIX_SORTED.has(field) ? `substr(${column}, 1, 100)` : column;
  return { expr: textCollation ? `${text} COLLATE "${textCollation}"` : text, nullable: false, dir };
}
