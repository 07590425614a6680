/**
 * The contract's data shapes as zod schemas (rows, profiles, sync, reviews, Insights, settings), with their
 * inferred types. contract.ts builds the operations and events from them.
 */
import { DAY_PRESETS } from '../time/date-presets';
import { z } from 'zod';
import { API_FIELDS, ERROR_KINDS, REVIEW_STATUSES, SORT_FIELDS } from './constants';
import { MAX_SERVICE_ADDRESS_LENGTH, serviceAddressProblem } from '../wolkvox/service-address';

export const id = z.number().int().nonnegative();
export const shortText = z.string().max(200);
export const valueList = z.array(shortText).max(1000);
/** YYYY-MM-DD, YYYY-MM-DDTHH:mm[:ss] or YYYYmmddHHiiss, in the profile's time zone (checked by the service). */
export const dateText = z.string().min(8).max(19);

export const errorInfoSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  /** With 'concurrency' from reviews/save: the review as another auditor saved it meanwhile (shown beside the draft). */
  theirs: z.lazy(() => reviewSchema).optional(),
});
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
    /** Created on this local weekday (0 = Monday … 6 = Sunday) and hour (0..23) in this IANA zone: a heatmap cell. */
    createdSlot: z
      .object({ zone: z.string().min(1).max(64), weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23) })
      .strict()
      .optional(),
    /** With a close date (true) or without (false): the closed and open parts of an Insights bar. */
    closed: z.boolean().optional(),
  })
  .strict();
export type Filter = z.infer<typeof filterSchema>;

export const sortSchema = z.object({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).strict();
export type Sort = z.infer<typeof sortSchema>;

export const fieldsShape = Object.fromEntries(API_FIELDS.map((f) => [f, z.string()])) as Record<(typeof API_FIELDS)[number], z.ZodString>;

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
  z.object({ preset: z.enum(DAY_PRESETS) }).strict(),
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

/** yes/no, 1-5, 'na' (does not apply: only where the attribute allows it) or null (not scored). */
export const scoreValue = z.union([z.boolean(), z.number().int().min(1).max(5), z.literal('na'), z.null()]);
export const scorecardAttributeSchema = z.object({
  key: z.string(), name: z.string(), weight: z.number(), scale: z.enum(['yes-no', '1-5']), critical: z.boolean(),
  /** Shown to auditors next to the attribute; '' when none. */
  help: z.string(),
  naAllowed: z.boolean(),
});
export const scorecardSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  passMark: z.number(),
  attributes: z.array(scorecardAttributeSchema),
  createdAt: z.number(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
/** What scorecard/save takes (and scorecard/default answers): a version to be, without its number and date. */
export const scorecardInputSchema = z
  .object({
    /** The scorecard's lineage (default 'default'): a save adds the next version of it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).optional(),
    name: z.string().min(1).max(100),
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
            help: z.string().max(500).optional(),
            naAllowed: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export const overrideSchema = z.object({ status: z.enum(['pass', 'fail']), reason: z.string() });
export const reviewSchema = z.object({
  uid: z.string(),
  /** The effective result: override.status when overridden, else computedStatus. */
  status: z.enum(REVIEW_STATUSES),
  /** What the scores give (reviews/result.ts states the rule). */
  computedStatus: z.enum(REVIEW_STATUSES),
  override: overrideSchema.nullable(),
  scorecardId: z.string(),
  scorecardVersion: z.number(),
  scores: z.record(z.string(), scoreValue),
  overallScore: z.number().nullable(),
  note: z.string(),
  tags: z.array(z.string()),
  reviewer: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** 1 when created, one more at each save: what reviews/save names as `baseVersion`. */
  version: z.number(),
});
export type Review = z.infer<typeof reviewSchema>;
export const reviewProgressSchema = z.object({
  total: z.number(), unreviewed: z.number(), inReview: z.number(), pass: z.number(), fail: z.number(), reviewed: z.number(), overridden: z.number(),
});
/** How a sample is drawn (core/reviews/sample-rule.ts): a count or a percentage of each group, and what is left out. */
export const sampleRuleSchema = z
  .object({
    unit: z.enum(['count', 'percent']),
    amount: z.number().positive().max(10_000),
    /** A group per agent; false: the whole selection is one group. */
    perAgent: z.boolean(),
    by: z.enum(['channel', 'status']).nullable().optional(),
    skipReviewed: z.boolean().optional(),
    skipOpen: z.boolean().optional(),
    skipNoAgent: z.boolean().optional(),
  })
  .strict();
export type SampleRuleArgs = z.input<typeof sampleRuleSchema>;
export const sampleSchema = z.object({
  id,
  name: z.string(),
  seed: z.string(),
  /** The number per agent when the rule is a count per agent, else null. */
  perAgent: z.number().nullable(),
  members: z.number(),
  createdAt: z.number(),
  rule: z.object({
    unit: z.enum(['count', 'percent']), amount: z.number(), perAgent: z.boolean(), by: z.enum(['channel', 'status']).nullable(),
    skipReviewed: z.boolean(), skipOpen: z.boolean(), skipNoAgent: z.boolean(),
  }),
  /** False for a sample drawn before rules were recorded: its size and split are known, what it left out is not. */
  ruleRecorded: z.boolean(),
  /** Interactions the draw picked from. */
  candidates: z.number(),
  /** The filter it was drawn from; null when the stored one is not a filter this version reads. */
  filter: filterSchema.nullable(),
  /** Members with a decided review (pass or fail; 'in review' is not reviewed yet), and how they came out. */
  progress: z.object({ reviewed: z.number(), passed: z.number(), failed: z.number() }),
});
export type SampleSummary = z.infer<typeof sampleSchema>;

/** The Insights view's figures (src-main/core/insights/insights-types.ts explains each definition). */
export const nullableNumber = z.number().nullable();
export const auditFiguresShape = {
  reviewed: z.number(), passed: z.number(), failed: z.number(), passRate: nullableNumber, averageScore: nullableNumber, criticalFailures: z.number(),
  /** Of the reviewed, those whose result is an auditor's override. */
  overridden: z.number(),
};
export const weekShape = { week: z.string(), startUtc: z.number(), endUtc: z.number() };
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
        /** Answered N/A (not in scored). */
        notApplicable: z.number(),
        /** Reviews that scored the attribute and whose result is overridden. */
        overridden: z.number(),
      }),
    ),
    byAgent: z.array(z.object({ agent: z.string(), ...auditFiguresShape })),
    byWeek: z.array(z.object({ ...weekShape, ...auditFiguresShape })),
  }),
});
export type InsightsResult = z.infer<typeof insightsSchema>;

export const exportProgressSchema = z.object({ jobId: z.string(), rows: z.number(), total: z.number(), elapsedMs: z.number() });

export const empty = z.object({}).strict();

/** ag-grid's column state as the grid saves it: known fields only (others are dropped), every one bounded. */
export const columnStateSchema = z.object({
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
  /** The audit sample the grid shows (reopened at the next start while it exists), or null. */
  'ui.openSample': z.number().int().positive().nullable(),
  /** The auditor's name reviews are signed with ('' or absent: not set yet; reviewer/get tells the UI). */
  reviewer: z.string().max(80),
} as const;
export type SettingKey = keyof typeof settingSchemas;
export const settingSetSchema = z.discriminatedUnion(
  'key',
  Object.entries(settingSchemas).map(([key, value]) => z.object({ key: z.literal(key), value }).strict()) as unknown as [
    z.ZodObject<{ key: z.ZodLiteral<string>; value: z.ZodType }>,
  ],
);
export const profileRef = z.object({ profileId: profileSchema.shape.id }).strict();
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
/** A cache the app moved aside because it could not open it: an id (never a path), its name, when, its size. */
export const brokenCacheSchema = z.object({ id: z.string(), name: z.string(), movedAt: z.number(), bytes: z.number() }).strict();
export type BrokenCache = z.infer<typeof brokenCacheSchema>;
export const brokenCachesSchema = z.object({ caches: z.array(brokenCacheSchema) });
export const tokenStatusSchema = z.object({ saved: z.boolean(), source: z.enum(['keychain', 'environment']).nullable() });
