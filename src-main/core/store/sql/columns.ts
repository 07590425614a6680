/**
 * Where each API field lives in SQL. `from` and `to` are SQL keywords, so they get safe column names;
 * every other field keeps its API name. One mapping, used by the schema, the upsert and every query of
 * both SQL backends (SQLite and PostgreSQL name their columns alike).
 */
import { API_FIELDS, type ApiField } from '../../wolkvox/fields';

export const COLUMN_OF: Readonly<Record<ApiField, string>> = Object.freeze({
  channel: 'channel',
  agent_name: 'agent_name',
  skill_id: 'skill_id',
  case_id: 'case_id',
  subject: 'subject',
  from: 'from_addr',
  to: 'to_addr',
  body: 'body',
  answer: 'answer',
  date_creation: 'date_creation',
  close_date: 'close_date',
  evaluation_survey: 'evaluation_survey',
  cod_act: 'cod_act',
  cod_description: 'cod_description',
  comments: 'comments',
  attachments: 'attachments',
  status: 'status',
});

/** SQL columns of the 17 fields, in API order. */
export const FIELD_COLUMNS: readonly string[] = API_FIELDS.map((f) => COLUMN_OF[f]);

/** The fields the full-text index covers, in the FTS table's column order. */
export const FTS_FIELDS: readonly ApiField[] = [
  'subject',
  'body',
  'answer',
  'comments',
  'from',
  'to',
  'agent_name',
  'cod_description',
  'case_id',
  'attachments',
];

/** Long text the grid shows cut (the full text is one `getInteraction` away). */
export const LONG_FIELDS: readonly ApiField[] = ['body', 'answer', 'comments'];
export const GRID_TEXT_LIMIT = 2000;

export { FACET_FIELDS, FACET_FILTER_KEYS, FACET_OF_FILTER_KEY, type FacetField, type FacetFilterKey as FilterKey } from '../../api/constants';

export function isApiField(value: unknown): value is ApiField {
  return typeof value === 'string' && (API_FIELDS as readonly string[]).includes(value);
}
