import { useCallback, useEffect, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColumnState, GetRowIdParams, GridApi, GridReadyEvent, IDatasource, RowClickedEvent } from 'ag-grid-community';
import type { Filter, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { unlessTheBannerSaysIt, useTeam } from '../state/team-context';
import { buildColumns, sortFieldOf, type GridContext } from './columns';
import { reviewStatusColumn } from '../review/grid-review';
import { MATCH_COLUMN_ID, matchColumn, refreshMatchColumn } from './match-column';
import { gridTheme } from './theme';
import './modules';
import type { Row } from './types';

export interface GridProps {
  api: WolkvoxApi;
  filter: Filter;
  terms: string[];
  zone: string;
  /** Bumped when the cache changed: the grid reloads its blocks, keeping the scroll position. */
  dataVersion: number;
  openId: number | null;
  savedColumns: ColumnState[] | null;
  onColumnsChanged(state: ColumnState[]): void;
  onTotal(total: number | null): void;
  onError(message: string | null): void;
  onOpen(row: Row): void;
  onGridApi?(api: GridApi<Row>): void;
}

const BLOCK = 100;
const DEFAULT_COL_DEF = { minWidth: 70 };

/**
 * The interactions, a block of 100 at a time from the cache's paged query (interactions/page): sorting,
 * filtering and counting happen in SQLite, never here. Column order, widths, visibility and sort are saved.
 */
export function InteractionGrid(props: GridProps) {
  const { lang, locale, t } = useI18n();
  const gridApi = useRef<GridApi<Row> | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const teamStatus = useTeam().status;
  const team = useRef(teamStatus);
  team.current = teamStatus;
  const countAsked = useRef(0);

  // The review status goes right after the date (it is not a cache field: the page reads it beside each row).
  // While a search is on, a first column says which hidden fields matched.
  const searching = props.terms.length > 0;
  const columnDefs = useMemo(() => {
    const columns = buildColumns(lang);
    columns.splice(1, 0, reviewStatusColumn(t));
    columns.unshift(matchColumn(t, searching));
    return columns;
  }, [lang, t, searching]);
  const context = useMemo<GridContext & { reviewT: typeof t }>(
    () => ({ terms: props.terms, locale, zone: props.zone, lang, statusLabel: (s) => statusLabel(t, s), reviewT: t }),
    [props.terms, locale, props.zone, lang, t],
  );

  const datasource = useMemo<IDatasource>(() => {
    const filter = props.filter;
    let live = true;
    const current = () => live && latest.current.filter === filter;
    return {
      getRows(params) {
        const sortItem = params.sortModel[0];
        const field = sortItem ? sortFieldOf(sortItem.colId) : null;
        const sort = field && sortItem ? { field, dir: sortItem.sort } : undefined;
        void latest.current.api
          .call('interactions/page', { filter, sort, offset: params.startRow, limit: params.endRow - params.startRow })
          .then(
            (r) => {
              // Every request ends in exactly one callback, even for a filter the user has already left: ag-grid
              // runs at most two requests at once and counts an unanswered one as running forever (it then stops
              // asking, and the grid stays empty). A left filter's rows are not shown: its block is told it failed
              // (ag-grid ignores a destroyed block's answer, and the new datasource reloads a live one).
              if (!current()) return params.failCallback();
              if (r.ok) {
                params.successCallback(r.value.rows, r.value.total);
                latest.current.onTotal(r.value.total);
                latest.current.onError(null);
              } else {
                params.failCallback();
                latest.current.onError(unlessTheBannerSaysIt(team.current, r.error));
              }
            },
            (error: unknown) => {
              params.failCallback();
              if (current()) latest.current.onError(error instanceof Error ? error.message : String(error));
            },
          );
      },
      destroy() {
        live = false;
      },
    };
  }, [props.filter]);

  // A new filter starts from the top with a new datasource; new data (a sync) reloads the blocks in place.
  useEffect(() => {
    props.onTotal(null);
  }, [props.filter]);
  useEffect(() => {
    if (props.dataVersion === 0) return;
    gridApi.current?.refreshInfiniteCache();
    // While a sync writes, pages carry the count they found ready; the fresh one follows.
    // Only the latest count applies: an older one, answered later, would put back a count of before the change.
    const filter = props.filter;
    const asked = ++countAsked.current;
    void latest.current.api.call('interactions/count', { filter }).then((r) => {
      if (!r.ok || asked !== countAsked.current || latest.current.filter !== filter) return;
      gridApi.current?.setRowCount(r.value.total, true);
      latest.current.onTotal(r.value.total);
    });
  }, [props.dataVersion]);

  const saveColumns = useCallback(() => {
    const api = gridApi.current;
    if (api) latest.current.onColumnsChanged(api.getColumnState().filter((c) => c.colId !== MATCH_COLUMN_ID));
  }, []);

  const onGridReady = useCallback((e: GridReadyEvent<Row>) => {
    gridApi.current = e.api;
    const saved = latest.current.savedColumns;
    if (saved && saved.length > 0) e.api.applyColumnState({ state: saved, applyOrder: true });
    latest.current.onGridApi?.(e.api);
  }, []);

  const onRowClicked = useCallback((e: RowClickedEvent<Row>) => {
    if (e.data) latest.current.onOpen(e.data);
  }, []);

  const onCellKeyDown = useCallback((e: CellKeyDownEvent<Row>) => {
    const key = (e.event as KeyboardEvent | null)?.key;
    if (key === 'Enter' && e.data) latest.current.onOpen(e.data);
  }, []);

  return (
    <div className="grid-wrap" data-testid="grid">
      {/* The open row is marked by a style rule on its row-id rather than a row class: a class change needs
          redrawRows, which rebuilds the rows and lets ag-grid pull the keyboard focus back into the grid. */}
      {props.openId !== null && <style>{`.grid-wrap .ag-row[row-id="${Math.trunc(props.openId)}"] { background: var(--accent-soft); }`}</style>}
      <AgGridReact<Row>
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={60}
        blockLoadDebounceMillis={20}
        rowBuffer={6}
        infiniteInitialRowCount={1}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        context={context}
        getRowId={getRowId}
        rowHeight={32}
        headerHeight={36}
        enableCellTextSelection
        suppressMultiSort
        suppressDragLeaveHidesColumns
        overlayNoRowsTemplate={`<span class="grid-empty">${escapeHtml(t('grid.empty'))}</span>`}
        onGridReady={onGridReady}
        onRowClicked={onRowClicked}
        onCellKeyDown={onCellKeyDown}
        onSortChanged={saveColumns}
        onColumnMoved={(e) => e.finished && (saveColumns(), refreshMatchColumn(e.api))}
        onColumnResized={(e) => e.finished && (saveColumns(), refreshMatchColumn(e.api))}
        onColumnVisible={(e) => {
          saveColumns();
          refreshMatchColumn(e.api);
        }}
        onColumnPinned={(e) => {
          saveColumns();
          refreshMatchColumn(e.api);
        }}
        onBodyScrollEnd={(e) => e.direction === 'horizontal' && refreshMatchColumn(e.api)}
      />
    </div>
  );
}

const getRowId = (p: GetRowIdParams<Row>) => String(p.data.id);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function statusLabel(t: ReturnType<typeof useI18n>['t'], status: string): string {
  switch (status) {
    case 'open':
      return t('status.open');
    case 'close':
    case 'closed':
      return t('status.close');
    case 'archived':
      return t('status.archived');
    default:
      return status;
  }
}
