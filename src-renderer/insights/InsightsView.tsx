import { useEffect, useMemo, useState } from 'react';
import type { Filter, InsightsResult, WolkvoxApi } from '../../src-main/core/api/contract';
import { channelName } from '../../src-main/core/api/channel-names';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import type { MarkClick } from './EChart';
import { agentsOption, auditOption, heatmapOption, surveyOption, typificationsOption, volumeOption, type Labels } from './charts';
import { AgentsTable, AuditTables, HeatmapTable, SurveyTables, TypificationsTable, VolumeTable } from './tables';
import { drillOf, type ChartName, type Drill } from './drill';

/** The figures with the filter they were computed for (a click while a newer answer is on its way drills by the figures shown). */
type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: InsightsResult; filter: Filter };

/**
 * The Insights view: six charts over exactly the grid's filter, asked again whenever the filter or the
 * data changes (only the newest answer is shown). A click on a mark calls `onDrill` with its filter.
 */
export function InsightsView({ api, filter, zone, dataVersion, onDrill }: { api: WolkvoxApi; filter: Filter; zone: string; dataVersion: number; onDrill: (d: Drill) => void }) {
  const { t, num, lang } = useI18n();
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
      setState(r.ok ? { status: 'ready', data: r.value, filter } : { status: 'error', message: r.error.message });
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
      num,
      channel: (value: string) => channelName(value, lang),
    }),
    [t, num, lang],
  );
  const data = state.status === 'ready' ? state.data : null;
  const options = useMemo(
    () =>
      data && {
        volume: volumeOption(data.volume, labels),
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
  const shownFor = state.status === 'ready' ? state.filter : filter;
  const onMark = (chart: ChartName) => (m: MarkClick) => {
    const d = drillOf(chart, m, data, shownFor);
    if (d) onDrill(d);
  };
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
          onMark={onMark('volume')}
        >
          <VolumeTable v={v} t={t} channel={labels.channel} />
        </ChartCard>
        <ChartCard
          name="heatmap" title={t('insights.heatmap')} hint={t('insights.heatmapHint', { zone: data.zone })} option={options.heatmap}
          onMark={onMark('heatmap')}
        >
          <HeatmapTable h={data.heatmap} weekdays={labels.weekdays} t={t} />
        </ChartCard>
        <ChartCard
          name="agents" title={t('insights.agents')} hint={t('insights.agentsHint')} option={options.agents} tall
          onMark={onMark('agents')}
        >
          <AgentsTable agents={data.agents} t={t} />
        </ChartCard>
        <ChartCard
          name="typifications" title={t('insights.typifications')} option={options.typifications} tall
          hint={t('insights.typificationsHint', { n: data.typifications.top.length, total: data.typifications.distinct })}
          onMark={onMark('typifications')}
        >
          <TypificationsTable top={data.typifications.top} t={t} />
        </ChartCard>
        <ChartCard
          name="survey" title={t('insights.survey')} hint={t('insights.surveyHint')} option={options.survey}
          onMark={onMark('survey')}
        >
          <SurveyTables s={data.survey} t={t} />
        </ChartCard>
        <ChartCard
          name="audit" title={t('insights.audit')} option={options.audit}
          hint={t('insights.auditHint', { reviewed: data.audit.total.reviewed, passed: data.audit.total.passed, critical: data.audit.total.criticalFailures })}
          onMark={onMark('audit')}
        >
          <AuditTables a={data.audit} t={t} />
        </ChartCard>
      </div>
    </div>
  );
}
