/**
 * Scorecards: validation, the default one, the overall score and the suggested status, all pure. Their
 * storage (immutable versions) is in store/scorecards-sql.ts.
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { ATTRIBUTE_SCALES, type ReviewStatus, type Scorecard, type ScorecardAttribute, type ScorecardInput, type Scores, type ScoreValue } from './types';
import { zodMessage } from './validation';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const attributeSchema = z.strictObject({
  key: z.string().regex(KEY_PATTERN, { error: 'a key is 1-40 lowercase letters, digits or "_", starting with a letter' }),
  name: z.string().trim().min(1, { error: 'a name is required' }).max(80, { error: 'a name has at most 80 characters' }),
  weight: z.number({ error: 'the weight must be a number' }).gt(0, { error: 'the weight must be greater than 0' }).max(1000, {
    error: 'the weight must be at most 1000',
  }),
  scale: z.enum(ATTRIBUTE_SCALES, { error: 'the scale must be "yes-no" or "1-5"' }),
  critical: z.boolean({ error: 'critical must be true or false' }).default(false),
});

const scorecardSchema = z
  .strictObject({
    id: z.string().regex(ID_PATTERN, { error: 'an id is 1-40 lowercase letters, digits, "_" or "-"' }).default('default'),
    name: z.string().trim().min(1, { error: 'a name is required' }).max(100, { error: 'a name has at most 100 characters' }),
    passMark: z.number({ error: 'the pass mark must be a number' }).min(0).max(100, { error: 'the pass mark is between 0 and 100' }).default(80),
    attributes: z
      .array(attributeSchema, { error: 'attributes must be a list' })
      .min(1, { error: 'a scorecard needs at least one attribute' })
      .max(50, { error: 'a scorecard has at most 50 attributes' }),
  })
  .superRefine((card, ctx) => {
    const seen = new Set<string>();
    card.attributes.forEach((a, i) => {
      if (seen.has(a.key)) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'key'], message: `the key "${a.key}" is used twice` });
      seen.add(a.key);
    });
  });

/** Validates a scorecard as typed by a user; throws 'bad-input' naming each problem. */
export function parseScorecardInput(input: unknown): Required<Omit<ScorecardInput, 'attributes'>> & { attributes: ScorecardAttribute[] } {
  const parsed = scorecardSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The scorecard is not valid: ${zodMessage(parsed.error)}.`);
  return parsed.data;
}

/**
 * For chat and email care. Resolution weighs most and is critical: an unresolved customer fails the
 * review however polite the agent was. Greeting and typification are quick yes/no checks; the
 * judgement calls (understanding, tone, response time) get the 1-5 scale.
 */
export const DEFAULT_SCORECARD: Readonly<Required<ScorecardInput>> = Object.freeze({
  id: 'default',
  name: 'Chat and email care',
  passMark: 80,
  attributes: Object.freeze([
    { key: 'greeting', name: 'Greeting and identification', weight: 1, scale: 'yes-no', critical: false },
    { key: 'understanding', name: 'Understanding of the need', weight: 2, scale: '1-5', critical: false },
    { key: 'resolution', name: 'Resolution', weight: 3, scale: 'yes-no', critical: true },
    { key: 'tone', name: 'Tone and courtesy', weight: 2, scale: '1-5', critical: false },
    { key: 'typification', name: 'Correct typification', weight: 1, scale: 'yes-no', critical: false },
    { key: 'response_time', name: 'Response time', weight: 1, scale: '1-5', critical: false },
  ] satisfies ScorecardAttribute[]),
});

/** Whether `value` is a valid score on the attribute's scale (null, "not scored", is always valid). */
export function isValidScore(attribute: ScorecardAttribute, value: unknown): value is ScoreValue {
  if (value === null) return true;
  if (attribute.scale === 'yes-no') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** 0..1: yes = 1, no = 0; on 1-5, 1 = 0 and 5 = 1. */
function fraction(attribute: ScorecardAttribute, value: ScoreValue): number | null {
  if (value === null || value === undefined || !isValidScore(attribute, value)) return null;
  if (attribute.scale === 'yes-no') return value ? 1 : 0;
  return ((value as number) - 1) / 4;
}

/**
 * Weighted overall score, 0-100, rounded to 2 decimals (so the stored value, the workbook and a
 * recomputation agree). Null until every attribute is scored: a partial score would mislead.
 */
export function overallScore(scorecard: Pick<Scorecard, 'attributes'>, scores: Scores): number | null {
  let total = 0;
  let weights = 0;
  for (const attribute of scorecard.attributes) {
    const f = fraction(attribute, scores[attribute.key] ?? null);
    if (f === null) return null;
    total += attribute.weight * f;
    weights += attribute.weight;
  }
  if (weights === 0) return null;
  return Math.round((total / weights) * 10000) / 100;
}

/** The critical attributes scored as failed (no, or 1 on the 1-5 scale). */
export function failedCriticals(scorecard: Pick<Scorecard, 'attributes'>, scores: Scores): ScorecardAttribute[] {
  return scorecard.attributes.filter((a) => a.critical && fraction(a, scores[a.key] ?? null) === 0);
}

/**
 * The status the scores point to: 'fail' as soon as a critical attribute fails; nothing scored is
 * 'unreviewed'; partly scored is 'in review'; fully scored passes from the pass mark up.
 */
export function suggestedStatus(scorecard: Pick<Scorecard, 'attributes' | 'passMark'>, scores: Scores): ReviewStatus {
  if (failedCriticals(scorecard, scores).length > 0) return 'fail';
  const overall = overallScore(scorecard, scores);
  if (overall !== null) return overall >= scorecard.passMark ? 'pass' : 'fail';
  const anyScored = scorecard.attributes.some((a) => (scores[a.key] ?? null) !== null);
  return anyScored ? 'in review' : 'unreviewed';
}
