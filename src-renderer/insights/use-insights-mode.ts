import { useCallback, useEffect, useState } from 'react';
import type { FacetField } from '../../src-main/core/api/contract';
import type { FilterControls, FilterState } from '../state/filter';
import { applyDrill, type Drill } from './drill';

/** Puts a whole earlier filter state back through the filter controls (each call is a functional update, so they chain). */
function restore(controls: FilterControls, prev: FilterState): void {
  controls.clearAll();
  controls.setText(prev.text);
  controls.setCustom(prev.custom);
  if (prev.preset !== 'custom') controls.setPreset(prev.preset);
  for (const [field, values] of Object.entries(prev.selections) as [FacetField, string[] | undefined][]) for (const v of values ?? []) controls.toggle(field, v);
  for (const s of prev.reviewStatuses) controls.toggleReviewStatus(s);
  controls.setSample(prev.sample);
  controls.setSlot(prev.slot);
  controls.setClosed(prev.closed);
}

/**
 * Insights open or not, and the way back: a click on a mark remembers the filters of the moment, applies
 * the mark's filter and shows the grid; Back (the button, or Esc outside a text field or dialog) puts
 * the remembered filters back and shows the charts again, in one key.
 */
export function useInsightsMode(controls: FilterControls) {
  const [open, setOpen] = useState(false);
  const [before, setBefore] = useState<FilterState | null>(null);

  const drill = useCallback(
    (d: Drill) => {
      setBefore(controls.state);
      // The state the drill's count was checked against (drill.ts): applied whole.
      restore(controls, applyDrill(controls.state, d));
      setOpen(false);
    },
    [controls],
  );

  const back = useCallback(() => {
    if (!before) return;
    restore(controls, before);
    setBefore(null);
    setOpen(true);
  }, [before, controls]);

  const toggle = useCallback(() => {
    setBefore(null);
    setOpen((o) => !o);
  }, []);

  useEffect(() => {
    if (!before || open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="dialog"]') || document.querySelector('[role="dialog"]')) return;
      // Before the workspace's own Esc (which would close the conversation first): one key goes back.
      e.preventDefault();
      e.stopPropagation();
      back();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [before, open, back]);

  return { open, toggle, drill, back, canGoBack: before !== null && !open };
}
