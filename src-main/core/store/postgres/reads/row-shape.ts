/**
 * The shapes rows leave the team cache in, and the SELECT lists that build them, as the port gives them
 * (../../types.ts): every text decoded (text-codec.ts). The grid gets body, answer and comments cut to
 * GRID_TEXT_LIMIT characters (by code point, as the embedded cache cuts them) and says so; the export and
 * the detail view get them whole.
 */
import { API_FIELDS, type Chat4Record } from '../../../wolkvox/fields';
import { COLUMN_OF, GRID_TEXT_LIMIT, LONG_FIELDS } from '../../sql/columns';
import type { InteractionRecord, InteractionRow } from '../../types';
import { decodeText } from '../text-codec';
import { cutForGrid } from '../../page-rules';

const LONG = new Set<string>(LONG_FIELDS);
/** The escape character of text-codec.ts: a stored text holding it is longer than the text it stands for. */
const ESCAPED = 'strpos(i.%c, chr(57344)) > 0';

export const GRID_SELECT = [
  'i.id AS id',
  'i.uid AS uid',
  'i.created_utc AS created_utc',
  'i.closed_utc AS closed_utc',
  ...API_FIELDS.map((f) => {
    const c = COLUMN_OF[f];
    if (!LONG.has(f)) return `i.${c} AS ${c}`;
    // An escaped text (a U+0000 in it) comes whole and is cut once decoded: its stored length is not its length.
    const escaped = ESCAPED.replace('%c', c);
    return `CASE WHEN ${escaped} THEN i.${c} ELSE substr(i.${c}, 1, ${GRID_TEXT_LIMIT}) END AS ${c}, ${escaped} AS ${c}_esc, length(i.${c}) > ${GRID_TEXT_LIMIT} AS ${c}_cut`;
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

export type DbRow = Record<string, unknown>;

/** The 17 fields of a row, decoded. */
export function fieldsOf(r: DbRow): Chat4Record {
  const out = {} as Chat4Record;
  for (const f of API_FIELDS) out[f] = decodeText(String(r[COLUMN_OF[f]] ?? ''));
  return out;
}

export function toGridRow(r: DbRow): InteractionRow {
  const fields = fieldsOf(r);
  let truncated = false;
  for (const f of LONG_FIELDS) {
    const c = COLUMN_OF[f];
    if (r[`${c}_esc`] === true) {
      const cut = cutForGrid(fields[f]);
      fields[f] = cut.text;
      truncated ||= cut.cut;
    } else truncated ||= r[`${c}_cut`] === true;
  }
  return {
    id: r.id as number,
    uid: decodeText(r.uid as string),
    createdUtc: r.created_utc as number | null,
    closedUtc: r.closed_utc as number | null,
    truncated,
    ...fields,
  };
}

export function toRecord(r: DbRow): InteractionRecord {
  return {
    id: r.id as number,
    uid: decodeText(r.uid as string),
    createdUtc: r.created_utc as number | null,
    closedUtc: r.closed_utc as number | null,
    server: decodeText(r.server as string),
    zone: decodeText(r.zone as string),
    ...fieldsOf(r),
  };
}
