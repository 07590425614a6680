import { channelName } from '../api/channel-names';
import { readableText } from '../api/html-text';
import type { ExportColumn } from '../export/types';
import { API_FIELDS, FRIENDLY_HEADERS, type ApiField, type Chat4Record } from '../wolkvox/fields';
import { exportLabels, statusWord } from './export-labels';

export type HeaderStyle = 'api' | 'friendly';

/** A cached interaction as the export reads it. */
export type ExportableRow = Chat4Record & { createdUtc: number | null; closedUtc: number | null };

const DATE_FIELDS: ReadonlySet<ApiField> = new Set(['date_creation', 'close_date']);
const WRAPPED: ReadonlySet<ApiField> = new Set(['body', 'answer', 'comments']);
/** Bodies a reader reads: an HTML e-mail becomes its visible text in a friendly export. */
const READABLE: readonly ApiField[] = ['body', 'answer', 'comments'];

/**
 * The interaction columns. With `--headers api` the titles are the API's field names (a public contract for
 * scheduled jobs) and every cell is the API's text. With friendly headers the titles are in the export's
 * language and the survey answer is a number cell (a non-numeric answer stays text: nothing is lost).
 * `fields` chooses the columns and their order (the grid's visible columns); absent, all 17 in the API's
 * documented order.
 */
export function interactionColumns(headers: HeaderStyle, language: 'en' | 'es' = 'en', fields: readonly ApiField[] = API_FIELDS): ExportColumn[] {
  return fields.map((field) => ({
    key: field,
    header: headers === 'api' ? field : FRIENDLY_HEADERS[language][field],
    kind: DATE_FIELDS.has(field) ? 'date' : headers === 'friendly' && field === 'evaluation_survey' ? 'number' : 'text',
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

/**
 * The cells of a friendly export: as interactionCells, with HTML bodies as their visible text (the same
 * conversion as the conversation's plain view), and channel and status in the export's words.
 */
export function friendlyCells(language: 'en' | 'es'): (row: ExportableRow) => Record<string, unknown> {
  const labels = exportLabels(language);
  const options = { imageLabel: labels.imageLabel };
  return (row) => {
    const cells = interactionCells(row);
    for (const field of READABLE) cells[field] = readableText(row[field], options);
    cells.channel = row.channel === '' ? '' : channelName(row.channel, language);
    cells.status = statusWord(labels, row.status);
    return cells;
  };
}

/** The cells function for a header style. */
export function cellsFor(headers: HeaderStyle, language: 'en' | 'es' = 'en'): (row: ExportableRow) => Record<string, unknown> {
  return headers === 'api' ? interactionCells : friendlyCells(language);
}
