import type { InsightsResult } from '../../src-main/core/api/contract';
import type { T } from '../i18n';
import { FigureTable, type Column } from './FigureTable';

type I = InsightsResult;
const pct = (r: number | null) => (r === null ? null : r * 100);
const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

export function VolumeTable({ v, t }: { v: I['volume']; t: T }) {
  const columns: Column<I['volume']['points'][number]>[] = [
    { key: 'key', label: t(v.unit === 'hour' ? 'insights.col.hour' : 'insights.col.day'), value: (p) => p.key },
    ...v.channels.map((c, i) => ({ key: `c${i}`, label: c, value: (p: I['volume']['points'][number]) => p.counts[i] ?? 0 })),
    { key: 'total', label: t('insights.col.total'), value: (p) => p.total },
  ];
  return <FigureTable testId="insights-table-volume" caption={t('insights.volume')} columns={columns} rows={v.points} />;
}

export function HeatmapTable({ h, weekdays, t }: { h: number[][]; weekdays: string[]; t: T }) {
  const rows = h.map((counts, d) => ({ day: weekdays[d] ?? String(d), counts }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'weekday', label: t('insights.col.weekday'), value: (r) => r.day },
    ...Array.from({ length: 24 }, (_, hour) => ({ key: `h${hour}`, label: String(hour).padStart(2, '0'), value: (r: (typeof rows)[number]) => r.counts[hour] ?? 0 })),
  ];
  return <FigureTable testId="insights-table-heatmap" caption={t('insights.heatmap')} columns={columns} rows={rows} />;
}

export function AgentsTable({ agents, t }: { agents: I['agents']; t: T }) {
  const columns: Column<I['agents'][number]>[] = [
    { key: 'agent', label: t('insights.col.agent'), value: (a) => a.agent },
    { key: 'interactions', label: t('insights.col.interactions'), value: (a) => a.interactions },
    { key: 'shareClosed', label: t('insights.col.shareClosed'), value: (a) => pct(a.shareClosed) },
    { key: 'median', label: t('insights.col.median'), value: (a) => minutes(a.medianHandleMs) },
    { key: 'p90', label: t('insights.col.p90'), value: (a) => minutes(a.p90HandleMs) },
    { key: 'evaluation', label: t('insights.col.evaluation'), value: (a) => a.averageEvaluation },
    { key: 'reviewed', label: t('insights.col.reviewed'), value: (a) => a.reviewed },
    { key: 'passRate', label: t('insights.col.passRate'), value: (a) => pct(a.passRate) },
    { key: 'score', label: t('insights.col.score'), value: (a) => a.averageScore },
  ];
  return <FigureTable testId="insights-table-agents" caption={t('insights.agents')} columns={columns} rows={agents} sortable />;
}

export function TypificationsTable({ top, t }: { top: I['typifications']['top']; t: T }) {
  const columns: Column<I['typifications']['top'][number]>[] = [
    { key: 'code', label: t('insights.col.code'), value: (r) => r.code },
    { key: 'description', label: t('insights.col.description'), value: (r) => r.description },
    { key: 'open', label: t('insights.col.open'), value: (r) => r.open },
    { key: 'closed', label: t('insights.col.closed'), value: (r) => r.closed },
    { key: 'total', label: t('insights.col.total'), value: (r) => r.total },
  ];
  return <FigureTable testId="insights-table-typifications" caption={t('insights.typifications')} columns={columns} rows={top} sortable />;
}

export function SurveyTables({ s, t }: { s: I['survey']; t: T }) {
  const dist: Column<I['survey']['distribution'][number]>[] = [
    { key: 'value', label: t('insights.col.value'), value: (d) => d.value || t('insights.noAnswer') },
    { key: 'count', label: t('insights.col.count'), value: (d) => d.count },
  ];
  const weekly: Column<I['survey']['weekly'][number]>[] = [
    { key: 'week', label: t('insights.col.week'), value: (w) => w.week },
    { key: 'evaluated', label: t('insights.col.evaluated'), value: (w) => w.evaluated },
    { key: 'average', label: t('insights.col.evaluation'), value: (w) => w.averageEvaluation },
  ];
  return (
    <>
      <FigureTable testId="insights-table-survey" caption={t('insights.survey')} columns={dist} rows={s.distribution} />
      <FigureTable testId="insights-table-survey-weekly" caption={t('insights.survey')} columns={weekly} rows={s.weekly} />
    </>
  );
}

export function AuditTables({ a, t }: { a: I['audit']; t: T }) {
  const attrs: Column<I['audit']['attributes'][number]>[] = [
    { key: 'attribute', label: t('insights.col.attribute'), value: (x) => x.name },
    { key: 'critical', label: t('insights.col.isCritical'), value: (x) => (x.critical ? 1 : 0) },
    { key: 'scored', label: t('insights.col.scored'), value: (x) => x.scored },
    { key: 'failed', label: t('insights.col.failed'), value: (x) => x.failed },
    { key: 'passRate', label: t('insights.col.passRate'), value: (x) => pct(x.passRate) },
    { key: 'score', label: t('insights.col.score'), value: (x) => x.averageScore },
    { key: 'criticalFailures', label: t('insights.col.critical'), value: (x) => x.criticalFailures },
    { key: 'overridden', label: t('insights.col.overridden'), value: (x) => x.overridden },
  ];
  type Fig = I['audit']['total'];
  const figs = <R extends Fig>(): Column<R>[] => [
    { key: 'reviewed', label: t('insights.col.reviewed'), value: (x) => x.reviewed },
    { key: 'passed', label: t('insights.col.passed'), value: (x) => x.passed },
    { key: 'passRate', label: t('insights.col.passRate'), value: (x) => pct(x.passRate) },
    { key: 'score', label: t('insights.col.score'), value: (x) => x.averageScore },
    { key: 'criticalFailures', label: t('insights.col.critical'), value: (x) => x.criticalFailures },
    { key: 'overridden', label: t('insights.col.overridden'), value: (x) => x.overridden },
  ];
  return (
    <>
      <FigureTable testId="insights-table-audit" caption={t('insights.audit')} columns={attrs} rows={a.attributes} sortable />
      <FigureTable testId="insights-table-audit-agents" caption={t('insights.audit')} columns={[{ key: 'agent', label: t('insights.col.agent'), value: (x) => x.agent }, ...figs<I['audit']['byAgent'][number]>()]} rows={a.byAgent} sortable />
      <FigureTable testId="insights-table-audit-weeks" caption={t('insights.audit')} columns={[{ key: 'week', label: t('insights.col.week'), value: (x) => x.week }, ...figs<I['audit']['byWeek'][number]>()]} rows={a.byWeek} />
    </>
  );
}
