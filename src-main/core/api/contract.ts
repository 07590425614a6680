/**
 * The one typed API between the UI and the application service, whatever carries it (Electron IPC in the
 * app, loopback HTTP in the browser host and the tests). Arguments are validated on the receiving side,
 * always; results travel as { ok: true, value } | { ok: false, error: { kind, message } }.
 * No Electron import here: this file is shared by the preload, the main process, the web host and the renderer.
 */
import { z } from 'zod';
import { API_FIELDS, ERROR_KINDS, FACET_FIELDS, REVIEW_STATUSES, SORT_FIELDS } from './constants';
import { MAX_SERVICE_ADDRESS_LENGTH, serviceAddressProblem } from '../wolkvox/service-address';

export { FACET_FIELDS, REVIEW_STATUSES, SORT_FIELDS, type FacetField } from './constants';

const id = z.number().int().nonnegative();
const shortText = z.string().max(200);
const valueList = z.array(shortText).max(1000);
/** YYYY-MM-DD, YYYY-MM-DDTHH:mm[:ss] or YYYYmmddHHiiss, in the profile's time zone (checked by the service). */
const dateText = z.string().min(8).max(19);

export const errorInfoSchema = z.object({ kind: z.enum(ERROR_KINDS), message: z.string() });
export type ErrorInfo = z.infer<typeof errorInfoSchema>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };


export const filterSchema = z
  .object({
    fromUtc: z.number().int().optional(),
    toUtc: z.number().int().optional(),
    agents: valueList.optional(),
    skills: valueList.optional(),
    channels: valueList.optional(),
    statuses: valueList.optional(),
    typifications: valueList.optional(),
    evaluations: valueList.optional(),
    text: z.string().max(500).optional(),
    reviewStatuses: z.array(z.enum(REVIEW_STATUSES)).max(REVIEW_STATUSES.length).optional(),
    /** Only the members of this audit sample. */
    sampleId: id.optional(),
  })
  .strict();
export type Filter = z.infer<typeof filterSchema>;

export const sortSchema = z.object({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).strict();
export type Sort = z.infer<typeof sortSchema>;

const fieldsShape = Object.fromEntries(API_FIELDS.map((f) => [f, z.string()])) as Record<(typeof API_FIELDS)[number], z.ZodString>;

export const rowSchema = z.object({
  id,
  uid: z.string(),
  ...fieldsShape,
  createdUtc: z.number().nullable(),
  closedUtc: z.number().nullable(),
  /** Long text fields are cut for the grid; the full record comes from interactions/get. */
  truncated: z.boolean(),
});
export type Row = z.infer<typeof rowSchema>;

export const detailSchema = rowSchema.extend({
  raw: z.string(),
  firstSyncedAt: z.number(),
  updatedAt: z.number(),
  history: z.array(z.object({ changedAt: z.number(), changedFields: z.array(z.string()), previous: z.record(z.string(), z.string()) })),
});
export type Detail = z.infer<typeof detailSchema>;

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    name: z.string().min(1).max(80),
    server: z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'letters and digits only'),
    zone: z.string().min(1).max(64),
    /** Only another *.wolkvox.com host or the local simulator (service-address.ts); empty: built from the server. */
    baseUrl: z
      .string()
      .max(MAX_SERVICE_ADDRESS_LENGTH)
      .superRefine((value, ctx) => {
        const problem = serviceAddressProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;

export const syncRangeSchema = z.union([
  z.object({ preset: z.enum(['today', 'yesterday', 'last7', 'thisMonth', 'last30']) }).strict(),
  z.object({ from: dateText, to: dateText }).strict(),
  z.object({ incremental: z.literal(true) }).strict(),
]);
export type SyncRange = z.infer<typeof syncRangeSchema>;

export const syncProgressSchema = z.object({
  runId: id,
  startUtc: z.number(),
  endUtc: z.number(),
  coveredUtc: z.number(),
  windowsDone: z.number(),
  windowsLeft: z.number(),
  calls: z.number(),
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
  retrying: errorInfoSchema.extend({ attempt: z.number(), delayMs: z.number() }).optional(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncRunSchema = z.object({
  id,
  server: z.string(),
  mode: z.string(),
  startUtc: z.number(),
  endUtc: z.number(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  calls: z.number(),
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  error: errorInfoSchema.nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const syncStateSchema = z.object({
  running: syncProgressSchema.nullable(),
  autoSync: z.boolean(),
  lastRun: syncRunSchema.nullable(),
  callsToday: z.number(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

const scoreValue = z.union([z.boolean(), z.number().int().min(1).max(5), z.null()]);
export const scorecardSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  passMark: z.number(),
  attributes: z.array(
    z.object({ key: z.string(), name: z.string(), weight: z.number(), scale: z.enum(['yes-no', '1-5']), critical: z.boolean() }),
  ),
  createdAt: z.number(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
export const reviewSchema = z.object({
  uid: z.string(),
  status: z.enum(REVIEW_STATUSES),
  scorecardId: z.string(),
  scorecardVersion: z.number(),
  scores: z.record(z.string(), scoreValue),
  overallScore: z.number().nullable(),
  note: z.string(),
  tags: z.array(z.string()),
  reviewer: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Review = z.infer<typeof reviewSchema>;
export const reviewProgressSchema = z.object({
  total: z.number(), unreviewed: z.number(), inReview: z.number(), pass: z.number(), fail: z.number(), reviewed: z.number(),
});
export const sampleSchema = z.object({ id, name: z.string(), seed: z.string(), perAgent: z.number(), members: z.number(), createdAt: z.number() });

/** The Insights view's figures (src-main/core/store/insights-types.ts explains each definition). */
const nullableNumber = z.number().nullable();
const auditFiguresShape = {
  reviewed: z.number(), passed: z.number(), failed: z.number(), passRate: nullableNumber, averageScore: nullableNumber, criticalFailures: z.number(),
};
const weekShape = { week: z.string(), startUtc: z.number(), endUtc: z.number() };
export const insightsSchema = z.object({
  zone: z.string(),
  total: z.number(),
  volume: z.object({
    unit: z.enum(['day', 'hour']),
    channels: z.array(z.string()),
    points: z.array(z.object({ key: z.string(), startUtc: z.number(), endUtc: z.number(), counts: z.array(z.number()), total: z.number() })),
  }),
  heatmap: z.array(z.array(z.number())),
  agents: z.array(
    z.object({
      agent: z.string(), interactions: z.number(), closed: z.number(), shareClosed: z.number(), medianHandleMs: nullableNumber, p90HandleMs: nullableNumber,
      evaluated: z.number(), averageEvaluation: nullableNumber, reviewed: z.number(), passed: z.number(), passRate: nullableNumber, averageScore: nullableNumber,
    }),
  ),
  typifications: z.object({
    top: z.array(z.object({ code: z.string(), description: z.string(), total: z.number(), open: z.number(), closed: z.number() })),
    distinct: z.number(),
  }),
  survey: z.object({
    distribution: z.array(z.object({ value: z.string(), count: z.number() })),
    weekly: z.array(z.object({ ...weekShape, evaluated: z.number(), averageEvaluation: nullableNumber })),
  }),
  audit: z.object({
    total: z.object(auditFiguresShape),
    attributes: z.array(
      z.object({
        key: z.string(), name: z.string(), critical: z.boolean(), scored: z.number(), failed: z.number(), passRate: nullableNumber,
        averageScore: nullableNumber, criticalFailures: z.number(),
      }),
    ),
    byAgent: z.array(z.object({ agent: z.string(), ...auditFiguresShape })),
    byWeek: z.array(z.object({ ...weekShape, ...auditFiguresShape })),
  }),
});
export type InsightsResult = z.infer<typeof insightsSchema>;

export const exportProgressSchema = z.object({ jobId: z.string(), rows: z.number(), total: z.number(), elapsedMs: z.number() });

const empty = z.object({}).strict();

/** ag-grid's column state as the grid saves it: known fields only (others are dropped), every one bounded. */
const columnStateSchema = z.object({
  colId: z.string().min(1).max(100),
  width: z.number().min(0).max(10_000).optional(),
  hide: z.boolean().nullable().optional(),
  pinned: z.union([z.enum(['left', 'right']), z.boolean(), z.null()]).optional(),
  sort: z.enum(['asc', 'desc']).nullable().optional(),
  sortIndex: z.number().int().min(0).max(1000).nullable().optional(),
  flex: z.number().min(0).max(1000).nullable().optional(),
  aggFunc: z.string().max(40).nullable().optional(),
  rowGroup: z.boolean().nullable().optional(),
  rowGroupIndex: z.number().int().min(0).max(1000).nullable().optional(),
  pivot: z.boolean().nullable().optional(),
  pivotIndex: z.number().int().min(0).max(1000).nullable().optional(),
});
/** Every setting the UI keeps (settings/set), by key: what the renderer sets, and the reviewer name the review code reads. */
export const settingSchemas = {
  'ui.language': z.enum(['en', 'es']),
  'ui.gridColumns': z.array(columnStateSchema).max(200),
  reviewer: z.string().max(80),
} as const;
export type SettingKey = keyof typeof settingSchemas;
const settingSetSchema = z.discriminatedUnion(
  'key',
  Object.entries(settingSchemas).map(([key, value]) => z.object({ key: z.literal(key), value }).strict()) as unknown as [
    z.ZodObject<{ key: z.ZodLiteral<string>; value: z.ZodType }>,
  ],
);
const profileRef = z.object({ profileId: profileSchema.shape.id }).strict();
/** How long a profile keeps its interactions (by creation date); null keeps them all. */
export const retentionSchema = z.object({ keepDays: z.number().int().min(1).max(3650).nullable(), keepReviewed: z.boolean() }).strict();
export type Retention = z.infer<typeof retentionSchema>;
/** What removing a profile removes; sharedWith: other profiles on the same server, whose rows and token stay. */
export const removalPlanSchema = z.object({
  server: z.string(),
  interactions: z.number(),
  reviews: z.number(),
  history: z.number(),
  reviewHistory: z.number(),
  sampleMembers: z.number(),
  syncRuns: z.number(),
  token: z.boolean(),
  sharedWith: z.array(z.string()),
});
export type RemovalPlan = z.infer<typeof removalPlanSchema>;
const tokenStatusSchema = z.object({ saved: z.boolean(), source: z.enum(['keychain', 'environment']).nullable() });

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

  'profiles/list': { args: empty, result: z.object({ profiles: z.array(profileSchema), activeId: z.string().nullable() }) },
  'profiles/save': { args: profileSchema.omit({ id: true }).extend({ id: profileSchema.shape.id.optional() }).strict(), result: profileSchema },
  /** Counts what 'profiles/remove' would delete, deleting nothing (the UI's confirmation says how many). */
  'profiles/removal-plan': { args: profileRef, result: removalPlanSchema },
  /** The profile, and (unless another profile shares its server) its rows, reviews, sync runs and keychain entries. */
  'profiles/remove': { args: profileRef, result: removalPlanSchema },
  'retention/get': { args: profileRef, result: retentionSchema },
  'retention/set': { args: z.object({ profileId: profileSchema.shape.id, keepDays: retentionSchema.shape.keepDays, keepReviewed: z.boolean() }).strict(), result: retentionSchema },
  'profiles/activate': { args: profileRef, result: empty },

  'token/status': { args: profileRef, result: tokenStatusSchema },
  'token/set': { args: z.object({ profileId: profileSchema.shape.id, token: z.string().min(1).max(4096) }).strict(), result: tokenStatusSchema },
  'token/clear': { args: profileRef, result: tokenStatusSchema },

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
    /** Each row with its review status (for the grid's column), read in the same request. */
    result: z.object({ rows: z.array(rowSchema.extend({ reviewStatus: z.enum(REVIEW_STATUSES) })), total: z.number() }),
  },
  'interactions/count': { args: z.object({ filter: filterSchema }).strict(), result: z.object({ total: z.number() }) },
  'interactions/get': { args: z.object({ id }).strict(), result: detailSchema },
  'conversation/get': { args: z.object({ id }).strict(), result: z.object({ caseId: z.string(), items: z.array(detailSchema.omit({ history: true })) }) },
  'facets/get': {
    args: z.object({ filter: filterSchema, fields: z.array(z.enum(FACET_FIELDS)).min(1).max(FACET_FIELDS.length) }).strict(),
    result: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number() }))),
  },

  'export/start': {
    args: z
      .object({
        filter: filterSchema,
        sort: sortSchema.optional(),
        format: z.enum(['xlsx', 'csv']),
        headers: z.enum(['api', 'friendly']).default('friendly'),
        /** The audit workbook: review columns, Summary and Scorecard sheets (default on). */
        reviews: z.boolean().default(true),
        /**
         * Browser host only: a plain local absolute path typed by the user (absent: a name in Downloads).
         * The desktop app refuses it: the main process asks with the native save dialog, and a closed
         * dialog answers a `cancelled` error.
         */
        path: z.string().max(1000).optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string(), path: z.string() }),
  },
  'export/cancel': { args: z.object({ jobId: z.string().max(100) }).strict(), result: empty },
  /** Desktop app only, and only a file this run's exports wrote (export/finished's path). */
  'export/reveal': { args: z.object({ path: z.string().max(1000) }).strict(), result: empty },

  'reviews/get': {
    args: z.object({ uid: z.string().min(1).max(100) }).strict(),
    result: z.object({ review: reviewSchema.nullable(), scorecard: scorecardSchema }),
  },
  'reviews/save': {
    args: z
      .object({
        uid: z.string().min(1).max(100),
        status: z.enum(REVIEW_STATUSES).optional(),
        scores: z
          .record(z.string().max(40), scoreValue)
          .refine((r) => Object.keys(r).length <= 50, 'at most 50 scores (a scorecard has at most 50 attributes)')
          .optional(),
        note: z.string().max(20_000).optional(),
        tags: z.array(z.string().max(40)).max(20).optional(),
      })
      .strict(),
    result: reviewSchema,
  },
  /** Charts of the selection (the grid's filter); zone: the profile's by default. Runs on its own reader thread. */
  'insights/get': { args: z.object({ filter: filterSchema, zone: z.string().min(1).max(64).optional() }).strict(), result: insightsSchema },
  'reviews/progress': { args: z.object({ filter: filterSchema }).strict(), result: reviewProgressSchema },
  'scorecard/active': { args: empty, result: scorecardSchema },
  'scorecard/save': {
    args: z
      .object({
        name: z.string().min(1).max(80),
        passMark: z.number().min(0).max(100).optional(),
        attributes: z
          .array(
            z
              .object({
                key: z.string().regex(/^[a-z0-9_]{1,40}$/),
                name: z.string().min(1).max(80),
                weight: z.number().positive().max(1000),
                scale: z.enum(['yes-no', '1-5']),
                critical: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
    result: scorecardSchema,
  },
  'samples/draw': {
    args: z
      .object({
        name: z.string().min(1).max(80),
        seed: z.union([z.string().max(80), z.number().int()]),
        perAgent: z.number().int().min(1).max(10_000),
        by: z.enum(['channel', 'status']).optional(),
        filter: filterSchema,
      })
      .strict(),
    result: sampleSchema,
  },
  'samples/list': { args: empty, result: z.array(sampleSchema) },
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
  const oversize = oversized(args);
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

/**
 * Whether arguments are too deep, too many or too long for any operation, checked before the schemas
 * (without recursion, so a value nested 10,000 levels deep, or one that refers to itself, which Electron's
 * structured clone allows, is refused in a few steps instead of overflowing a stack). The schemas then
 * bound each field on its own. Returns the reason, or null.
 */
function oversized(args: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: args, depth: 0 }];
  let values = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++values > ARG_LIMITS.values) return `more than ${ARG_LIMITS.values} values`;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > ARG_LIMITS.chars) return `more than ${ARG_LIMITS.chars} characters of text`;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= ARG_LIMITS.depth) return `nested deeper than ${ARG_LIMITS.depth} levels`;
      const children = Array.isArray(value) ? value : Object.values(value as object);
      if (values + children.length > ARG_LIMITS.values) return `more than ${ARG_LIMITS.values} values`;
      if (!Array.isArray(value)) for (const key of Object.keys(value as object)) chars += key.length;
      if (chars > ARG_LIMITS.chars) return `more than ${ARG_LIMITS.chars} characters of text`;
      for (const child of children) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
