/**
 * The PostgreSQL store is made of parts, one folder each, every part a slice of the Store port built from
 * the shared context (pg-context.ts). postgres-store.ts puts them together; TypeScript checks that the
 * parts cover the port exactly.
 */
import type { Store } from '../store';

export type PgReads = Pick<Store, 'page' | 'search' | 'count' | 'facets' | 'hasAny' | 'interaction' | 'interactionHistory' | 'conversation' | 'interactionsById' | 'conversationsOf' | 'exportWalk' | 'rebuildSearchIndex'>;
export type PgInsights = Pick<Store, 'insights'>;
export type PgRetention = Pick<Store, 'planPurge' | 'purge' | 'planServerRemoval' | 'removeServerData'>;
export type PgAudit = Pick<
  Store,
  | 'getReview' | 'saveReview' | 'reviewHistory' | 'reviewStatuses' | 'reviewMarks' | 'reviewCounts' | 'reviewRows' | 'auditSummary'
  | 'activeScorecard' | 'saveScorecard' | 'scorecardVersion' | 'listScorecards'
  | 'drawSample' | 'listSamples' | 'sampleByName' | 'sampleMembers' | 'previewSample' | 'sampleById' | 'renameSample' | 'deleteSample'
>;
export type PgSyncSide = Pick<Store, 'sync' | 'recentRuns' | 'getRun' | 'callsToday' | 'lastCoveredUtc' | 'rowsPerDay' | 'oldestOpenSince' | 'stats'>;
export type PgSettings = Pick<Store, 'getSetting' | 'setSetting' | 'updateSettings'>;
export type PgAssignments = Pick<
  Store,
  | 'currentUser' | 'knownAuditors' | 'assignSample' | 'sampleAssignment' | 'assignedMembers'
  | 'createCalibration' | 'listCalibrations' | 'calibrationMembers' | 'saveCalibrationScore' | 'calibrationScores' | 'calibrationAgreement' | 'deleteCalibration'
>;

/** The change feed: LISTEN on a connection of its own while someone listens. */
export interface PgChangeFeed {
  listen: Store['changes'];
  /**
   * Listens from now on for the store's whole life, and resolves once the LISTEN is in force (or its first
   * attempt failed: it then retries on its own). A commit made after that is never missed, however soon a
   * listener subscribes: the lazy subscription can only catch up on the gap at its start by comparing figures.
   */
  stand(): Promise<void>;
  close(): Promise<void>;
}

