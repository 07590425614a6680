/**
 * The contract's shapes for assignments and calibration (issue 19, point 5; the rules are
 * core/reviews/assignments.ts and calibration.ts). contract.ts builds their operations next to the samples'.
 */
import { z } from 'zod';
import { REVIEW_STATUSES } from './constants';
import { id, scorecardSchema, scoreValue } from './schemas';

export const auditorName = z.string().trim().min(1).max(100);
export const auditorList = z.array(auditorName).min(1).max(50);

export const auditorProgressSchema = z.object({ auditor: z.string(), assigned: z.number(), reviewed: z.number(), passed: z.number(), failed: z.number() });
export const assignmentSchema = z.object({
  sampleId: id,
  /** One line per auditor; on a team cache an auditor sees their own line only. */
  auditors: z.array(auditorProgressSchema),
  assignedAt: z.number().nullable(),
  /** The line of the person asking, when they have a part. */
  mine: auditorProgressSchema.nullable(),
});
export type AssignmentView = z.infer<typeof assignmentSchema>;

export const calibrationSchema = z.object({
  id,
  name: z.string(),
  sampleId: id.nullable(),
  scorecardId: z.string(),
  scorecardVersion: z.number(),
  auditors: z.array(z.string()),
  members: z.number(),
  createdAt: z.number(),
  progress: z.array(z.object({ auditor: z.string(), scored: z.number() })),
});
export type CalibrationView = z.infer<typeof calibrationSchema>;

export const calibrationScoreSchema = z.object({
  uid: z.string(),
  auditor: z.string(),
  scores: z.record(z.string(), scoreValue),
  status: z.enum(REVIEW_STATUSES),
  overallScore: z.number().nullable(),
  updatedAt: z.number(),
});

const agreementLine = z.object({ compared: z.number(), agreed: z.number(), rate: z.number().nullable() });
export const agreementSchema = z.object({
  attributes: z.array(agreementLine.extend({ key: z.string(), name: z.string() })),
  result: agreementLine,
  auditors: z.array(z.object({ auditor: z.string(), scored: z.number(), passed: z.number(), averageScore: z.number().nullable() })),
});
export type AgreementView = z.infer<typeof agreementSchema>;

export const calibrationDetailSchema = z.object({
  calibration: calibrationSchema,
  scorecard: scorecardSchema,
  /** Its interactions in order; id null when one is no longer in the cache. */
  members: z.array(z.object({ uid: z.string(), id: id.nullable(), position: z.number() })),
  /** The scores the asker may read (on a team cache an auditor reads their own, the lead every one). */
  scores: z.array(calibrationScoreSchema),
  /** Null while withheld: on a team cache an auditor taking part sees it once they have scored every interaction (blind scoring). */
  agreement: agreementSchema.nullable(),
  /** Who is asking, and whether they take part (then they score). */
  me: z.string(),
  takesPart: z.boolean(),
});
export type CalibrationDetail = z.infer<typeof calibrationDetailSchema>;
