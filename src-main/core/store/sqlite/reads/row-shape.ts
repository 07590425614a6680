/**
 * The shapes rows leave the store in, and the SELECT lists that build them. The grid gets long text
 * cut (a 100 KB email must not travel to a grid cell); the export and the detail view get it whole.
 */
import { API_FIELDS, type ApiField, type Chat4Record } from '../../../wolkvox/fields';
import { COLUMN_OF, GRID_TEXT_LIMIT, LONG_FIELDS } from './columns';

/** A grid row: the 17 fields (body, answer and comments cut to 2,000 characters), plus keys and instants. */
export type InteractionRow = Chat4Record & {
  id: number;
  uid: string;
  createdUtc: number | null;
  closedUtc: number | null;
  /** True when body, answer or comments was cut for the grid. */
  truncated: boolean;
  /** During a search: the fields that hold a searched term (store/matched-fields.ts). */
  matchedFields?: ApiField[];
};

/** A whole row, as the export and the conversation view need it. */
export type InteractionRecord = Chat4Record & {
  id: number;
  uid: string;
  createdUtc: number | null;
  closedUtc: number | null;
  server: string;
  zone: string;
};

const LONG = new Set<string>(LONG_FIELDS);

export const GRID_SELECT = [
  'i.id AS id',
  'i.uid AS uid',
  'i.created_utc AS created_utc',
  'i.closed_utc AS closed_utc',
  ...API_FIELDS.map((f) => {
    const c = COLUMN_OF[f];
    return LONG.has(f) ? `substr(i.${c}, 1, ${GRID_TEXT_LIMIT}) AS ${c}, length(i.${c}) > ${GRID_TEXT_LIMIT} AS ${c}_cut` : `i.${c} AS ${c}`;
  }),
].join(', ');

export const RECORD_SELECT = [
  'i.id AS id',
  'i.uid AS uid',
  'i.created_utc AS created_utc',
  'i.closed_utc AS closed_utc',
  'i.server AS server',
  'i.zone AS zone',
  ...API_FIELDS.map((f) => `i.${COLUMN_OF[f]} AS ${COLUMN_OF[f]}`),
].join(', ');

type DbRow = Record<string, unknown>;

function fieldsOf(r: DbRow): Chat4Record {
  const out = {} as Chat4Record;
  for (const f of API_FIELDS) out[f] = r[COLUMN_OF[f]] as string;
  return out;
}

export function toGridRow(r: DbRow): InteractionRow {
  return {
    id: r.id as number,
    uid: r.uid as string,
    createdUtc: r.created_utc as number | null,
    closedUtc: r.closed_utc as number | null,
    truncated: LONG_FIELDS.some((f) => r[`${COLUMN_OF[f]}_cut`] === 1),
    ...fieldsOf(r),
  };
}

export function toRecord(r: DbRow): InteractionRecord {
  return {
    id: r.id as number,
    uid: r.uid as string,
    createdUtc: r.created_utc as number | null,
    closedUtc: r.closed_utc as number | null,
    server: r.server as string,
    zone: r.zone as string,
    ...fieldsOf(r),
  };
}
