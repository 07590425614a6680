import type { ColDef, GridApi } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { FRIENDLY_HEADERS, type ApiField } from '../../src-main/core/api/constants';
import type { T } from '../i18n';
import type { GridContext } from './columns';
import type { Row } from './types';

export const MATCH_COLUMN_ID = 'matched_in';

type MatchedRow = Row & { matchedFields?: ApiField[] };

/**
 * Why a row matched, when the grid does not show it: the searched fields (interactions/page reads them
 * per row, store/matched-fields.ts) whose columns are hidden or scrolled out of view. A match in a column
 * on screen is already marked in its cell.
 */
function MatchCell(props: CustomCellRendererProps<Row, string>) {
  const fields = (props.data as MatchedRow | undefined)?.matchedFields ?? [];
  const { api } = props;
  const view = api.getHorizontalPixelRange();
  // On screen: shown and at least partly inside the grid's horizontal viewport.
  const onScreen = (f: ApiField) => {
    const column = api.getColumn(f);
    if (!column?.isVisible()) return false;
    const left = column.getLeft() ?? 0;
    return left + column.getActualWidth() > view.left && left < view.right;
  };
  const offScreen = fields.filter((f) => !onScreen(f));
  if (offScreen.length === 0) return null;
  const titles = FRIENDLY_HEADERS[(props.context as GridContext).lang];
  const names = offScreen.map((f) => titles[f]).join(' · ');
  // One line, cut with an ellipsis when narrow; the whole list in the tooltip.
  return (
    <span className="match-cell" data-testid="matched-in" data-fields={offScreen.join(' ')} title={names}>
      {names}
    </span>
  );
}

/** Redraws the markers after the columns on screen changed (shown, hidden, moved, resized, scrolled). */
export function refreshMatchColumn(api: GridApi<Row>): void {
  api.refreshCells({ columns: [MATCH_COLUMN_ID], force: true });
}

/** The first column while a search is on (hidden otherwise); not one the user moves, hides or saves. */
export function matchColumn(t: T, searching: boolean): ColDef<Row> {
  return {
    colId: MATCH_COLUMN_ID,
    headerName: t('search.matchedIn'),
    headerTooltip: t('search.matchedInTitle'),
    valueGetter: (p) => ((p.data as MatchedRow | undefined)?.matchedFields ?? []).join(' '),
    cellRenderer: MatchCell,
    hide: !searching,
    lockPosition: 'left',
    lockVisible: true,
    suppressMovable: true,
    suppressColumnsToolPanel: true,
    sortable: false,
    resizable: true,
    initialWidth: 120,
  };
}
