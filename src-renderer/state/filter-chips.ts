import { FACET_FIELDS, type FacetField } from '../../src-main/core/api/constants';
import type { ReviewStatus } from '../review/status';
import type { FilterState } from './filter';

/**
 * What narrows or orders the grid now, one chip each, in the order the facet panel shows them: the search
 * text, the date, the review states, each chosen facet value, then the sort. The sample and the heatmap slot
 * have chips of their own. A chip names what its × removes.
 */
export type FilterChip =
  | { kind: 'text'; text: string }
  | { kind: 'date'; preset: Exclude<FilterState['preset'], 'all'>; from: string; to: string }
  | { kind: 'review'; status: ReviewStatus }
  | { kind: 'facet'; field: FacetField; value: string }
  | { kind: 'sort'; colId: string; dir: 'asc' | 'desc' };

export interface GridSort {
  colId: string;
  dir: 'asc' | 'desc';
}

export function filterChips(state: FilterState, sort: GridSort | null): FilterChip[] {
  const chips: FilterChip[] = [];
  const text = state.text.trim();
  if (text) chips.push({ kind: 'text', text });
  // A custom range with neither day typed narrows nothing.
  if (state.preset !== 'all' && (state.preset !== 'custom' || state.custom.from || state.custom.to)) {
    chips.push({ kind: 'date', preset: state.preset, from: state.custom.from, to: state.custom.to });
  }
  for (const status of state.reviewStatuses) chips.push({ kind: 'review', status });
  for (const field of FACET_FIELDS) for (const value of state.selections[field] ?? []) chips.push({ kind: 'facet', field, value });
  if (sort) chips.push({ kind: 'sort', ...sort });
  return chips;
}

/** A stable key per chip (React lists and test ids). */
export function chipKey(chip: FilterChip): string {
  switch (chip.kind) {
    case 'text':
      return 'text';
    case 'date':
      return 'date';
    case 'review':
      return `review:${chip.status}`;
    case 'facet':
      return `facet:${chip.field}:${chip.value}`;
    case 'sort':
      return 'sort';
  }
}

/** The grid's sort from its saved column state (one sorted column at most: multi-sort is off). */
export function sortOf(columns: ReadonlyArray<{ colId: string; sort?: 'asc' | 'desc' | null }> | null): GridSort | null {
  const sorted = columns?.find((c) => c.sort === 'asc' || c.sort === 'desc');
  return sorted && sorted.sort ? { colId: sorted.colId, dir: sorted.sort } : null;
}
