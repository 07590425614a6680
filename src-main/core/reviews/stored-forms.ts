/**
 * The JSON documents the stores keep for scorecard versions and samples, written and read the same way
 * by every backend (a cache taken offline or moved between backends reads back alike). Pure.
 */
import { perAgentRule, type SampleRule, type SampleStratum } from './sample-rule';
import type { SampleInfo } from './sampling';
import type { Scorecard, ScorecardAttribute } from './types';

/** A version's attributes as stored: exactly the known fields, in a fixed order. */
export function attributesToStore(card: Pick<Scorecard, 'attributes'>): ScorecardAttribute[] {
  return card.attributes.map(({ key, name, weight, scale, critical, help, naAllowed }) => ({ key, name, weight, scale, critical, help, naAllowed }));
}

/** Stored attributes read back. Versions saved before help text and N/A existed have neither: no help, N/A not allowed. */
export function attributesOf(json: string): ScorecardAttribute[] {
  return (JSON.parse(json) as Partial<ScorecardAttribute>[]).map((a) => ({ ...a, help: a.help ?? '', naAllowed: a.naAllowed ?? false }) as ScorecardAttribute);
}

interface StoredSampleParams {
  perAgent: number | null;
  by: SampleStratum | null;
  candidateCount: number;
  /** Absent in samples drawn before rules were recorded (they were all N per agent). */
  rule?: SampleRule;
}

/** The number per agent a rule draws, when it is a count per agent. */
export const perAgentOf = (rule: SampleRule): number | null => (rule.unit === 'count' && rule.perAgent ? rule.amount : null);

/** A drawn sample's parameters, as the JSON text stored with it. */
export function sampleParamsToStore(rule: SampleRule, candidateCount: number): string {
  const params: StoredSampleParams = { perAgent: perAgentOf(rule), by: rule.by, candidateCount, rule };
  return JSON.stringify(params);
}

/** A sample's stored parameters read back (a sample drawn before rules were recorded gets its N-per-agent rule). */
export function sampleParamsOf(json: string): Pick<SampleInfo, 'perAgent' | 'by' | 'rule' | 'ruleRecorded' | 'candidateCount'> {
  const params = JSON.parse(json) as StoredSampleParams;
  const rule = params.rule ?? perAgentRule(params.perAgent ?? 0, params.by ?? null);
  return {
    perAgent: params.rule ? perAgentOf(params.rule) : params.perAgent,
    by: rule.by,
    rule,
    ruleRecorded: params.rule !== undefined,
    candidateCount: params.candidateCount,
  };
}
