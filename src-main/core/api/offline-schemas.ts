/**
 * Offline audits with a team (issue 19, point 6): a selection of the team cache (an auditor's part of a
 * sample, a whole sample, or a filter's rows) copied into this computer's cache with its conversations,
 * reviews and scorecards; the reviews made on it, and saves the team cache could not take when its
 * connection dropped, wait on this computer and are sent back with the version rule of reviews/save.
 */
import { z } from 'zod';
import { filterSchema, id, reviewSchema } from './schemas';

/** At most this many interactions in one offline selection (a filter's rows beyond it are refused, in words). */
export const OFFLINE_MAX_INTERACTIONS = 5_000;

export const OFFLINE_KINDS = ['assignment', 'sample', 'filter'] as const;

export const offlineTakeArgsSchema = z.discriminatedUnion('kind', [
  /** The asker's own part of a sample (assignments/get), with the sample's name. */
  z.object({ kind: z.literal('assignment'), sampleId: id }).strict(),
  z.object({ kind: z.literal('sample'), sampleId: id }).strict(),
  /** The rows the filter selects; `label` names it in the list (default: the filter in words). */
  z.object({ kind: z.literal('filter'), filter: filterSchema, label: z.string().trim().min(1).max(80).optional() }).strict(),
]);

export const offlineSetSchema = z.object({
  id: z.number(),
  kind: z.enum(OFFLINE_KINDS),
  /** The sample's name or the filter's label, as the user knows it. */
  label: z.string(),
  interactions: z.number(),
  /** Reviews of the selection made or changed on this computer and not yet sent. */
  pending: z.number(),
  takenAt: z.number(),
  /** The team cache it was taken from (user@host:port/database, no password). */
  from: z.string(),
});
export type OfflineSet = z.infer<typeof offlineSetSchema>;

/** A review the team cache refused at push because another auditor saved it meanwhile: both are kept. */
export const offlineConflictSchema = z.object({ uid: z.string(), mine: reviewSchema, theirs: reviewSchema });
export type OfflineConflict = z.infer<typeof offlineConflictSchema>;

/**
 * A review waiting on this computer that the team cache refused at the last push that tried it, for a
 * reason of its own (its interaction removed there, a scorecard version it does not know, a right the
 * auditor lacks): still tried at each push, until it goes or the auditor discards it (offline/discard).
 */
export const offlineRefusedSchema = z.object({
  uid: z.string(),
  /** The review as it waits to be sent. */
  mine: reviewSchema,
  /** Why the team cache refused it, in words. */
  reason: z.string(),
  /** When (epoch ms). */
  at: z.number(),
});
export type OfflineRefused = z.infer<typeof offlineRefusedSchema>;

export const offlinePushResultSchema = z.object({
  /** Reviews the team cache took in this push. */
  pushed: z.number(),
  /** Reviews refused because another auditor saved them meanwhile (now in `conflicts`). */
  conflicts: z.number(),
  /** Reviews still waiting (the connection dropped mid-push, say). */
  left: z.number(),
});
export type OfflinePushResult = z.infer<typeof offlinePushResultSchema>;

export const offlineStatusSchema = z.object({
  sets: z.array(offlineSetSchema),
  /** Every review waiting to be sent: those of the sets, and saves the team cache could not take. */
  pending: z.number(),
  conflicts: z.array(offlineConflictSchema),
  /** Reviews waiting (counted in `pending`) that the team cache refused, oldest refusal first. */
  refused: z.array(offlineRefusedSchema),
  /** The last push: when, what it did, and why it stopped (null when it went through). */
  lastPush: z.object({ at: z.number(), result: offlinePushResultSchema, error: z.string().nullable() }).nullable(),
  /** A selection can be taken now: the app is on the team cache and it is reachable. */
  canTake: z.boolean(),
  /** A push is running. */
  pushing: z.boolean(),
});
export type OfflineStatus = z.infer<typeof offlineStatusSchema>;

/** reviews/save's answer: the review, and `keptLocally` when the team cache could not take it (sent later). */
export const savedReviewSchema = reviewSchema.extend({ keptLocally: z.boolean().optional() });
