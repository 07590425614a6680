import type { Filter, SampleSummary } from '../../src-main/core/api/contract';
import { dayInZone } from '../format/dates';
import type { MessageKey, T } from '../i18n';
import { reviewStatusLabel } from './status';

type Rule = SampleSummary['rule'];

/** The rule's groups as a key: per agent (and channel or status), per channel or status, or the whole selection. */
export function spreadKey(rule: Pick<Rule, 'perAgent' | 'by'>): 'agent' | 'agent-channel' | 'agent-status' | 'all' | 'channel' | 'status' {
  if (rule.perAgent) return rule.by ? `agent-${rule.by}` : 'agent';
  return rule.by ?? 'all';
}

/** "5 per agent · left out: reviewed, open", or a legacy sample's "5 per agent · options not recorded". */
export function describeRule(t: T, num: (n: number) => string, rule: Rule, recorded: boolean): string {
  const key = `${rule.unit === 'count' ? 'sample.ruleCount' : 'sample.rulePercent'}.${spreadKey(rule)}` as MessageKey;
  const size = t(key, { amount: num(rule.amount) });
  if (!recorded) return `${size} · ${t('sample.legacyRule')}`;
  const out = [
    rule.skipReviewed && t('sample.leftOutReviewed'),
    rule.skipOpen && t('sample.leftOutOpen'),
    rule.skipNoAgent && t('sample.leftOutNoAgent'),
  ].filter((w): w is string => typeof w === 'string');
  return out.length ? `${size} · ${t('sample.leftOut', { what: out.join(', ') })}` : size;
}

const MAX_VALUES = 3;

function values(t: T, label: string, list: readonly string[] | undefined, show: (v: string) => string = (v) => v || t('facet.empty')): string | null {
  if (!list || list.length === 0) return null;
  const shown = list.slice(0, MAX_VALUES).map(show).join(', ');
  const more = list.length > MAX_VALUES ? ` ${t('sample.filterMore', { n: list.length - MAX_VALUES })}` : '';
  return `${label} ${shown}${more}`;
}

/**
 * The filter a sample was drawn from, in words: "Channel Email · Agent Ana, Luis · 2026-01-01 to 2026-01-31".
 * Dates are days in the zone the app shows; a sample filter is named from the list (`sampleName`).
 */
export function describeFilter(t: T, filter: Filter | null, zone: string, sampleName: (id: number) => string | undefined): string {
  if (!filter) return t('sample.unknownFilter');
  const day = (utc: number) => dayInZone(zone, utc);
  const parts: (string | null)[] = [];
  // toUtc is the end of the range: its last instant's day (an exclusive midnight belongs to the day before).
  if (filter.fromUtc !== undefined && filter.toUtc !== undefined) parts.push(t('sample.filterDates', { from: day(filter.fromUtc), to: day(filter.toUtc - 1) }));
  else if (filter.fromUtc !== undefined) parts.push(t('sample.filterFrom', { from: day(filter.fromUtc) }));
  else if (filter.toUtc !== undefined) parts.push(t('sample.filterTo', { to: day(filter.toUtc - 1) }));
  parts.push(
    values(t, t('facet.agent'), filter.agents),
    values(t, t('facet.channel'), filter.channels),
    values(t, t('facet.status'), filter.statuses),
    values(t, t('facet.skill'), filter.skills),
    values(t, t('facet.typification'), filter.typifications),
    values(t, t('facet.evaluation'), filter.evaluations),
    values(t, t('review.column'), filter.reviewStatuses, (s) => reviewStatusLabel(t, s)),
  );
  if (filter.text) parts.push(t('sample.filterSearch', { text: filter.text }));
  if (filter.sampleId !== undefined) parts.push(t('sample.filterSample', { name: sampleName(filter.sampleId) ?? `#${filter.sampleId}` }));
  if (filter.createdSlot) parts.push(t('sample.filterSlot'));
  const words = parts.filter((p): p is string => p !== null);
  return words.length ? words.join(' · ') : t('sample.allInteractions');
}

/** "12 of 40 reviewed · 75% pass" (no pass rate before the first decided review). */
export function describeProgress(t: T, sample: Pick<SampleSummary, 'members' | 'progress'>): string {
  const { reviewed, passed } = sample.progress;
  const done = t('sample.progress', { reviewed, total: sample.members });
  return reviewed > 0 ? `${done} · ${t('sample.passRate', { rate: Math.round((passed / reviewed) * 100) })}` : done;
}
