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
/** The grid's facets, in the order the facet panel shows them. */
export const FACET_FIELDS = ['agent_name', 'skill_id', 'channel', 'status', 'cod_act', 'evaluation_survey'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
