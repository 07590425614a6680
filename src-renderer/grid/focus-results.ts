import { useCallback, useEffect, useRef } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Row } from './types';

/** Puts the keyboard on the grid's first row; false when it has no loaded row yet. */
function focusFirstRow(api: GridApi<Row>): boolean {
  const column = api.getAllDisplayedColumns()[0];
  if (!column || !api.getDisplayedRowAtIndex(0)?.data) return false;
  api.ensureIndexVisible(0);
  api.setFocusedCell(0, column);
  return true;
}

/**
 * ↓ or Enter from the search box: the first result gets the keyboard. When the search just changed, its
 * rows are not loaded yet: the focus moves when the grid reports the new search's first page (`total`
 * goes from null, set when the filter changes, to the page's count).
 */
export function useFocusResults(gridApi: GridApi<Row> | null, shownText: string, total: number | null): (text: string) => void {
  const pending = useRef(false);
  const shown = useRef(shownText);
  shown.current = shownText;

  useEffect(() => {
    if (!pending.current || !gridApi || total === null) return;
    pending.current = false;
    focusFirstRow(gridApi);
  }, [gridApi, total]);

  return useCallback(
    (text: string) => {
      if (!gridApi) return;
      pending.current = text !== shown.current || !focusFirstRow(gridApi);
    },
    [gridApi],
  );
}
