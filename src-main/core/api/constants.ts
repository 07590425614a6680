/**
 * The contract's plain constants and types, with no schema library: what the renderer, the preload and the
 * core name in common (error kinds, review states, the API's fields, sortable and faceted fields). The zod
 * schemas in contract.ts are built from these lists, so each list is written once.
 */
export { ERROR_KINDS, type ErrorKind } from '../errors';
export { OVERRIDE_REASON_MAX_CHARS, OVERRIDE_STATUSES, REVIEW_STATUSES, type OverrideStatus, type ReviewStatus } from '../reviews/types';
/** The result rule, pure, for the UI to show what a save will give (the service applies the same). */
export { effectiveStatus, failedCriticals as failedCriticalAttributes, isAnswered, overallScore, reviewResult, type ReviewResult } from '../reviews/result';
export { API_FIELDS, FRIENDLY_HEADERS, type ApiField } from '../wolkvox/fields';
import { API_FIELDS } from '../wolkvox/fields';

export const SORT_FIELDS = ['created', ...API_FIELDS] as const;
/** A CSV export's field separators, by name (the CLI's --separator values). */
export const CSV_SEPARATORS = ['comma', 'semicolon', 'tab'] as const;
export type CsvSeparatorName = (typeof CSV_SEPARATORS)[number];
/**
 * The grid's facets, in the order the facet panel shows them, each with the filter list that carries its
 * chosen values. The one mapping between facets and filter keys: the store, Insights and the renderer
 * all read it from here.
 */
export const FACET_FILTER_KEYS = {
  agent_name: 'agents',
  skill_id: 'skills',
  channel: 'channels',
  status: 'statuses',
  cod_act: 'typifications',
  evaluation_survey: 'evaluations',
} as const;
export type FacetField = keyof typeof FACET_FILTER_KEYS;
/** A filter key that carries a facet's values. */
export type FacetFilterKey = (typeof FACET_FILTER_KEYS)[FacetField];
export const FACET_FIELDS = Object.freeze(Object.keys(FACET_FILTER_KEYS)) as readonly [FacetField, ...FacetField[]];
/** The facet whose values a filter key carries. */
export const FACET_OF_FILTER_KEY = Object.fromEntries(Object.entries(FACET_FILTER_KEYS).map(([field, key]) => [key, field])) as Readonly<Record<FacetFilterKey, FacetField>>;
