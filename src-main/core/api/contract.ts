/**
 * The one typed API between the UI and the application service, whatever carries it (Electron IPC in the
 * app, loopback HTTP in the browser host and the tests). Arguments are validated on the receiving side,
 * always; results travel as { ok: true, value } | { ok: false, error: { kind, message } }.
 * No Electron import here: this file is shared by the preload, the main process, the web host and the renderer.
 */
import { z } from 'zod';
import {
  brokenCachesSchema, detailSchema, empty, errorInfoSchema, exportProgressSchema, filterSchema, id, insightsSchema, profileRef, profileSchema, removalPlanSchema,
  overrideSchema, retentionSchema, reviewProgressSchema, reviewSchema, rowSchema, sampleRuleSchema, sampleSchema, scoreValue, scorecardInputSchema,
  scorecardSchema, settingSetSchema, sortSchema,
  syncProgressSchema, syncRangeSchema, syncRunSchema, syncStateSchema, tokenStatusSchema, type ErrorInfo, type Result,
} from './schemas';
import { API_FIELDS, CSV_SEPARATORS, FACET_FIELDS, REVIEW_STATUSES } from './constants';
import { SAVE_IMAGE_MAX_CHARS, SAVE_IMAGE_MAX_NAME } from './image-limits';
import { assignmentSchema, auditorList, calibrationDetailSchema, calibrationSchema, calibrationScoreSchema } from './assignment-schemas';
import { teamFieldsSchema, teamProblemSchema, teamStatusSchema } from './team-schemas';
import { offlinePushResultSchema, offlineSetSchema, offlineStatusSchema, offlineTakeArgsSchema, savedReviewSchema } from './offline-schemas';

export * from './schemas';
export * from './assignment-schemas';
export { FACET_FIELDS, REVIEW_STATUSES, SORT_FIELDS, type FacetField } from './constants';
export * from './team-schemas';
export * from './offline-schemas';

/** Every operation the UI may call: arguments and result, by channel name. */
export const operations = {
  'app/info': {
    args: empty,
    /** hasData: the cache holds interactions (the app then opens on them, with or without a profile). */
    result: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), dataDir: z.string(), demo: z.boolean(), hasData: z.boolean() }),
  },
  'settings/get': { args: empty, result: z.record(z.string(), z.unknown()) },
  /** One key at a time, each with its own bounded schema (settingSchemas); any other key is refused. */
  'settings/set': { args: settingSetSchema, result: empty },

  /** The team cache (a shared PostgreSQL cache): which cache is in use, the saved connection, why it is not open. */
  'team/status': { args: empty, result: teamStatusSchema },
  /** Saves the connection (checked: verify-full off this machine); `clearCaFile` forgets the chosen CA file. */
  'team/save': { args: teamFieldsSchema.extend({ clearCaFile: z.boolean().optional() }).strict(), result: teamStatusSchema },
  /** Write-only: the password goes to the keychain (under the saved server, database and user) and never comes back. */
  'team/password': { args: z.object({ password: z.string().min(1).max(1024) }).strict(), result: teamStatusSchema },
  /** Desktop app only: the CA file picked in the native open dialog (`cancelled` when closed); the browser host refuses it. */
  'team/choose-ca-file': { args: empty, result: teamStatusSchema },
  /** Opens the team cache with the saved connection and closes it: null when it works, otherwise why not. */
  'team/test': { args: empty, result: z.object({ problem: teamProblemSchema.nullable() }) },
  /** Reopens the app on the team cache (kept as the user's choice); on failure it stays where it is and `problem` says why. */
  'team/use': { args: empty, result: teamStatusSchema },
  /** Reopens the app on this computer's cache. */
  'team/leave': { args: empty, result: teamStatusSchema },

  /** Offline audits with a team (offline-schemas.ts): what is on this computer, what waits to be sent, conflicts. */
  'offline/status': { args: empty, result: offlineStatusSchema },
  /** Copies a selection of the team cache to this computer (only while on the team cache); taken again, it is refreshed. */
  'offline/take': { args: offlineTakeArgsSchema, result: offlineSetSchema },
  /** Sends the waiting reviews to the team cache now (it is also done whenever the team cache is reachable again). */
  'offline/push': { args: empty, result: offlinePushResultSchema },
  /** A conflict settled: `mine` sends this computer's review over theirs (kept in the history); `theirs` takes theirs here. */
  'offline/resolve': { args: z.object({ uid: z.string().min(1).max(100), keep: z.enum(['mine', 'theirs']) }).strict(), result: offlineStatusSchema },
  /** Removes a selection from this computer; refused while it holds reviews not yet sent. */
  'offline/drop': { args: z.object({ id }).strict(), result: offlineStatusSchema },
  /**
   * The auditor's explicit choice: the review of `uid` waiting on this computer (one the team cache refuses,
   * say) is removed from it and never sent; nothing goes to the team cache. Refused when none waits.
   */
  'offline/discard': { args: z.object({ uid: z.string().min(1).max(100) }).strict(), result: offlineStatusSchema },

  'profiles/list': { args: empty, result: z.object({ profiles: z.array(profileSchema), activeId: z.string().nullable() }) },
  'profiles/save': { args: profileSchema.omit({ id: true }).extend({ id: profileSchema.shape.id.optional() }).strict(), result: profileSchema },
  /** Counts what 'profiles/remove' would delete, deleting nothing (the UI's confirmation says how many). */
  'profiles/removal-plan': { args: profileRef, result: removalPlanSchema },
  /** The profile, and (unless another profile shares its server) its rows, reviews, sync runs and keychain entries. */
  'profiles/remove': { args: profileRef, result: removalPlanSchema },
  'retention/get': { args: profileRef, result: retentionSchema },
  'retention/set': { args: z.object({ profileId: profileSchema.shape.id, keepDays: retentionSchema.shape.keepDays, keepReviewed: z.boolean() }).strict(), result: retentionSchema },
  /** Caches moved aside (they could not be opened), which retention removes once older than its period. */
  'retention/broken-caches': { args: empty, result: brokenCachesSchema },
  /** Removes one of them (by the id the list gave) with its journal files; answers the list that remains. */
  'retention/remove-broken-cache': { args: z.object({ id: z.string().regex(/^\d{8}-\d{6}(-\d{1,4})?$/) }).strict(), result: brokenCachesSchema },
  'profiles/activate': { args: profileRef, result: empty },

  'token/status': { args: profileRef, result: tokenStatusSchema },
  'token/set': { args: z.object({ profileId: profileSchema.shape.id, token: z.string().min(1).max(4096) }).strict(), result: tokenStatusSchema },
  'token/clear': { args: profileRef, result: tokenStatusSchema },
  /**
   * One small call to Wolkvox with the profile's saved token (the last whole minute: one unit of the day's
   * quota): says whether the token is accepted and the server reachable, before a first sync. Fails with the
   * call's error kind (auth, network, quota, …).
   */
  'token/test': { args: profileRef, result: z.object({ interactions: z.number(), fromUtc: z.number(), toUtc: z.number() }) },

  'sync/plan': {
    args: z.object({ profileId: profileSchema.shape.id, range: syncRangeSchema }).strict(),
    result: z.object({
      startUtc: z.number(), endUtc: z.number(), windows: z.number(), estimatedCalls: z.number(), callsToday: z.number(),
      /** What a day of auto-sync is expected to cost at the cache's recent pace (new every 5 min, open hourly, 48 h daily). */
      autoSyncDaily: z.object({ calls: z.number(), rows: z.number() }),
    }),
  },
  'sync/start': { args: z.object({ profileId: profileSchema.shape.id, range: syncRangeSchema }).strict(), result: z.object({ runStarted: z.boolean() }) },
  'sync/cancel': { args: empty, result: empty },
  'sync/state': { args: empty, result: syncStateSchema },
  'sync/history': { args: z.object({ limit: z.number().int().min(1).max(200) }).strict(), result: z.array(syncRunSchema) },
  'sync/auto': { args: z.object({ profileId: profileSchema.shape.id, enabled: z.boolean() }).strict(), result: syncStateSchema },

  'interactions/page': {
    args: z
      .object({ filter: filterSchema, sort: sortSchema.optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) })
      .strict(),
    /** Each row with its review status (for the grid's column) and whether it is an override, read in the same request; while searching, the fields that matched. */
    result: z.object({
      rows: z.array(
        rowSchema.extend({ reviewStatus: z.enum(REVIEW_STATUSES), reviewOverridden: z.boolean(), matchedFields: z.array(z.enum(API_FIELDS)).optional() }),
      ),
      total: z.number(),
    }),
  },
  'interactions/count': { args: z.object({ filter: filterSchema }).strict(), result: z.object({ total: z.number() }) },
  'interactions/get': { args: z.object({ id }).strict(), result: detailSchema },
  'conversation/get': { args: z.object({ id }).strict(), result: z.object({ caseId: z.string(), items: z.array(detailSchema.omit({ history: true })) }) },
  'facets/get': {
    args: z.object({ filter: filterSchema, fields: z.array(z.enum(FACET_FIELDS)).min(1).max(FACET_FIELDS.length) }).strict(),
    /** `label`: a typification code's description (its newest non-empty one). */
    result: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number(), label: z.string().optional() }))),
  },

  'export/start': {
    args: z
      .object({
        filter: filterSchema,
        sort: sortSchema.optional(),
        format: z.enum(['xlsx', 'csv']),
        headers: z.enum(['api', 'friendly']).default('friendly'),
        /** The language of friendly headers and of the workbook's Insights tables (the UI's; default English). */
        language: z.enum(['en', 'es']).optional(),
        /** The interaction columns, in order: the grid's visible ones (absent: all 17 in the API's order). */
        columns: z
          .array(z.enum(API_FIELDS))
          .min(1)
          .max(API_FIELDS.length)
          .refine((c) => new Set(c).size === c.length, { error: 'each column at most once' })
          .optional(),
        /** CSV only: what separates fields (default comma; semicolon for Excel with Spanish regional settings). */
        separator: z.enum(CSV_SEPARATORS).optional(),
        /** The audit workbook: review columns, Summary and Scorecard sheets (default on). */
        reviews: z.boolean().default(true),
        /**
         * Browser host only: a file name typed by the user, saved in Downloads (absent: a dated name there);
         * a full path is accepted only when its folder is Downloads.
         * The desktop app refuses it: the main process asks with the native save dialog, and a closed
         * dialog answers a `cancelled` error.
         */
        path: z.string().max(1000).optional(),
        /** Browser host only: replace a file of that name in Downloads that the app did not write (the user ticked it). */
        overwrite: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string(), path: z.string() }),
  },
  'export/cancel': { args: z.object({ jobId: z.string().max(100) }).strict(), result: empty },
  /** Desktop app only, and only a file this run's exports wrote (export/finished's path). */
  'export/reveal': { args: z.object({ path: z.string().max(1000) }).strict(), result: empty },

  /**
   * The review (null when none), the scorecard version it was scored with (the active one when there is no
   * review yet) and the active version (to offer "rescore with the active version" when they differ).
   */
  'reviews/get': {
    /** `language`: the UI's, which the default scorecard is seeded in when the cache has none yet (the saved setting otherwise). */
    args: z.object({ uid: z.string().min(1).max(100), language: z.enum(['en', 'es']).optional() }).strict(),
    result: z.object({ review: reviewSchema.nullable(), scorecard: scorecardSchema, active: scorecardSchema }),
  },
  /**
   * Scores, note and tags are patches. The result follows the scores (reviews/result.ts). `status` is the
   * result the auditor means: equal to the computed one it clears any override; different, it is an
   * override and needs `reason` (else bad-input), so a misclick never changes a pass rate. `override`
   * sets ({ status, reason }) or clears (null) an override directly. An override needs every attribute answered.
   * `rescore` moves the review to the active scorecard version (answers of attributes that still exist are kept).
   * `baseVersion` is the version of the review the edit started from (0: none yet); when another auditor
   * saved meanwhile the call fails with kind 'concurrency' and `theirs`, their review, so nothing is
   * overwritten unseen. "Keep mine" saves again with `baseVersion: theirs.version`. Absent: no check.
   */
  'reviews/save': {
    args: z
      .object({
        uid: z.string().min(1).max(100),
        status: z.enum(REVIEW_STATUSES).optional(),
        reason: z.string().max(500).optional(),
        override: overrideSchema.extend({ reason: z.string().max(500) }).strict().nullable().optional(),
        scores: z
          .record(z.string().max(40), scoreValue)
          .refine((r) => Object.keys(r).length <= 50, 'at most 50 scores (a scorecard has at most 50 attributes)')
          .optional(),
        note: z.string().max(20_000).optional(),
        tags: z.array(z.string().max(40)).max(20).optional(),
        rescore: z.boolean().optional(),
        baseVersion: z.number().int().nonnegative().optional(),
      })
      .strict(),
    /** On a team cache whose connection dropped: saved on this computer (`keptLocally`) and sent when it is back. */
    result: savedReviewSchema,
  },
  /** Who reviews are signed as: the name set in Settings (null until set: the UI then asks for it) and the name used meanwhile. */
  'reviewer/get': { args: empty, result: z.object({ name: z.string().nullable(), signsAs: z.string() }) },
  /** Charts of the selection (the grid's filter); zone: the profile's by default. Runs on its own reader thread. */
  'insights/get': { args: z.object({ filter: filterSchema, zone: z.string().min(1).max(64).optional() }).strict(), result: insightsSchema },
  /**
   * Desktop app only: a chart's picture (the canvas's PNG data URL, or bare base64; at most 20 MB decoded, a
   * whole PNG) saved where the user says in the native save dialog, private to the user; the answer is the
   * path written (export/reveal accepts it). A closed dialog answers `cancelled`. The browser host refuses
   * it: there the browser's own download saves the chart. `name` is only a suggestion, made file-name safe.
   */
  'insights/save-image': {
    args: z
      .object({
        name: z.string().min(1).max(SAVE_IMAGE_MAX_NAME * 2),
        // Begins with the PNG signature in base64 (iVBORw0KGgo); the service checks the whole picture.
        png: z.string().max(SAVE_IMAGE_MAX_CHARS).regex(/^(data:image\/png;base64,)?iVBORw0KGgo/, 'a PNG as a data URL or base64 text'),
      })
      .strict(),
    result: z.object({ path: z.string() }),
  },
  'reviews/progress': { args: z.object({ filter: filterSchema }).strict(), result: reviewProgressSchema },
  'scorecard/active': { args: empty, result: scorecardSchema },
  /** Every stored version, newest first, and which one is active (new reviews use it). */
  'scorecards/list': { args: empty, result: z.object({ active: z.object({ id: z.string(), version: z.number() }), versions: z.array(scorecardSchema) }) },
  'scorecard/version': { args: z.object({ id: z.string().min(1).max(40), version: z.number().int().min(1) }).strict(), result: scorecardSchema },
  /** The default scorecard in a language, not saved (the editor's "reset to the default"). */
  'scorecard/default': { args: z.object({ language: z.enum(['en', 'es']) }).strict(), result: scorecardInputSchema },
  /** Saves a new version of the scorecard (versions are never rewritten); it becomes the active one. */
  'scorecard/save': { args: scorecardInputSchema, result: scorecardSchema },
  /** A version (default: the active one) as a scorecard file (reviews/scorecard-file.ts): its suggested file name and JSON text. */
  'scorecard/export': {
    args: z.object({ id: z.string().min(1).max(40).optional(), version: z.number().int().min(1).optional() }).strict(),
    result: z.object({ fileName: z.string(), text: z.string() }),
  },
  /** Desktop app only: scorecard/export's file written where the user says in the native save dialog (`cancelled` when closed). */
  'scorecard/save-file': {
    args: z.object({ id: z.string().min(1).max(40).optional(), version: z.number().int().min(1).optional() }).strict(),
    result: z.object({ path: z.string() }),
  },
  /** A scorecard file's text, checked whole, saved as a new version of its scorecard (it becomes the active one). */
  'scorecard/import': { args: z.object({ text: z.string().min(1).max(200_000) }).strict(), result: scorecardSchema },
  /** A draw takes `perAgent` per agent (split `by` channel or status), or follows `rule`: one of the two. */
  'samples/draw': {
    args: z
      .object({
        name: z.string().min(1).max(80),
        seed: z.union([z.string().max(80), z.number().int()]),
        perAgent: z.number().int().min(1).max(10_000).optional(),
        by: z.enum(['channel', 'status']).optional(),
        rule: sampleRuleSchema.optional(),
        filter: filterSchema,
      })
      .strict()
      .refine((a) => (a.rule === undefined) !== (a.perAgent === undefined), { message: 'give perAgent or rule, one of them' })
      .refine((a) => a.rule === undefined || a.by === undefined, { message: 'with a rule, the split is the rule\'s "by"' }),
    result: sampleSchema,
  },
  /** How many interactions a draw with this rule would take from the filter's rows; stores nothing. */
  'samples/preview': {
    args: z.object({ filter: filterSchema, rule: sampleRuleSchema }).strict(),
    result: z.object({ candidates: z.number(), size: z.number() }),
  },
  'samples/list': { args: empty, result: z.array(sampleSchema) },
  /** A name another sample has (in any letter case) is refused. */
  'samples/rename': { args: z.object({ id, name: z.string().trim().min(1).max(80) }).strict(), result: sampleSchema },
  /** Deletes the sample (its member list); the reviews of its interactions stay. */
  'samples/delete': { args: z.object({ id }).strict(), result: empty },

  // Assignments and calibration (issue 19, point 5)
  /** Who is asking (a team cache's login, else the reviewer's name) and the names work may be given to. */
  'assignments/auditors': { args: empty, result: z.object({ me: z.string(), known: z.array(z.string()) }) },
  /** Splits the sample's members among the auditors (fairly, reproducibly), replacing an earlier split; reviews stay. */
  'assignments/assign': { args: z.object({ sampleId: id, auditors: auditorList }).strict(), result: assignmentSchema },
  'assignments/get': { args: z.object({ sampleId: id }).strict(), result: assignmentSchema },
  /**
   * "Next unreviewed" in the asker's part of the sample: the first member after `afterUid` still to review,
   * going round. `assigned` false: the asker has no part of this sample (the grid's own walk applies).
   */
  'assignments/next': {
    args: z.object({ sampleId: id, afterUid: z.string().max(200).nullable() }).strict(),
    result: z.object({ assigned: z.boolean(), next: z.object({ id, uid: z.string() }).nullable() }),
  },
  /** A calibration of a sample's interactions by at least two auditors, on the active scorecard version. */
  'calibrations/create': {
    args: z.object({ name: z.string().trim().min(1).max(100), sampleId: id, auditors: auditorList.min(2) }).strict(),
    result: calibrationSchema,
  },
  'calibrations/list': { args: empty, result: z.array(calibrationSchema) },
  /** The calibration with its interactions, the scores the asker may read and the agreement they show. */
  'calibrations/get': { args: z.object({ id }).strict(), result: calibrationDetailSchema },
  /** The asker's answers on one interaction of the calibration (a patch); never a review. */
  'calibrations/score': {
    args: z
      .object({
        calibrationId: id,
        uid: z.string().min(1).max(200),
        scores: z.record(z.string().max(40), scoreValue).refine((r) => Object.keys(r).length <= 50, 'at most 50 scores'),
      })
      .strict(),
    result: calibrationScoreSchema,
  },
  /** The calibration and its scores; reviews stay. */
  'calibrations/delete': { args: z.object({ id }).strict(), result: empty },
} as const;

export type Operations = typeof operations;
export type Channel = keyof Operations;
export type ArgsOf<C extends Channel> = z.input<Operations[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Operations[C]['result']>;

/** Events the UI may receive. */
export const events = {
  'sync/progress': syncProgressSchema,
  'sync/finished': z.object({ run: syncRunSchema }),
  'export/progress': exportProgressSchema,
  'export/finished': z.object({ jobId: z.string(), path: z.string().nullable(), rows: z.number(), error: errorInfoSchema.nullable() }),
  'data/changed': z.object({ reason: z.enum(['sync', 'review', 'sample']) }),
  /** The search index being rebuilt after an upgrade: rows done of rows to do; `done` once searches use it. */
  'search/index': z.object({ indexed: z.number(), total: z.number(), done: z.boolean() }),
  /** The team cache was lost (the network, the server) or came back, or the app moved to another cache. */
  'team/status': teamStatusSchema,
  /** What is offline or waiting to be sent changed (a take, a save kept locally, a push, a conflict). */
  'offline/status': offlineStatusSchema,
} as const;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** The API object the renderer receives (window.wolkvox in Electron, an HTTP client in the browser). */
export type WolkvoxApi = {
  call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Result<ResultOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
};

/** Handlers the hosts dispatch to: one per channel, receiving already-validated arguments. */
export type Handlers = { [C in Channel]: (args: z.output<Operations[C]['args']>) => Promise<ResultOf<C>> };

/** Validates the arguments of a call; unknown channels and malformed arguments are 'bad-input'. */
export function parseCall(channel: string, args: unknown): { ok: true; channel: Channel; args: unknown } | { ok: false; error: ErrorInfo } {
  if (!Object.hasOwn(operations, channel)) return { ok: false, error: { kind: 'bad-input', message: `Unknown operation: ${channel.slice(0, 60)}` } };
  const oversize = oversized(args, TEXT_LIMITS[channel as Channel] ?? ARG_LIMITS.chars);
  if (oversize) return { ok: false, error: { kind: 'bad-input', message: `Invalid arguments for ${channel}: ${oversize}` } };
  const op = operations[channel as Channel];
  const parsed = op.args.safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'arguments';
    return { ok: false, error: { kind: 'bad-input', message: `Invalid ${where} for ${channel}: ${issue?.message ?? 'malformed'}` } };
  }
  return { ok: true, channel: channel as Channel, args: parsed.data };
}

/** No argument of any operation is nested deeper than this, holds more values, or more characters of text. */
export const ARG_LIMITS = { depth: 16, values: 20_000, chars: 1_000_000 } as const;
/** An operation whose one long text is bounded by its own schema instead of ARG_LIMITS.chars: a chart's picture. */
const TEXT_LIMITS: Partial<Record<Channel, number>> = { 'insights/save-image': SAVE_IMAGE_MAX_CHARS + SAVE_IMAGE_MAX_NAME * 2 + 100 };

/** The kind of a value that is neither an array nor a plain object (its class's name), or null. */
function nonPlainKind(value: object): string | null {
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype ? null : 'array subclass';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return null;
  if (ArrayBuffer.isView(value)) return 'binary array';
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && /^[A-Za-z0-9_$]{1,40}$/.test(name) ? `${name} object` : 'non-plain object';
}

/**
 * Whether arguments are too deep, too many or too long for any operation, checked before the schemas
 * (without recursion, so a value nested 10,000 levels deep, or one that refers to itself, which Electron's
 * structured clone allows, is refused in a few steps instead of overflowing a stack). The schemas then
 * bound each field on its own. Returns the reason, or null.
 */
function oversized(args: unknown, maxChars: number): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: args, depth: 0 }];
  let values = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++values > ARG_LIMITS.values) return `more than ${ARG_LIMITS.values} values`;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > maxChars) return `more than ${maxChars} characters of text`;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= ARG_LIMITS.depth) return `nested deeper than ${ARG_LIMITS.depth} levels`;
      // Before anything enumerates it: a typed array, buffer, Map or class instance (which Electron's
      // structured clone carries) is no argument of any operation, and a 30 MB one would be walked whole.
      const kind = nonPlainKind(value);
      if (kind) return `a ${kind} is not a plain value`;
      const children = Array.isArray(value) ? value : Object.values(value as object);
      if (values + children.length > ARG_LIMITS.values) return `more than ${ARG_LIMITS.values} values`;
      if (!Array.isArray(value)) for (const key of Object.keys(value as object)) chars += key.length;
      if (chars > maxChars) return `more than ${maxChars} characters of text`;
      for (const child of children) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
