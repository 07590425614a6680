/**
 * The shapes the port (store.ts) takes and answers in, apart from the filter (filter.ts): rows, pages,
 * facets, history, retention counts, the sync log and the cache's figures. Every backend answers in
 * these; none of them names how a backend stores its rows.
 */
import type { RunStatus } from '../sync/sync-store';
import type { ApiField, Chat4Record } from '../wolkvox/fields';
import type { InteractionFilter, SortSpec } from './filter';

/** A grid row: the 17 fields (body, answer and comments cut to 2,000 characters), plus keys and instants. */
export type InteractionRow = Chat4Record & {
  id: number;
  uid: string;
  createdUtc: number | null;
  closedUtc: number | null;
  /** True when body, answer or comments was cut for the grid. */
  truncated: boolean;
  /** During a search: the fields that hold a searched term. */
  matchedFields?: ApiField[];
};

/** A whole row, as the export and the conversation view need it. */
export type InteractionRecord = Chat4Record & {
  id: number;
  uid: string;
  createdUtc: number | null;
  closedUtc: number | null;
  server: string;
  zone: string;
};

export type InteractionDetail = InteractionRecord & {
  /** The record exactly as the API sent it (JSON). */
  raw: string;
  contentHash: string;
  firstSyncedAt: number;
  updatedAt: number;
};

export interface HistoryEntry {
  id: number;
  changedAt: number;
  /** API field names whose value changed; ['raw'] when only an undocumented extra field did. */
  changedFields: string[];
  /** The 17 fields as they were before the change. */
  oldFields: Chat4Record;
  oldRaw: string;
}

export interface PageRequest {
  filter?: InteractionFilter;
  sort?: SortSpec;
  /** Rows per page, 1..1000; default 100. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  after?: string;
  /** Rows to skip (after the cursor, if any): for jumping, e.g. a dragged scrollbar. */
  offset?: number;
}

export interface Page {
  rows: InteractionRow[];
  /** Null when this page reaches the end. */
  nextCursor: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
  /** A typification code's description (typificationLabels): its newest, so the facet names what the grid shows. */
  label?: string;
}

export interface SearchIndexProgress {
  /** Rows indexed so far by the rebuild. */
  indexed: number;
  /** Rows to index (the cache's rows when the rebuild started, or more if it grew). */
  total: number;
  /** The new index is the one searches read. */
  done: boolean;
}

export interface PurgeRequest {
  server: string;
  /** Interactions created before this instant (ms) go; Infinity: all of them. */
  beforeUtc: number;
  /** Keep interactions with a review (in review, pass or fail), and their reviews. */
  keepReviewed: boolean;
}

export interface PurgeCounts {
  interactions: number;
  reviews: number;
  /** Earlier versions of the removed interactions (their change history). */
  history: number;
  reviewHistory: number;
  sampleMembers: number;
}

export interface ServerRemovalCounts extends PurgeCounts {
  syncRuns: number;
}

export interface SyncRun {
  id: number;
  server: string;
  mode: 'range' | 'incremental';
  rangeStartUtc: number;
  rangeEndUtc: number;
  cursorUtc: number | null;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  calls: number;
  rowsReceived: number;
  inserted: number;
  updated: number;
  errorKind: string | null;
  errorMessage: string | null;
}

export interface ValueCount {
  value: string;
  count: number;
}

/** The cache at a glance (the CLI's `stats`). */
export interface StoreStats {
  total: number;
  byStatus: ValueCount[];
  byChannel: ValueCount[];
  byAgent: ValueCount[];
  /** The most recent sync run, whatever its outcome. */
  lastSync: SyncRun | null;
  /** The most recent run that finished successfully. */
  lastSuccessfulSync: SyncRun | null;
  /** API calls started today in the operation's zone (each one costs a unit of the daily quota). */
  callsToday: number;
}
