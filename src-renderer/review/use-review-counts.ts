import { useEffect, useState } from 'react';
import type { ResultOf, WolkvoxApi } from '../../src-main/core/api/contract';
import { toFilter, type FilterState } from '../state/filter';

export type ReviewCounts = ResultOf<'reviews/progress'>;

/**
 * Review counts for the view ("38 of 120 reviewed") and for the review facet (the view without its own
 * review-status choice). With no status ticked, the usual case, both are one question, asked once: each
 * is a count over the whole selection. `version` goes up when data or reviews changed.
 */
export function useReviewCounts(api: WolkvoxApi, state: FilterState, zone: string, version: number) {
  const [view, setView] = useState<ReviewCounts | null>(null);
  const [facet, setFacet] = useState<ReviewCounts | null>(null);

  useEffect(() => {
    let live = true;
    const now = Date.now();
    const ask = (filter: ReturnType<typeof toFilter>, set: (counts: ReviewCounts) => void) =>
      void api.call('reviews/progress', { filter }).then((r) => {
        if (live && r.ok) set(r.value);
      });
    if (state.reviewStatuses.length === 0) {
      ask(toFilter(state, zone, now), (counts) => {
        setView(counts);
        setFacet(counts);
      });
    } else {
      ask(toFilter(state, zone, now), setView);
      ask(toFilter(state, zone, now, 'review'), setFacet);
    }
    return () => {
      live = false;
    };
  }, [api, state, zone, version]);

  return { view, facet };
}
