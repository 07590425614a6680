/**
 * How a sample is drawn (its rule): how many (a number or a percentage), in which groups (each agent,
 * optionally split by channel or status, or the whole selection), and which interactions are left out
 * before drawing. The rule is stored with the sample so the Samples list can say how it was drawn.
 * Pure: the store applies the exclusions in SQL (samples-sql.ts) and the draw is sampling.ts.
 */
import { z } from 'zod';
import { badInput } from '../errors';
import { zodMessage } from './validation';

export type SampleStratum = 'channel' | 'status';
export type SampleUnit = 'count' | 'percent';

export interface SampleRule {
  /** 'count': `amount` interactions from each group; 'percent': `amount` % of each group, rounded up. */
  unit: SampleUnit;
  amount: number;
  /** Each agent's interactions are a group; false: the whole selection is one group. */
  perAgent: boolean;
  /** Groups are further split by channel or status. */
  by: SampleStratum | null;
  /** Leave out interactions with a decided review (pass or fail); 'in review' is not decided. */
  skipReviewed: boolean;
  /** Leave out interactions not yet closed (any status but close or archived). */
  skipOpen: boolean;
  /** Leave out interactions with no agent name. */
  skipNoAgent: boolean;
}

export const MAX_PER_GROUP = 10_000;
/** Statuses of a finished interaction in the chat_4 report; any other status (open, empty) is open. */
export const CLOSED_STATUSES = ['close', 'archived'] as const;

const byField = z.enum(['channel', 'status'], { error: 'a sample is split by "channel" or "status"' });

const ruleSchema = z
  .strictObject({
    unit: z.enum(['count', 'percent'], { error: 'the size is a "count" or a "percent"' }),
    amount: z.number({ error: 'the size must be a number' }).finite({ error: 'the size must be a number' }),
    perAgent: z.boolean({ error: 'per agent is yes or no' }),
    by: byField.nullable().optional(),
    skipReviewed: z.boolean().optional(),
    skipOpen: z.boolean().optional(),
    skipNoAgent: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.unit === 'count' && (!Number.isInteger(r.amount) || r.amount < 1 || r.amount > MAX_PER_GROUP)) {
      ctx.addIssue({ code: 'custom', message: `the number to draw is a whole number from 1 to ${MAX_PER_GROUP}` });
    }
    if (r.unit === 'percent' && !(r.amount > 0 && r.amount <= 100)) ctx.addIssue({ code: 'custom', message: 'the percentage is more than 0 and at most 100' });
  });

export type SampleRuleInput = z.input<typeof ruleSchema>;

/** A validated rule, with its options defaulted to "leave nothing out". */
export function parseRule(input: unknown): SampleRule {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) throw badInput(`The sample cannot be drawn: ${zodMessage(parsed.error)}.`);
  const r = parsed.data;
  return { unit: r.unit, amount: r.amount, perAgent: r.perAgent, by: r.by ?? null, skipReviewed: !!r.skipReviewed, skipOpen: !!r.skipOpen, skipNoAgent: !!r.skipNoAgent };
}

/** The rule of the first samples' only form: N per agent (optionally by channel or status), nothing left out. */
export function perAgentRule(perAgent: number, by: SampleStratum | null): SampleRule {
  return { unit: 'count', amount: perAgent, perAgent: true, by, skipReviewed: false, skipOpen: false, skipNoAgent: false };
}

/** How many of a group of `size` candidates the rule takes. A percentage is rounded up, so no group is left empty. */
export function takeOf(size: number, rule: Pick<SampleRule, 'unit' | 'amount'>): number {
  if (rule.unit === 'count') return Math.min(size, rule.amount);
  // amount / 100 * size can land a hair above a whole number (0.07 * 100 = 7.000000000000001): rounded first.
  return Math.min(size, Math.ceil(Math.round(size * rule.amount * 1e6) / 1e8));
}

/** The size of a draw from groups of these sizes: what "Draw N" promises before anything is stored. */
export function drawSize(groupSizes: Iterable<number>, rule: Pick<SampleRule, 'unit' | 'amount'>): number {
  let total = 0;
  for (const size of groupSizes) total += takeOf(size, rule);
  return total;
}
