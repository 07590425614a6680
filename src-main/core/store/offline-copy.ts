/**
 * Offline audits with a team (issue 19, point 6), as this computer's cache keeps them: selections copied
 * from the team cache (rows exactly, their reviews, the scorecards), what waits to be sent back, the
 * conflicts a push found. Only a cache on this computer holds offline copies (the SQLite store implements
 * it); the team cache is read through the Store port alone (compose/team/offline).
 */
import type { SampleInfo, SampleMember } from '../reviews/sampling';
import type { Review, Scorecard } from '../reviews/types';
import type { Store } from './store';
import type { InteractionDetail } from './types';

export type OfflineKind = 'assignment' | 'sample' | 'filter';

/** Everything one take writes, read from the team cache beforehand. */
export interface OfflineTake {
  kind: OfflineKind;
  /** The team's sample (a sample or an auditor's part of it); null for a filter. */
  sampleId: number | null;
  /** A filter set's filter (JSON-able); null otherwise. */
  filter: unknown;
  label: string;
  /** The team cache it comes from (user@host:port/database). */
  source: string;
  /** The uids of the selection itself (the other interactions of their conversations come along in `records`). */
  selected: readonly string[];
  /** Every interaction copied, whole and exact: the selection and the rest of each conversation. */
  records: readonly InteractionDetail[];
  /** The team's reviews of those interactions. */
  reviews: readonly Review[];
  /** The team's scorecard versions, oldest first: the last one is its active one, and becomes this cache's. */
  scorecards: readonly Scorecard[];
  /**
   * The team's sample with the members taken (an auditor's part: theirs alone) and its split as the auditor
   * sees it (who has which member; when it was made), copied as a sample here; null for a filter.
   */
  sample: { info: SampleInfo; members: readonly SampleMember[]; assignments: readonly { auditor: string; uids: readonly string[] }[]; assignedAt: number | null } | null;
  /** The team's connection profiles (server, name, zone; never a token), added here when missing. */
  profiles: readonly { id: string; server: string; name?: string; zone?: string }[];
}

export interface OfflineSetRow {
  id: number;
  kind: OfflineKind;
  label: string;
  interactions: number;
  pending: number;
  takenAt: number;
  source: string;
}

/** A review waiting to be sent: this computer's review and the team's version it started from. */
export interface PendingReview {
  uid: string;
  mine: Review;
  base: number;
}

export interface OfflineConflictRow {
  uid: string;
  mine: Review;
  theirs: Review;
}

/** A waiting review the team cache refused at the last push that tried it, for a reason of its own (not the network, not a conflict). */
export interface OfflineRefusalRow {
  uid: string;
  /** The refusal in the user's words (the team cache's error message). */
  reason: string;
  at: number;
}

export interface LastPush {
  at: number;
  result: { pushed: number; conflicts: number; left: number };
  error: string | null;
}

export interface OfflineCopy {
  /** Writes a take in one transaction; the same sample or part taken again refreshes its set (same id). */
  take(take: OfflineTake, now: number): Promise<OfflineSetRow>;
  sets(): Promise<OfflineSetRow[]>;
  /** Reviews waiting to be sent (neither in conflict), the outbox's first; with `uid`, that interaction's only. */
  pending(uid?: string): Promise<PendingReview[]>;
  /** The uid's interaction is in an offline set here: a save on it is an ordinary local save, sent later. */
  holds(uid: string): Promise<boolean>;
  /** A save the team cache could not take, kept here (replacing an earlier one of the same uid, whose base stays). */
  keep(uid: string, base: number, review: Review, now: number): Promise<void>;
  /** A kept save of this uid (the outbox), or null. */
  kept(uid: string): Promise<PendingReview | null>;
  /**
   * The team's review `team` (newer than the one this computer's copy started from) becomes the copy's, unless
   * something of this computer waits for that interaction; true when the copy is now `team`.
   */
  catchUp(uid: string, team: Review): Promise<boolean>;
  /** The team took `mine` (its review is now `team`): nothing of it waits any more; the copy takes the team's review. */
  settle(uid: string, mine: Review, team: Review): Promise<void>;
  /** Written before a push's save of `review` naming the team's version `base` (its answer may be lost). */
  recordSending(uid: string, base: number, review: Review): Promise<void>;
  /** What the last push sent of this uid and did not see settled, or null. */
  sending(uid: string): Promise<PendingReview | null>;
  /** The team's review moved on meanwhile: both kept until resolved. */
  conflict(uid: string, mine: Review, theirs: Review, now: number): Promise<void>;
  conflicts(): Promise<OfflineConflictRow[]>;
  /**
   * The conflict of this uid with `mine` brought up to this computer's latest review of it (saved again
   * since the conflict was found); `changed` says it moved, so a choice made on the older one is asked again.
   */
  freshConflict(uid: string): Promise<{ conflict: OfflineConflictRow; changed: boolean } | null>;
  /** Resolved as theirs: this computer's review becomes theirs; nothing of the uid waits any more. */
  takeTheirs(uid: string, theirs: Review): Promise<void>;
  /** The team cache refused this uid's review for a reason of its own: kept (the last one) until it goes, conflicts or is discarded. */
  refuse(uid: string, reason: string, now: number): Promise<void>;
  /** Every refusal recorded, oldest first (a uid may since have been sent: the caller lists those still waiting). */
  refusals(): Promise<OfflineRefusalRow[]>;
  /**
   * The auditor's choice: this uid's waiting review leaves this computer unsent (a review made on a copy
   * leaves the copy; its saves stay in the review history); refused (bad-input) when none waits.
   */
  discard(uid: string): Promise<void>;
  /** Removes a set and the interactions only it brought; refused (bad-input) while it holds unsent reviews. */
  drop(id: number): Promise<void>;
  recordPush(push: LastPush): Promise<void>;
  lastPush(): Promise<LastPush | null>;
}

/** This computer's cache when it can hold offline copies. */
export type OfflineStore = Store & { readonly offline: OfflineCopy };

export function holdsOfflineCopies(store: Store): store is OfflineStore {
  return typeof (store as Partial<OfflineStore>).offline === 'object';
}
