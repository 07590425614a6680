import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { useI18n } from '../i18n';
import type { Row } from './types';

/** Which columns are shown and which are pinned to the left (the grid itself remembers order, width and sort). */
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
        <div className="popover" role="group" aria-label={t('grid.columns')}>
          {columns.map((col) => {
            const name = col.getColDef().headerName ?? col.getColId();
            const pinned = col.isPinnedLeft();
            return (
              <div key={col.getColId()} className="column-choice">
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={col.isVisible()}
                    onChange={(e) => {
                      gridApi.setColumnsVisible([col], e.target.checked);
                      redraw((n) => n + 1);
                    }}
                  />
                  {name}
                </label>
                {/* Pinned columns stay on the left while the others scroll; saved with the column state. */}
                <button
                  type="button"
                  className={pinned ? 'pin-button on' : 'pin-button'}
                  data-testid={`pin-${col.getColId()}`}
                  aria-pressed={pinned}
                  aria-label={t('grid.pinColumn', { name })}
                  title={t('grid.pinColumn', { name })}
                  onClick={() => {
                    gridApi.setColumnsPinned([col], pinned ? null : 'left');
                    redraw((n) => n + 1);
                  }}
                >
                  {/* The same word either way (it starts the accessible name); aria-pressed and the style say the state. */}
                  {t('grid.pin')}
                </button>
              </div>
            );
          })}
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
