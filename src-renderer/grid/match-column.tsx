import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { FRIENDLY_HEADERS, type ApiField } from '../../src-main/core/api/constants';
import type { T } from '../i18n';
import type { GridContext } from './columns';
import type { Row } from './types';

export const MATCH_COLUMN_ID = 'matched_in';

type MatchedRow = Row & { matchedFields?: ApiField[] };

/**
 * Why a row matched, when the grid does not show it: the searched fields (interactions/page reads them
 * per row, store/matched-fields.ts) whose columns are hidden. A match in a shown column is already marked
 * in its cell.
 */
function MatchCell(props: CustomCellRendererProps<Row, string>) {
  const fields = (props.data as MatchedRow | undefined)?.matchedFields ?? [];
  const offScreen = fields.filter((f) => !props.api.getColumn(f)?.isVisible());
  if (offScreen.length === 0) return null;
  const titles = FRIENDLY_HEADERS[(props.context as GridContext).lang];
  return (
    <span className="match-cell" data-testid="matched-in">
      {offScreen.map((f) => (
        <span key={f} className="match-field" data-field={f}>
          {titles[f]}
        </span>
      ))}
    </span>
  );
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
    initialWidth: 140,
  };
}
