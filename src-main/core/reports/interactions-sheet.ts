import type { ExportColumn } from '../export/types';
import { API_FIELDS, FRIENDLY_HEADERS, type ApiField, type Chat4Record } from '../wolkvox/fields';

export type HeaderStyle = 'api' | 'friendly';

/** A cached interaction as the export reads it. */
export type ExportableRow = Chat4Record & { createdUtc: number | null; closedUtc: number | null };

const DATE_FIELDS: ReadonlySet<ApiField> = new Set(['date_creation', 'close_date']);
const WRAPPED: ReadonlySet<ApiField> = new Set(['body', 'answer', 'comments']);

/**
 * The 17 fields in the API's documented order. With `--headers api` the titles are the API's field
 * names (a public contract for scheduled jobs); otherwise the friendly titles of the chosen language.
 */
export function interactionColumns(headers: HeaderStyle, language: 'en' | 'es' = 'en'): ExportColumn[] {
  return API_FIELDS.map((field) => ({
    key: field,
    header: headers === 'api' ? field : FRIENDLY_HEADERS[language][field],
    kind: DATE_FIELDS.has(field) ? 'date' : 'text',
    ...(WRAPPED.has(field) ? { wrap: true } : {}),
  }));
}

/** Dates go out as instants (real Excel dates); a date the API sent in a shape we could not read stays as its text. */
export function interactionCells(row: ExportableRow): Record<string, unknown> {
  const cells: Record<string, unknown> = { ...row };
  cells.date_creation = row.createdUtc ?? row.date_creation;
  cells.close_date = row.closedUtc ?? row.close_date;
  return cells;
}
