import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { useI18n } from '../i18n';
import type { Row } from './types';

/** Which columns are shown (the grid itself remembers order, width and sort). */
export function ColumnChooser({ gridApi }: { gridApi: GridApi<Row> | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [, redraw] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', esc, true);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', esc, true);
    };
  }, [open]);

  // Columns the grid manages itself (the search's "matched in") are not the user's to show or hide.
  const columns = (gridApi?.getColumns() ?? []).filter((c) => !c.getColDef().suppressColumnsToolPanel);
  return (
    <div className="column-chooser" ref={box}>
      <button type="button" data-testid="columns-button" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={!gridApi}>
        {t('grid.columns')}
      </button>
      {open && gridApi && (
        <div className="popover" role="menu">
          {columns.map((col) => (
            <label key={col.getColId()} className="toggle">
              <input
                type="checkbox"
                checked={col.isVisible()}
                onChange={(e) => {
                  gridApi.setColumnsVisible([col], e.target.checked);
                  redraw((n) => n + 1);
                }}
              />
              {col.getColDef().headerName}
            </label>
          ))}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              gridApi.resetColumnState();
              redraw((n) => n + 1);
            }}
          >
            {t('grid.resetColumns')}
          </button>
        </div>
      )}
    </div>
  );
}
