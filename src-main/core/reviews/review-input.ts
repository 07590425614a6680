/**
 * Validation of what a reviewer sends, in two steps: the shape (here, before any database access) and
 * the scores against the scorecard version the review uses (once that version is known).
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { isValidScore } from './scorecard';
import { OVERRIDE_REASON_MAX_CHARS, OVERRIDE_STATUSES, REVIEW_STATUSES, type ReviewInput, type Scorecard, type Scores, type ScoreValue } from './types';
import { zodMessage } from './validation';

export const NOTE_MAX_CHARS = 20_000;
export const TAGS_MAX = 20;
export const TAG_MAX_CHARS = 40;

const reasonSchema = z
  .string({ error: 'the reason must be text' })
  .trim()
  .min(1, { error: 'an override needs a reason' })
  .max(OVERRIDE_REASON_MAX_CHARS, { error: `a reason has at most ${OVERRIDE_REASON_MAX_CHARS} characters` });

const inputSchema = z.strictObject({
  uid: z.string({ error: 'the interaction id is required' }).min(1, { error: 'the interaction id is required' }).max(200),
  status: z.enum(REVIEW_STATUSES, { error: `the status must be one of ${REVIEW_STATUSES.map((s) => `"${s}"`).join(', ')}` }).optional(),
  reason: reasonSchema.optional(),
  override: z
    .strictObject({
      status: z.enum(OVERRIDE_STATUSES, { error: 'an override is "pass" or "fail"' }),
      reason: reasonSchema,
    })
    .nullable()
    .optional(),
  scores: z
    .record(z.string(), z.union([z.boolean(), z.number(), z.literal('na'), z.null()]), { error: 'scores must map attribute keys to yes/no, 1-5, "na" or null' })
    .optional(),
  note: z.string({ error: 'the note must be text' }).max(NOTE_MAX_CHARS, { error: `the note has at most ${NOTE_MAX_CHARS.toLocaleString('en')} characters` }).optional(),
  tags: z
    .array(
      z.string({ error: 'a tag must be text' }).trim().min(1, { error: 'a tag cannot be empty' }).max(TAG_MAX_CHARS, { error: `a tag has at most ${TAG_MAX_CHARS} characters` }),
      { error: 'tags must be a list' },
    )
    .max(TAGS_MAX, { error: `at most ${TAGS_MAX} tags` })
    .optional(),
  reviewer: z.string({ error: "the reviewer's name is required" }).trim().min(1, { error: "the reviewer's name is required" }).max(100),
  rescore: z.boolean().optional(),
  baseVersion: z.number({ error: 'the base version must be a number' }).int().nonnegative().optional(),
  scorecard: z.strictObject({ id: z.string().min(1).max(40), version: z.number().int().min(1) }, { error: 'the scorecard is an id and a version' }).optional(),
});

export type ParsedReviewInput = z.infer<typeof inputSchema>;

export function parseReviewInput(input: ReviewInput | unknown): ParsedReviewInput {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The review cannot be saved: ${zodMessage(parsed.error)}.`);
  const data = parsed.data;
  if (data.status !== undefined && data.override !== undefined) {
    throw badInput('The review cannot be saved: give either the result or the override, not both.');
  }
  if (data.tags) {
    // Tags are labels: "Escalate" and "escalate " are one tag; the first spelling wins.
    const seen = new Set<string>();
    data.tags = data.tags.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  }
  return data;
}

/** Scores of `base` still valid on `card` (used when a review moves to another scorecard version). */
export function carryScores(base: Scores, card: Scorecard): Record<string, ScoreValue> {
  const kept: Record<string, ScoreValue> = {};
  for (const attribute of card.attributes) {
    const value = base[attribute.key];
    if (value !== undefined && value !== null && isValidScore(attribute, value)) kept[attribute.key] = value;
  }
  return kept;
}

/** Applies a score patch after checking every key and value against the scorecard; throws 'bad-input'. */
export function applyScores(base: Scores, patch: Scores | undefined, card: Scorecard): Record<string, ScoreValue> {
  const next: Record<string, ScoreValue> = { ...base };
  if (!patch) return next;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const attribute = card.attributes.find((a) => a.key === key);
    if (!attribute) {
      problems.push(`"${key}" is not an attribute of scorecard "${card.name}" version ${card.version}`);
    } else if (!isValidScore(attribute, value)) {
      problems.push(
        value === 'na'
          ? `"${attribute.name}" cannot be N/A: the scorecard requires an answer`
          : `"${attribute.name}" takes ${attribute.scale === 'yes-no' ? 'yes or no (true/false)' : 'a whole number from 1 to 5'}${attribute.naAllowed ? ' or N/A' : ''}, not ${JSON.stringify(value)}`,
      );
    } else if (value === null) {
      delete next[key];
    } else {
      next[key] = value;
    }
  }
  if (problems.length) throw badInput(`The review cannot be saved: ${problems.join('; ')}.`);
  return next;
}
