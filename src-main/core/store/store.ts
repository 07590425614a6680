/**
 * The one interface the service needs of the cache: named, async operations for what users do. Its
 * shapes are filter.ts and types.ts, which name no backend. The SQLite store (sqlite/sqlite-store.ts) is
 * the first implementation; a second one implements this file and runs the same contract suite
 * (test/contract/), without touching the service.
 *
 * Everything is async even where SQLite answers synchronously: another backend (or this one on more
 * threads) must be free to answer later.
 */
import type { AssignedMember, SampleAssignment } from '../reviews/assignments';
import type { CalibrationAgreement, CalibrationInfo, CalibrationInput, CalibrationMember, CalibrationScore, CalibrationScoreInput } from '../reviews/calibration';
import type { SampleRule } from '../reviews/sample-rule';
import type { DrawSampleInput, SampleInfo, SampleMember } from '../reviews/sampling';
import type { Summary } from '../reviews/summary';
import type { Review, ReviewChange, ReviewInput, ReviewStatus, ReviewStatusCounts, Scorecard, ScorecardInput, ScorecardLanguage } from '../reviews/types';
import type { SyncStore } from '../sync/sync-store';
import type { Insights } from '../insights/insights-types';
import type { FacetField } from '../api/constants';
import type { InteractionFilter, SortSpec } from './filter';
import type {
  FacetCount,
  HistoryEntry,
  InteractionDetail,
  InteractionRecord,
  Page,
  PageRequest,
  PurgeCounts,
  PurgeRequest,
  SearchIndexProgress,
  ServerRemovalCounts,
  StoreStats,
  SyncRun,
} from './types';

/** A sample drawn from the rows a filter selects (the store reads the candidates itself). */
export type SampleDraw = Omit<DrawSampleInput, 'candidates' | 'filter'> & { filter: InteractionFilter };

/** What a draw would take: its candidates (the filter less what the rule leaves out) and its size. */
export interface SamplePreview {
  candidates: number;
  size: number;
}

/** Settings as stored: text by key, null for absent. */
export type SettingValues = Readonly<Record<string, string | null>>;

/** What a settings update decides from the values it read: what to write (null removes), and its answer. */
export interface SettingsChange<T> {
  writes: Record<string, string | null>;
  result: T;
}

/**
 * What kind of cached data a change touched, in words any backend can report (SQLite by comparing
 * counters, a server database by its own notifications): the interactions (a sync, a purge), reviews,
 * samples, the team's split of the work (`assignments`: a sample's assignments and the calibrations with their
 * auditors, members and scores, one kind since the UI shows them as one thing, the work's progress),
 * scorecards, settings (profiles included) and the sync log (runs and calls).
 */
export type ChangeKind = 'interactions' | 'reviews' | 'samples' | 'assignments' | 'scorecards' | 'settings' | 'syncRuns';
export const CHANGE_KINDS: readonly ChangeKind[] = Object.freeze(['interactions', 'reviews', 'samples', 'assignments', 'scorecards', 'settings', 'syncRuns']);

/** One notice of the change feed: the kinds of data another writer changed (never empty). */
export interface StoreChange {
  kinds: readonly ChangeKind[];
}

/** The audit workbook's Summary and Scorecard sheets, for the rows a filter selects. */
export interface AuditSummary {
  summary: Summary;
  /** The scorecard versions the selection's reviews were scored with, oldest first. */
  scorecards: Scorecard[];
}

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
  /** Whole interactions by id, in id order; ids that name none are left out (a selection taken offline, a batch at a time). */
  interactionsById(ids: readonly number[]): Promise<InteractionDetail[]>;
  /** Every interaction of these cases (conversations), in id order: one read for a batch of them. */
  conversationsOf(cases: readonly { caseId: string; server: string }[]): Promise<InteractionRecord[]>;
  insights(filter: InteractionFilter, zone: string): Promise<Insights>;
  /** Every matching row, whole, in batches, in the sort's order: what an export writes. */
  exportWalk(filter: InteractionFilter, sort?: SortSpec, batchSize?: number): AsyncIterable<InteractionRecord[]>;
  /**
   * Brings the search index up to date after an upgrade (migration 8), a batch at a time between sync
   * windows; searches read the previous index until it is done. Resolves at once when there is nothing to do.
   */
  rebuildSearchIndex(onProgress: (progress: SearchIndexProgress) => void): Promise<void>;

  // Reviews, scorecards, samples
  getReview(uid: string): Promise<Review | null>;
  /** Committed (durably) before it resolves; its history row too. */
  saveReview(input: ReviewInput, now: number): Promise<Review>;
  reviewHistory(uid: string): Promise<ReviewChange[]>;
  reviewStatuses(uids: readonly string[]): Promise<Map<string, ReviewStatus>>;
  /** The grid's marks: each interaction's review status and whether it is an auditor's override. */
  reviewMarks(uids: readonly string[]): Promise<Map<string, { status: ReviewStatus; overridden: boolean }>>;
  reviewCounts(filter: InteractionFilter): Promise<ReviewStatusCounts>;
  /** The scorecard new reviews use; the default one is saved first when there is none, in `language` (default English). */
  activeScorecard(now: number, language?: ScorecardLanguage): Promise<Scorecard>;
  saveScorecard(input: ScorecardInput | unknown, now: number): Promise<Scorecard>;
  scorecardVersion(id: string, version: number): Promise<Scorecard | null>;
  listScorecards(): Promise<Scorecard[]>;
  drawSample(draw: SampleDraw, now: number): Promise<SampleInfo>;
  listSamples(): Promise<SampleInfo[]>;
  sampleByName(name: string): Promise<SampleInfo | null>;
  sampleMembers(id: number): Promise<SampleMember[]>;
  /** What a draw would take from a filter's rows with a rule, storing nothing (the size "Draw N" promises). */
  previewSample(filter: InteractionFilter, rule: SampleRule): Promise<SamplePreview>;
  sampleById(id: number): Promise<SampleInfo | null>;
  /** A name another sample has (in any letter case) is 'bad-input'. */
  renameSample(id: number, name: string): Promise<SampleInfo>;
  /** The sample and its member list; reviews are never deleted with it. */
  deleteSample(id: number): Promise<void>;

  /**
   * The reviews of these interactions, by uid, as getReview gives them (scores and tags parsed); an
   * interaction never reviewed has no entry. The workbook's review columns, a batch at a time.
   */
  reviewRows(uids: readonly string[]): Promise<Map<string, Review>>;
  /** One snapshot: the summary and the scorecards used agree. */
  auditSummary(filter: InteractionFilter): Promise<AuditSummary>;

  // Assignments and calibration (issue 19, point 5; pure rules in reviews/assignments.ts, reviews/calibration.ts)
  /** The name the cache itself signs work with (a team cache: the login); null when the caller names the auditor. */
  currentUser(): Promise<string | null>;
  /** Who work may be given to: a team cache's auditors and leads (logins); a lone cache's reviewer names so far. */
  knownAuditors(): Promise<string[]>;
  /** Splits the sample's members among `auditors` (reviews/assignments.ts), replacing an earlier split; reviews stay. */
  assignSample(sampleId: number, auditors: readonly string[], now: number): Promise<SampleAssignment>;
  /** The sample's split with each auditor's progress (a team cache shows an auditor their own line only). */
  sampleAssignment(sampleId: number): Promise<SampleAssignment>;
  /** One auditor's part of a sample, in the sample's order, with review states; empty when they have none. */
  assignedMembers(sampleId: number, auditor: string): Promise<AssignedMember[]>;
  /** A calibration of a sample's members by several auditors, on the active scorecard version. */
  createCalibration(input: CalibrationInput, now: number): Promise<CalibrationInfo>;
  /** Every calibration, newest first. */
  listCalibrations(): Promise<CalibrationInfo[]>;
  calibrationMembers(id: number): Promise<CalibrationMember[]>;
  /** Saves one auditor's answers on one interaction of a calibration (a patch); never touches reviews. */
  saveCalibrationScore(input: CalibrationScoreInput, now: number): Promise<CalibrationScore>;
  /** The calibration's scores (a team cache shows an auditor their own only), by interaction then auditor. */
  calibrationScores(id: number): Promise<CalibrationScore[]>;
  /**
   * How far the calibration's auditors agree (reviews/calibration.ts agreementOf), as the asker may see it. A
   * lone cache: from every score. A team cache: the team's figures (aggregates, never a colleague's answers),
   * shown to an auditor taking part once they have finished scoring every interaction (scoring stays blind
   * until then: null), to the lead and others at once; per-auditor lines: an auditor's own, the lead's every one.
   */
  calibrationAgreement(id: number): Promise<CalibrationAgreement | null>;
  /** The calibration and its scores; reviews are never touched. */
  deleteCalibration(id: number): Promise<void>;

  // Sync log and plan (read side; the write side is `sync`)
  recentRuns(limit?: number): Promise<SyncRun[]>;
  getRun(id: number): Promise<SyncRun | null>;
  /** API calls made today in the zone (the daily quota), for one server or all. */
  callsToday(now: number, zone: string, server?: string): Promise<number>;
  /** The latest instant a recorded sync run of this server covered, or null before the first. */
  lastCoveredUtc(server: string): Promise<number | null>;
  /** Average interactions per day of a server over the last 30 cached days; null when nothing is cached. */
  rowsPerDay(server: string, now: number): Promise<number | null>;
  /** Creation instant of the oldest interaction of a server cached as open since `since`, or null. */
  oldestOpenSince(server: string, since: number): Promise<number | null>;
  /** The cache at a glance (the CLI's `stats`): totals, last runs, today's calls in the zone. */
  stats(now: number, zone: string): Promise<StoreStats>;

  // Settings: text values by key; null removes. A token is never a setting (refused).
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string | null): Promise<void>;
  /**
   * Reads `keys`, lets `change` decide from them what to write, and writes it: one transaction, with no
   * other writer (this app or a CLI on the same cache) in between. `change` is synchronous and may run
   * more than once (when the cache is busy), so it must only compute.
   */
  updateSettings<T>(keys: readonly string[], change: (current: SettingValues) => SettingsChange<T>): Promise<T>;

  // Retention
  planPurge(req: PurgeRequest): Promise<PurgeCounts>;
  purge(req: PurgeRequest): Promise<PurgeCounts>;
  planServerRemoval(server: string): Promise<ServerRemovalCounts>;
  removeServerData(server: string): Promise<ServerRemovalCounts>;

  // Change feed
  /**
   * Tells `listener` what another writer committed to the same data (a CLI job, another app): within
   * about a second, one notice per batch of commits, with the kinds they changed. This store's own
   * writes are not reported (their callers know what they changed). Nothing is watched while no one
   * listens, nor after close. Returns the function that stops listening.
   */
  changes(listener: (change: StoreChange) => void): () => void;

  /** Stops threads and closes connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
