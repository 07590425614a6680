import { useCallback, useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Filter, Row, WolkvoxApi } from '../../src-main/core/api/contract';
import { findNextUnreviewed, gridSort, rowAt } from './grid-review';

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

/** Focuses the review panel's status choice (the checked one, else the first). */
function focusReviewPanel(): void {
  const panel = document.querySelector('[data-testid="review-panel"]');
  panel?.querySelector<HTMLInputElement>('input[name="review-status"]:checked, input[name="review-status"]')?.focus();
}

interface Options {
  api: WolkvoxApi;
  gridApi: GridApi<Row> | null;
  filter: Filter;
  openId: number | null;
  open(row: Row): void;
}

/**
 * Moving through the rows while reviewing: `n` the next unreviewed row of the current view, `p` the
 * previous row, `r` the review panel. Keys are ignored while typing in a text field or in a dialog.
 * Focus stays where it was (the review panel keeps its control); the grid scrolls to the row.
 */
export function useReviewNavigation({ api, gridApi, filter, openId, open }: Options) {
  const [notice, setNotice] = useState<'allReviewed' | 'first' | null>(null);
  const latest = useRef({ api, gridApi, filter, openId, open });
  latest.current = { api, gridApi, filter, openId, open };
  const busy = useRef(false);

  const currentIndex = () => {
    const { gridApi: g, openId: id } = latest.current;
    if (!g) return -1;
    const node = id !== null ? g.getRowNode(String(id)) : undefined;
    if (node && node.rowIndex !== null && node.rowIndex !== undefined) return node.rowIndex;
    return g.getFocusedCell()?.rowIndex ?? -1;
  };

  const go = (index: number, row: Row) => {
    const g = latest.current.gridApi;
    if (!g) return;
    g.ensureIndexVisible(index);
    const active = document.activeElement;
    const inGrid = !active || active === document.body || !!active.closest('[data-testid="grid"]');
    const column = g.getAllDisplayedColumns()[0];
    if (inGrid && column) g.setFocusedCell(index, column);
    latest.current.open(row);
    setNotice(null);
  };

  const next = useCallback(async () => {
    const { api: a, gridApi: g, filter: f } = latest.current;
    if (!g || busy.current) return;
    busy.current = true;
    try {
      const found = await findNextUnreviewed(a, f, gridSort(g), currentIndex());
      if (found) go(found.index, found.row);
      else setNotice('allReviewed');
    } finally {
      busy.current = false;
    }
  }, []);

  const previous = useCallback(async () => {
    const { api: a, gridApi: g, filter: f } = latest.current;
    if (!g || busy.current) return;
    const index = currentIndex() - 1;
    if (index < 0) {
      setNotice('first');
      return;
    }
    busy.current = true;
    try {
      const row = await rowAt(a, g, f, index);
      if (row) go(index, row);
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTextField(document.activeElement) || document.querySelector('.backdrop')) return;
      const key = e.key.toLowerCase();
      if (key === 'n') void next();
      else if (key === 'p') void previous();
      else if (key === 'r' && latest.current.openId !== null) focusReviewPanel();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, previous]);

  return { next, previous, notice };
}
