import type { ColDef, GridApi } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Filter, Row, Sort, WolkvoxApi } from '../../src-main/core/api/contract';
import { sortFieldOf } from '../grid/columns';
import type { T } from '../i18n';
import { reviewStatusLabel, statusSlug, type ReviewStatus } from './status';

/** A grid row with its review status and whether it is an override (interactions/page reads both with the row). */
export type ReviewedRow = Row & { reviewStatus?: ReviewStatus; reviewOverridden?: boolean };

const REVIEW_COLUMN_ID = 'review_status';

function ReviewStatusCell(props: CustomCellRendererProps<ReviewedRow, string>) {
  const t = (props.context as { reviewT?: T }).reviewT;
  const value = typeof props.value === 'string' ? props.value : '';
  if (!value || !t) return null;
  const overridden = props.data?.reviewOverridden === true;
  return (
    <span className={`review-badge review-${statusSlug(value)}`} data-overridden={overridden} title={overridden ? t('review.overriddenMark') : undefined}>
      {reviewStatusLabel(t, value)}
      {overridden && (
        <>
          <span aria-hidden="true"> ✎</span>
          <span className="visually-hidden"> ({t('review.overriddenMark')})</span>
        </>
      )}
    </span>
  );
}

export function reviewStatusColumn(t: T): ColDef<Row> {
  return {
    colId: REVIEW_COLUMN_ID,
    headerName: t('review.column'),
    valueGetter: (p) => (p.data as ReviewedRow | undefined)?.reviewStatus ?? '',
    cellRenderer: ReviewStatusCell,
    initialWidth: 120,
    sortable: false,
    resizable: true,
  };
}

/** The grid's current sort, as the contract's. */
export function gridSort(gridApi: GridApi<Row>): Sort | undefined {
  const col = gridApi.getColumnState().find((c) => c.sort);
  const field = col ? sortFieldOf(col.colId) : null;
  return field && col?.sort ? { field, dir: col.sort } : undefined;
}

const CHUNK = 200;

/**
 * The first row after `from` (a grid index) whose review is not started, in the grid's own order
 * (filter, search, sort), read from the service so that rows the grid has not loaded count too.
 */
export async function findNextUnreviewed(
  api: WolkvoxApi,
  filter: Filter,
  sort: Sort | undefined,
  from: number,
): Promise<{ index: number; row: Row } | null> {
  for (let offset = Math.max(0, from + 1); ; offset += CHUNK) {
    const page = await api.call('interactions/page', { filter, sort, offset, limit: CHUNK });
    if (!page.ok) throw new Error(page.error.message);
    const rows = page.value.rows;
    const i = rows.findIndex((row) => row.reviewStatus === 'unreviewed');
    if (i >= 0) return { index: offset + i, row: rows[i]! };
    if (rows.length < CHUNK || offset + CHUNK >= page.value.total) return null;
  }
}

/** The row at a grid index: from the grid's cache when loaded, else from the service. */
export async function rowAt(api: WolkvoxApi, gridApi: GridApi<Row>, filter: Filter, index: number): Promise<Row | null> {
  const node = gridApi.getDisplayedRowAtIndex(index);
  if (node?.data) return node.data;
  const page = await api.call('interactions/page', { filter, sort: gridSort(gridApi), offset: index, limit: 1 });
  return page.ok ? (page.value.rows[0] ?? null) : null;
}
