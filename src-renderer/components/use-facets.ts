import { useEffect, useState } from 'react';
import type { FacetField, WolkvoxApi } from '../../src-main/core/api/contract';
import { FACET_FIELDS } from '../../src-main/core/api/constants';
import { toFilter, type FilterState } from '../state/filter';
import { unlessTheBannerSaysIt, useTeam } from '../state/team-context';
import type { FacetValue } from './facet-values';

export type FacetCounts = Partial<Record<FacetField, FacetValue[]>>;

/**
 * Counts per facet value. A facet's own choice is left out of its own counts (choosing "Email" must not
 * hide "Chat" from the channel list), so facets with a choice get a call each; the rest share one.
 */
export function useFacets(api: WolkvoxApi, state: FilterState, zone: string, dataVersion: number) {
  const [counts, setCounts] = useState<FacetCounts>({});
  const [error, setError] = useState<{ kind: string; message: string } | null>(null);
  const team = useTeam().status;

  useEffect(() => {
    let live = true;
    const now = Date.now();
    const chosen = FACET_FIELDS.filter((f) => (state.selections[f]?.length ?? 0) > 0);
    const plain = FACET_FIELDS.filter((f) => !chosen.includes(f));
    const timer = setTimeout(() => {
      const calls = [
        ...(plain.length ? [api.call('facets/get', { filter: toFilter(state, zone, now), fields: plain })] : []),
        ...chosen.map((f) => api.call('facets/get', { filter: toFilter(state, zone, now, f), fields: [f] })),
      ];
      void Promise.all(calls).then((results) => {
        if (!live) return;
        const next: FacetCounts = {};
        let failure: { kind: string; message: string } | null = null;
        for (const r of results) {
          if (r.ok) Object.assign(next, r.value);
          else failure = r.error;
        }
        setCounts(next);
        setError(failure);
      });
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, state, zone, dataVersion]);

  return { counts, error: error && unlessTheBannerSaysIt(team, error) };
}
