import { useMemo, useState } from 'react';
import { FACET_FIELDS, FACET_FILTER_KEYS, type FacetField } from '../../src-main/core/api/constants';
import type { Filter } from '../../src-main/core/api/contract';
import { presetRange, type DatePreset } from '../format/dates';
import type { ReviewStatus } from '../review/status';

export type Selections = Partial<Record<FacetField, string[]>>;

export interface FilterState {
  text: string;
  preset: DatePreset;
  custom: { from: string; to: string };
  selections: Selections;
  /** The review-status facet (its own filter list, not a cache field). */
  reviewStatuses: ReviewStatus[];
  /** The audit sample shown, if any. */
  sample: { id: number; name: string } | null;
  /** A heatmap cell's weekday (0 = Monday) and hour, in the zone the heatmap was drawn in. */
  slot: CreatedSlot | null;
  /** Closed (a close date) or open only: the part of an Insights bar clicked; null for both. */
  closed: boolean | null;
}

export type CreatedSlot = NonNullable<Filter['createdSlot']>;

export const EMPTY_FILTER_STATE: FilterState = { text: '', preset: 'all', custom: { from: '', to: '' }, selections: {}, reviewStatuses: [], sample: null, slot: null, closed: null };

/** The contract's filter for a UI state; `without` leaves one facet out (for that facet's own counts). */
export function toFilter(state: FilterState, zone: string, nowUtc: number, without?: FacetField | 'review'): Filter {
  const filter: Filter = { ...presetRange(state.preset, zone, nowUtc, state.custom) };
  if (filter.fromUtc === undefined) delete filter.fromUtc;
  if (filter.toUtc === undefined) delete filter.toUtc;
  const text = state.text.trim();
  if (text) filter.text = text.slice(0, 500);
  for (const field of FACET_FIELDS) {
    const values = state.selections[field];
    if (field !== without && values && values.length > 0) filter[FACET_FILTER_KEYS[field]] = values;
  }
  if (without !== 'review' && state.reviewStatuses.length > 0) filter.reviewStatuses = state.reviewStatuses;
  if (state.sample) filter.sampleId = state.sample.id;
  if (state.slot) filter.createdSlot = state.slot;
  if (state.closed !== null) filter.closed = state.closed;
  return filter;
}

export function useFilterState() {
  const [state, setState] = useState<FilterState>(EMPTY_FILTER_STATE);
  return useMemo(
    () => ({
      state,
      setText: (text: string) => setState((s) => (s.text === text ? s : { ...s, text })),
      setPreset: (preset: DatePreset) => setState((s) => ({ ...s, preset })),
      setCustom: (custom: { from: string; to: string }) => setState((s) => ({ ...s, preset: 'custom', custom })),
      toggle: (field: FacetField, value: string) =>
        setState((s) => {
          const current = s.selections[field] ?? [];
          const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
          return { ...s, selections: { ...s.selections, [field]: next } };
        }),
      clearFacet: (field: FacetField) => setState((s) => ({ ...s, selections: { ...s.selections, [field]: [] } })),
      toggleReviewStatus: (status: ReviewStatus) =>
        setState((s) => ({
          ...s,
          reviewStatuses: s.reviewStatuses.includes(status) ? s.reviewStatuses.filter((v) => v !== status) : [...s.reviewStatuses, status],
        })),
      clearReviewStatuses: () => setState((s) => ({ ...s, reviewStatuses: [] })),
      setSample: (sample: { id: number; name: string } | null) => setState((s) => ({ ...s, sample })),
      /** Shows a sample as it is: the other filters and the search are cleared (either could hide its members). */
      openSample: (sample: { id: number; name: string }) => setState({ ...EMPTY_FILTER_STATE, sample }),
      setSlot: (slot: CreatedSlot | null) => setState((s) => ({ ...s, slot })),
      setClosed: (closed: boolean | null) => setState((s) => ({ ...s, closed })),
      clearAll: () => setState((s) => ({ ...EMPTY_FILTER_STATE, text: s.text })),
    }),
    [state],
  );
}

export type FilterControls = ReturnType<typeof useFilterState>;
