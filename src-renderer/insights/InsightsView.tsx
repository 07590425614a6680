import { useEffect, useMemo, useState } from 'react';
import type { Filter, InsightsResult, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import { agentsOption, auditOption, heatmapOption, surveyOption, typificationsOption, volumeOption, type Labels } from './charts';
import { AgentsTable, AuditTables, HeatmapTable, SurveyTables, TypificationsTable, VolumeTable } from './tables';
import type { Drill } from './use-insights-mode';

/** `YYYY-MM-DD` six days after a Monday: the week's last day, for a week's drill. */
function sunday(monday: string): string {
  const [y, m, d] = monday.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 6)).toISOString().slice(0, 10);
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: InsightsResult };

/**
 * The Insights view: six charts over exactly the grid's filter, asked again whenever the filter or the
 * data changes (only the newest answer is shown). A click on a mark calls `onDrill` with its filter.
 */
export function InsightsView({ api, filter, zone, dataVersion, onDrill }: { api: WolkvoxApi; filter: Filter; zone: string; dataVersion: number; onDrill: (d: Drill) => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: 'loading' });
  // A new answer can take seconds on a large cache: the charts of the previous one stay, marked as updating.
  const [updating, setUpdating] = useState(false);

  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    setUpdating(true);
    void api.call('insights/get', { filter, zone }).then((r) => {
      if (!live) return;
      setUpdating(false);
      setState(r.ok ? { status: 'ready', data: r.value } : { status: 'error', message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, filter, zone, dataVersion]);

  const labels: Labels = useMemo(
    () => ({
      weekdays: t('insights.weekdays').split(','),
      open: t('insights.open.series'),
      closed: t('insights.closed.series'),
      interactions: t('insights.col.interactions'),
      average: t('insights.col.evaluation'),
      passRate: t('insights.col.passRate'),
      noAnswer: t('insights.noAnswer'),
      noCode: t('insights.noCode'),
    }),
    [t],
  );
  const data = state.status === 'ready' ? state.data : null;
  const options = useMemo(
    () =>
      data && {
        volume: volumeOption(data.volume),
        heatmap: heatmapOption(data.heatmap, labels),
        agents: agentsOption(data.agents, labels),
        typifications: typificationsOption(data.typifications.top, labels),
        survey: surveyOption(data.survey, labels),
        audit: auditOption(data.audit, labels),
      },
    [data, labels],
  );

  if (state.status === 'error') return <div className="insights notice error" data-testid="insights-view" data-state="error">{t('insights.error', { message: state.message })}</div>;
  if (!data || !options) return <div className="insights muted" data-testid="insights-view" data-state="loading">{t('insights.loading')}</div>;
  if (data.total === 0) return <div className="insights insights-empty muted" data-testid="insights-view" data-state="empty">{t('insights.empty')}</div>;

  const v = data.volume;
  const weekDrill = (week: string, reviewed = false): Drill => ({ days: { from: week, to: sunday(week) }, ...(reviewed ? { reviewStatuses: ['pass', 'fail'] } : {}) });
  return (
    <div className="insights" data-testid="insights-view" data-state="ready" data-total={data.total} data-updating={updating}>
      <p className="muted small" aria-live="polite">
        {t('insights.summary', { n: data.total, zone: data.zone })}
        {updating ? ` · ${t('insights.loading')}` : ''}
      </p>
      <div className="insights-grid">
        <ChartCard
          name="volume" title={t('insights.volume')} option={options.volume}
          hint={t('insights.volumeHint', { unit: t(v.unit === 'hour' ? 'insights.unitHour' : 'insights.unitDay') })}
          onMark={(m) => {
            const p = v.points[m.dataIndex];
            const channel = v.channels[m.seriesIndex];
            if (p && channel !== undefined) onDrill({ days: { from: p.key.slice(0, 10), to: p.key.slice(0, 10) }, facet: { field: 'channel', value: channel } });
          }}
        >
          <VolumeTable v={v} t={t} />
        </ChartCard>
        <ChartCard
          name="heatmap" title={t('insights.heatmap')} hint={t('insights.heatmapHint', { zone: data.zone })} option={options.heatmap}
          onMark={(m) => {
            // Cells are laid out weekday by weekday (charts.ts heatmapOption): index = weekday * 24 + hour.
            const weekday = Math.floor(m.dataIndex / 24);
            const hour = m.dataIndex % 24;
            if ((data.heatmap[weekday]?.[hour] ?? 0) > 0) onDrill({ slot: { zone: data.zone, weekday, hour } });
          }}
        >
          <HeatmapTable h={data.heatmap} weekdays={labels.weekdays} t={t} />
        </ChartCard>
        <ChartCard
          name="agents" title={t('insights.agents')} hint={t('insights.agentsHint')} option={options.agents} tall
          onMark={(m) => {
            const a = data.agents[m.dataIndex];
            if (a) onDrill({ facet: { field: 'agent_name', value: a.agent } });
          }}
        >
          <AgentsTable agents={data.agents} t={t} />
        </ChartCard>
        <ChartCard
          name="typifications" title={t('insights.typifications')} option={options.typifications} tall
          hint={t('insights.typificationsHint', { n: data.typifications.top.length, total: data.typifications.distinct })}
          onMark={(m) => {
            const x = data.typifications.top[m.dataIndex];
            if (x) onDrill({ facet: { field: 'cod_act', value: x.code } });
          }}
        >
          <TypificationsTable top={data.typifications.top} t={t} />
        </ChartCard>
        <ChartCard
          name="survey" title={t('insights.survey')} hint={t('insights.surveyHint')} option={options.survey}
          onMark={(m) => {
            const d = m.seriesIndex === 0 ? data.survey.distribution[m.dataIndex] : undefined;
            const w = m.seriesIndex === 1 ? data.survey.weekly[m.dataIndex] : undefined;
            if (d) onDrill({ facet: { field: 'evaluation_survey', value: d.value } });
            if (w) onDrill(weekDrill(w.week));
          }}
        >
          <SurveyTables s={data.survey} t={t} />
        </ChartCard>
        <ChartCard
          name="audit" title={t('insights.audit')} option={options.audit}
          hint={t('insights.auditHint', { reviewed: data.audit.total.reviewed, passed: data.audit.total.passed, critical: data.audit.total.criticalFailures })}
          onMark={(m) => {
            // No filter holds a scorecard attribute: a bar leads to the reviewed interactions, a week's point to that week's.
            const w = m.seriesIndex === 1 ? data.audit.byWeek[m.dataIndex] : undefined;
            onDrill(w ? weekDrill(w.week, true) : { reviewStatuses: ['pass', 'fail'] });
          }}
        >
          <AuditTables a={data.audit} t={t} />
        </ChartCard>
      </div>
    </div>
  );
}
