import { useCallback, useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Filter, Row, WolkvoxApi } from '../../src-main/core/api/contract';
import { findNextUnreviewed, gridSort, rowAt } from './grid-review';
import { findNextAssigned } from './assignment-walk';
import { focusFirstUnanswered, isInRail } from './rail-focus';
import { isTextField } from './text-field';

interface Options {
  api: WolkvoxApi;
  gridApi: GridApi<Row> | null;
  filter: Filter;
  openId: number | null;
  open(row: Row): void;
  /** Asks the rail for the focus on the new interaction's first unanswered attribute. */
  focusRail(): void;
  onShortcuts(): void;
}

/**
 * Moving through the rows while reviewing: `Shift+N` the next unreviewed row of the current view (with a
 * sample open, of the auditor's own part of it when they have one), `Shift+P`
 * the previous row (plain `n`/`p` too, outside the rail, where they mean No and Pass), `r` the first
 * unanswered attribute, `?` the shortcuts. Keys are ignored while typing in a text field or in a dialog.
 * From the grid the focus stays in the grid; from anywhere else it goes to the new row's first attribute.
 */
export function useReviewNavigation({ api, gridApi, filter, openId, open, focusRail, onShortcuts }: Options) {
  const [notice, setNotice] = useState<'allReviewed' | 'first' | 'assignmentDone' | null>(null);
  const latest = useRef({ api, gridApi, filter, openId, open, focusRail, onShortcuts });
  latest.current = { api, gridApi, filter, openId, open, focusRail, onShortcuts };
  const busy = useRef(false);
  // A notice speaks of the view it was found in ("your part is done" of the open sample): another view ends it.
  const view = JSON.stringify(filter);
  useEffect(() => setNotice(null), [view]);

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
    if (!inGrid) latest.current.focusRail();
    setNotice(null);
  };

  const next = useCallback(async () => {
    const { api: a, gridApi: g, filter: f } = latest.current;
    if (!g || busy.current) return;
    busy.current = true;
    try {
      // With a sample open, the auditor's own part of it comes first (assignment-walk.ts).
      const openUid = latest.current.openId !== null ? (g.getRowNode(String(latest.current.openId))?.data?.uid ?? null) : null;
      const assigned = await findNextAssigned(a, f, gridSort(g), openUid);
      if (assigned.kind === 'found') return go(assigned.index, assigned.row);
      if (assigned.kind === 'done') return setNotice('assignmentDone');
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
      // In the rail, plain n and p are No and Pass: moving on takes Shift there.
      const move = e.shiftKey || !isInRail(document.activeElement);
      if (e.key === '?') latest.current.onShortcuts();
      else if (key === 'n' && move) void next();
      else if (key === 'p' && move) void previous();
      else if (key === 'r' && !e.shiftKey && latest.current.openId !== null) focusFirstUnanswered();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, previous]);

  return { next, previous, notice };
}
