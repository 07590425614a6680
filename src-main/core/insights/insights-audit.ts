/**
 * The audit part of Insights, from the selection's reviews (typed by people, so few next to the
 * interactions), summed per scorecard attribute, per agent and per local week. No database here: each
 * store reads the reviews and the scorecard versions its own way and passes them in.
 */
import type { ScorecardAttribute } from '../reviews/types';
import { compareUtf8 } from '../store/collation';
import type { LocalCalendar } from './insights-time';
import type { AttributeFigures, AuditFigures, Insights } from './insights-types';

export interface ReviewRow {
  agent: string;
  created_utc: number | null;
  /** The effective status (override ?? computed). */
  status: string;
  /** 1 when the status is an auditor's override. */
  overridden: number;
  overall_score: number | null;
  scores: string;
  scorecard_id: string;
  scorecard_version: number;
}

/** A scorecard version as the figures read it: its order of creation and its attributes. */
export interface ScorecardVersionFigures {
  seq: number;
  attributes: ScorecardAttribute[];
}

/** Scorecard versions by `id@version`. */
export type ScorecardVersions = ReadonlyMap<string, ScorecardVersionFigures>;

export const versionKeyOf = (id: string, version: number): string => `${id}@${version}`;

interface Tally {
  passed: number;
  failed: number;
  scored: number;
  scoreSum: number;
  critical: number;
  overridden: number;
}

const newTally = (): Tally => ({ passed: 0, failed: 0, scored: 0, scoreSum: 0, critical: 0, overridden: 0 });

function figures(t: Tally): AuditFigures {
  const reviewed = t.passed + t.failed;
  return {
    reviewed,
    passed: t.passed,
    failed: t.failed,
    passRate: reviewed ? t.passed / reviewed : null,
    averageScore: t.scored ? t.scoreSum / t.scored : null,
    criticalFailures: t.critical,
    overridden: t.overridden,
  };
}

/** 0..100 for a valid score on the attribute's scale, else null (not scored, or not of this scale). */
function scoreOf(attribute: ScorecardAttribute, value: unknown): number | null {
  if (attribute.scale === 'yes-no') return typeof value === 'boolean' ? (value ? 100 : 0) : null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? ((value - 1) / 4) * 100 : null;
}

export function auditFigures(rows: readonly ReviewRow[], calendar: LocalCalendar, versions: ScorecardVersions): Insights['audit'] {
  const total = newTally();
  const agents = new Map<string, Tally>();
  const weeks = new Map<string, Tally>();
  const attributes = new Map<string, AttributeFigures & { seq: number; sum: number }>();
  for (const row of rows) {
    const version = versions.get(versionKeyOf(row.scorecard_id, row.scorecard_version));
    const scores = JSON.parse(row.scores) as Record<string, unknown>;
    let criticalFailed = false;
    const decided = row.status === 'pass' || row.status === 'fail';
    const overridden = row.overridden === 1 && decided;
    for (const a of version?.attributes ?? []) {
      const na = scores[a.key] === 'na';
      const score = scoreOf(a, scores[a.key]);
      if (score === null && !na) continue;
      let f = attributes.get(a.key);
      if (!f) {
        f = {
          key: a.key, name: a.name, critical: a.critical, scored: 0, failed: 0, passRate: null, averageScore: null, criticalFailures: 0,
          notApplicable: 0, overridden: 0, seq: -1, sum: 0,
        };
        attributes.set(a.key, f);
      }
      // Name and flag of the newest version that has the attribute.
      if (version!.seq > f.seq) Object.assign(f, { name: a.name, critical: a.critical, seq: version!.seq });
      if (overridden) f.overridden += 1;
      if (score === null) {
        f.notApplicable += 1;
        continue;
      }
      f.scored += 1;
      f.sum += score;
      if (score === 0) {
        f.failed += 1;
        if (a.critical) {
          f.criticalFailures += 1;
          criticalFailed = true;
        }
      }
    }
    const week = row.created_utc === null ? null : calendar.slot(row.created_utc).week;
    const tallies = [total, getOr(agents, row.agent), ...(week ? [getOr(weeks, week)] : [])];
    for (const t of tallies) {
      if (row.status === 'pass') t.passed += 1;
      if (row.status === 'fail') t.failed += 1;
      if (overridden) t.overridden += 1;
      if (row.overall_score !== null) {
        t.scored += 1;
        t.scoreSum += row.overall_score;
      }
      if (criticalFailed) t.critical += 1;
    }
  }
  return {
    total: figures(total),
    attributes: [...attributes.values()]
      .map(({ seq: _seq, sum, ...f }) => ({ ...f, passRate: f.scored ? 1 - f.failed / f.scored : null, averageScore: f.scored ? sum / f.scored : null }))
      // An attribute only ever answered N/A has no failure rate: it sorts last.
      .sort((a, b) => (b.scored ? b.failed / b.scored : -1) - (a.scored ? a.failed / a.scored : -1) || compareUtf8(a.key, b.key)),
    byAgent: [...agents.entries()].map(([agent, t]) => ({ agent, ...figures(t) })).sort((a, b) => b.reviewed - a.reviewed || compareUtf8(a.agent, b.agent)),
    byWeek: [...weeks.entries()]
      .sort(([a], [b]) => compareUtf8(a, b))
      .map(([week, t]) => ({ week, startUtc: calendar.midnightUtc(week), endUtc: calendar.midnightUtc(week, 7), ...figures(t) })),
  };
}

function getOr(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = newTally()));
  return t;
}
