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
 * rows are not loaded yet: the focus moves once the grid has them (its next model update with a row).
 */
export function useFocusResults(gridApi: GridApi<Row> | null, shownText: string): (text: string) => void {
  const pending = useRef(false);
  const shown = useRef(shownText);
  shown.current = shownText;

  useEffect(() => {
    if (!gridApi) return;
    const onUpdate = () => {
      if (pending.current && focusFirstRow(gridApi)) pending.current = false;
    };
    gridApi.addEventListener('modelUpdated', onUpdate);
    return () => {
      if (!gridApi.isDestroyed()) gridApi.removeEventListener('modelUpdated', onUpdate);
    };
  }, [gridApi]);

  return useCallback(
    (text: string) => {
      if (!gridApi) return;
      pending.current = text !== shown.current || !focusFirstRow(gridApi);
    },
    [gridApi],
  );
}
