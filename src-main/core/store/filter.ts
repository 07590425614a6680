/**
 * What a request selects and in which order: the filter and the sorts every backend answers alike (the
 * facet fields and their filter keys are api/constants.ts). Part of the port (store.ts); how a backend
 * turns them into its own queries is its business.
 */
import type { ApiField } from '../wolkvox/fields';

/** A cell of the Insights heatmap: rows created on one local weekday and hour in an IANA zone, DST included. */
export interface CreatedSlot {
  /** IANA zone the weekday and hour are read in (the heatmap's zone). */
  zone: string;
  /** 0 = Monday … 6 = Sunday, as insights-time.ts LocalSlot. */
  weekday: number;
  /** 0..23, local. */
  hour: number;
}

export interface InteractionFilter {
  /** Created at or after this instant (UTC ms). */
  fromUtc?: number;
  /** Created before this instant (UTC ms). */
  toUtc?: number;
  agents?: string[];
  skills?: string[];
  channels?: string[];
  statuses?: string[];
  /** Typification codes (cod_act). */
  typifications?: string[];
  evaluations?: string[];
  /** Words to find in subject, body, answer, comments, from, to, agent and typification. */
  text?: string;
  /** Review states ('unreviewed' = no decided or started review); reviews are keyed by uid, never by id. */
  reviewStatuses?: string[];
  /** Only the members of one audit sample. */
  sampleId?: number;
  /** Created on this local weekday (0 = Monday) and hour in this zone: a cell of the Insights heatmap. */
  createdSlot?: CreatedSlot;
  /** With a close date (true) or without (false): the closed and open parts of an Insights bar. */
  closed?: boolean;
}

export type SortField = ApiField | 'created';
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  field: SortField;
  dir: SortDir;
}
export const DEFAULT_SORT: SortSpec = { field: 'created', dir: 'desc' };
