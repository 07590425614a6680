/**
 * The one interface the service needs of the cache: named, async operations for what users do. The
 * SQLite store (sqlite-store.ts) is the first implementation; a second one implements this file and
 * runs the same contract suite (test/integration/store-contract.test.ts), without touching the service.
 *
 * Everything is async even where SQLite answers synchronously: another backend (or this one on more
 * threads) must be free to answer later.
 */
import type { DrawSampleInput, SampleInfo, SampleMember } from '../reviews/sampling';
import type { Review, ReviewChange, ReviewInput, ReviewStatus, ReviewStatusCounts, Scorecard, ScorecardInput } from '../reviews/types';
import type { SyncStore } from '../sync/sync-store';
import type { FacetField } from './columns';
import type { InteractionFilter, SortSpec } from './filters';
import type { Insights } from './insights-types';
import type { FacetCount, InteractionRecord, Page, PageRequest } from './queries';
import type { HistoryEntry, InteractionDetail } from './records';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from './retention';
import type { SyncRun } from './sync-log';

/** A sample drawn from the rows a filter selects (the store reads the candidates itself). */
export type SampleDraw = Omit<DrawSampleInput, 'candidates' | 'filter'> & { filter: InteractionFilter };

export interface Store {
  /**
   * The sync engine's side: runs, windows committed with their checkpoint and call log line in one
   * transaction, resumable runs. Written off the serving thread.
   */
  readonly sync: SyncStore;

  // Browsing and search
  page(req: PageRequest): Promise<Page>;
  /** A page of the rows whose text matches, within the filter (the filter's own text is replaced). */
  search(text: string, req?: PageRequest): Promise<Page>;
  count(filter: InteractionFilter): Promise<number>;
  facets(filter: InteractionFilter, fields: readonly FacetField[]): Promise<Record<string, FacetCount[]>>;
  /** True when the cache holds any interaction. */
  hasAny(): Promise<boolean>;
  interaction(id: number): Promise<InteractionDetail | null>;
  /** Earlier versions of one interaction, oldest first. */
  interactionHistory(id: number): Promise<HistoryEntry[]>;
  /** The interactions of one case (a conversation), in order. */
  conversation(caseId: string, server: string): Promise<InteractionRecord[]>;
  insights(filter: InteractionFilter, zone: string): Promise<Insights>;
  /** Every matching row, whole, in batches, in the sort's order: what an export writes. */
  exportWalk(filter: InteractionFilter, sort?: SortSpec, batchSize?: number): AsyncIterable<InteractionRecord[]>;

  // Reviews, scorecards, samples
  getReview(uid: string): Promise<Review | null>;
  /** Committed (durably) before it resolves; its history row too. */
  saveReview(input: ReviewInput, now: number): Promise<Review>;
  reviewHistory(uid: string): Promise<ReviewChange[]>;
  reviewStatuses(uids: readonly string[]): Promise<Map<string, ReviewStatus>>;
  reviewCounts(filter: InteractionFilter): Promise<ReviewStatusCounts>;
  /** The scorecard new reviews use; the default one is saved first when there is none. */
  activeScorecard(now: number): Promise<Scorecard>;
  saveScorecard(input: ScorecardInput | unknown, now: number): Promise<Scorecard>;
  scorecardVersion(id: string, version: number): Promise<Scorecard | null>;
  listScorecards(): Promise<Scorecard[]>;
  drawSample(draw: SampleDraw, now: number): Promise<SampleInfo>;
  listSamples(): Promise<SampleInfo[]>;
  sampleByName(name: string): Promise<SampleInfo | null>;
  sampleMembers(id: number): Promise<SampleMember[]>;

  // Sync log (read side; the write side is `sync`)
  recentRuns(limit?: number): Promise<SyncRun[]>;
  getRun(id: number): Promise<SyncRun | null>;
  /** API calls made today in the zone (the daily quota), for one server or all. */
  callsToday(now: number, zone: string, server?: string): Promise<number>;

  // Settings: text values by key; null removes.
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string | null): Promise<void>;

  // Retention
  planPurge(req: PurgeRequest): Promise<PurgeCounts>;
  purge(req: PurgeRequest): Promise<PurgeCounts>;
  planServerRemoval(server: string): Promise<ServerRemovalCounts>;
  removeServerData(server: string): Promise<ServerRemovalCounts>;

  /** Stops threads and closes connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
