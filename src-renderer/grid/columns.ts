import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { Row, SortSchemaField } from './types';
import { FRIENDLY_HEADERS, type ApiField } from '../../src-main/core/api/constants';
import { formatDateTime } from '../format/dates';
import { HighlightCell, StatusCell } from './cells';
import { textPreview, visibleText } from '../format/text';
import type { Lang } from '../i18n';
import { channelName } from '../../src-main/core/api/channel-names';

/** The grid's default column order: when, where, who and what first; the vendor's other fields after. */
export const COLUMN_ORDER: readonly ApiField[] = [
  'date_creation',
  'channel',
  'status',
  'agent_name',
  'subject',
  'body',
  'answer',
  'from',
  'to',
  'case_id',
  'skill_id',
  'close_date',
  'evaluation_survey',
  'cod_act',
  'cod_description',
  'comments',
  'attachments',
];

const WIDTHS: Partial<Record<ApiField, number>> = {
  date_creation: 200,
  close_date: 200,
  channel: 110,
  agent_name: 160,
  skill_id: 90,
  case_id: 130,
  subject: 200,
  from: 170,
  to: 170,
  body: 320,
  answer: 280,
  evaluation_survey: 110,
  cod_act: 110,
  cod_description: 180,
  comments: 200,
  attachments: 160,
  status: 110,
};

const HIDDEN_BY_DEFAULT: ReadonlySet<ApiField> = new Set(['to', 'comments', 'attachments', 'cod_act']);

/** Column id -> the contract's sort field (dates sort by their UTC instant, not their text). */
export function sortFieldOf(colId: string): SortSchemaField | null {
  if (colId === 'date_creation') return 'created';
  return (COLUMN_ORDER as readonly string[]).includes(colId) ? (colId as SortSchemaField) : null;
}

export interface GridContext {
  terms: string[];
  locale: string;
  zone: string;
  lang: Lang;
  statusLabel: (status: string) => string;
}

function dateFormatter(key: 'createdUtc' | 'closedUtc') {
  return (p: ValueFormatterParams<Row>) => {
    const ctx = p.context as GridContext;
    const row = p.data;
    if (!row) return '';
    const utc = row[key];
    return utc === null ? (key === 'createdUtc' ? row.date_creation : row.close_date) : formatDateTime(utc, ctx.locale, ctx.zone);
  };
}

function plainText(p: ValueFormatterParams<Row>): string {
  return typeof p.value === 'string' ? visibleText(textPreview(p.value).slice(0, 1000), true) : '';
}

export function buildColumns(lang: Lang): ColDef<Row>[] {
  const titles = FRIENDLY_HEADERS[lang];
  return COLUMN_ORDER.map((field): ColDef<Row> => {
    const base: ColDef<Row> = {
      colId: field,
      field,
      headerName: titles[field],
      // initial*: the user's width, visibility and sort are grid state (saved), not column definition.
      initialWidth: WIDTHS[field] ?? 150,
      initialHide: HIDDEN_BY_DEFAULT.has(field),
      sortable: true,
      resizable: true,
      suppressMovable: false,
    };
    if (field === 'date_creation') return { ...base, valueFormatter: dateFormatter('createdUtc'), sortingOrder: ['desc', 'asc', null] };
    if (field === 'close_date') return { ...base, valueFormatter: dateFormatter('closedUtc') };
    if (field === 'status') return { ...base, cellRenderer: StatusCell };
    // The channel's name (channel-names.ts), not the API's word: "Facebook", not "facebook_page".
    if (field === 'channel') return { ...base, valueFormatter: (p) => (typeof p.value === 'string' ? visibleText(channelName(p.value, lang), true) : ''), cellClass: 'text-cell' };
    // Plain text cells unless a search marks words: a React component per cell made a jump's rows take
    // about 100 ms to appear. The cell's CSS gives text its own direction, as <bdi dir="auto"> does.
    return {
      ...base,
      valueFormatter: plainText,
      cellClass: 'text-cell',
      cellRendererSelector: (p) => ((p.context as GridContext).terms.length > 0 ? { component: HighlightCell } : undefined),
    };
  });
}
