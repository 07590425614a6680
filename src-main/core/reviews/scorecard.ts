/**
 * Scorecards: validation, the default one, the overall score and the suggested status, all pure. Their
 * storage (immutable versions) is in store/scorecards-sql.ts.
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { reviewResult } from './result';
import { ATTRIBUTE_HELP_MAX_CHARS, ATTRIBUTE_SCALES, type ReviewStatus, type Scorecard, type ScorecardAttribute, type ScorecardInput, type Scores } from './types';
import { zodMessage } from './validation';

export { failedCriticals, isValidScore, overallScore } from './result';

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
  help: z
    .string({ error: 'the help text must be text' })
    .trim()
    .max(ATTRIBUTE_HELP_MAX_CHARS, { error: `the help text has at most ${ATTRIBUTE_HELP_MAX_CHARS} characters` })
    .default(''),
  naAllowed: z.boolean({ error: 'naAllowed (N/A allowed) must be true or false' }).default(false),
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

export { DEFAULT_SCORECARD, DEFAULT_SCORECARDS, defaultScorecard } from './default-scorecards';

/**
 * The status the scores point to (the result rule of reviews/result.ts), kept under its old name for
 * callers that only need the status.
 */
export function suggestedStatus(scorecard: Pick<Scorecard, 'attributes' | 'passMark'>, scores: Scores): ReviewStatus {
  return reviewResult(scorecard, scores).status;
}

/**
 * Two scorecard versions that score alike: the same pass mark and the same attributes (keys, in order, with
 * their weight, scale, critical flag and N/A), whatever their names and help texts say (the default
 * scorecard seeded in Spanish on one cache and in English on another scores alike).
 */
export function scoresAlike(a: Scorecard, b: Scorecard): boolean {
  const shape = (card: Scorecard) => JSON.stringify([card.passMark, card.attributes.map((x) => [x.key, x.weight, x.scale, x.critical, x.naAllowed])]);
  return shape(a) === shape(b);
}
