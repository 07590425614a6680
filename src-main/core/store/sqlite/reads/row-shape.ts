/**
 * The shapes rows leave the store in, and the SELECT lists that build them. The grid gets long text
 * cut (a 100 KB email must not travel to a grid cell); the export and the detail view get it whole.
 */
import { API_FIELDS, type Chat4Record } from '../../../wolkvox/fields';
import { COLUMN_OF, GRID_TEXT_LIMIT, LONG_FIELDS } from '../../sql/columns';
import type { InteractionRecord, InteractionRow } from '../../types';
import { cutForGrid } from '../../page-rules';

export type { InteractionRecord, InteractionRow } from '../../types';

const LONG = new Set<string>(LONG_FIELDS);

export const GRID_SELECT = [
  'i.id AS id',
  'i.uid AS uid',
  'i.created_utc AS created_utc',
  'i.closed_utc AS closed_utc',
  ...API_FIELDS.map((f) => {
    const c = COLUMN_OF[f];
    if (!LONG.has(f)) return `i.${c} AS ${c}`;
    // SQLite's substr() and length() stop at a NUL: a text holding one comes whole and is cut here (cutForGrid).
    const nul = `instr(CAST(i.${c} AS BLOB), x'00') > 0`;
    return `CASE WHEN ${nul} THEN i.${c} ELSE substr(i.${c}, 1, ${GRID_TEXT_LIMIT}) END AS ${c}, ${nul} AS ${c}_nul, length(i.${c}) > ${GRID_TEXT_LIMIT} AS ${c}_cut`;
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
  const fields = fieldsOf(r);
  let truncated = false;
  for (const f of LONG_FIELDS) {
    const c = COLUMN_OF[f];
    if (r[`${c}_nul`] === 1) {
      const cut = cutForGrid(fields[f]);
      fields[f] = cut.text;
      truncated ||= cut.cut;
    } else truncated ||= r[`${c}_cut`] === 1;
  }
  return { id: r.id as number, uid: r.uid as string, createdUtc: r.created_utc as number | null, closedUtc: r.closed_utc as number | null, truncated, ...fields };
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
