import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { EChart, type MarkClick } from './EChart';
import type { EChartsOption, EChartsType } from './echarts';
import { usePngSave } from './png';

/** One chart of the view: title, the canvas, Save as PNG, and its numbers as tables under "Numbers". */
export function ChartCard(props: { name: string; title: string; hint?: string; option: EChartsOption; onMark?: (m: MarkClick) => void; children: ReactNode; tall?: boolean }) {
  const { t } = useI18n();
  const chart = useRef<EChartsType | null>(null);
  const { api, info } = useApp();
  const png = usePngSave(api, info?.host, chart, props.name);
  const saved = png.status.state === 'saved' ? png.status.path : null;
  const titleId = `insights-title-${props.name}`;
  return (
    <section className={props.tall ? 'insights-card tall' : 'insights-card'} data-testid={`insights-${props.name}`} aria-labelledby={titleId}>
      <header className="insights-card-head">
        <h3 id={titleId}>{props.title}</h3>
        <button type="button" data-testid={`insights-png-${props.name}`} onClick={() => void png.save()} disabled={png.status.state === 'saving'}>
          {t('insights.savePng')}
        </button>
      </header>
      {saved && (
        <p className="muted small" role="status" data-testid={`insights-png-saved-${props.name}`} data-path={saved}>
          {t('insights.pngSaved')} <code>{saved}</code>{' '}
          <button type="button" className="link-button" onClick={() => void api.call('export/reveal', { path: saved })}>
            {t('export.reveal')}
          </button>
        </p>
      )}
      {png.status.state === 'error' && (
        <p className="notice error small" role="alert" data-testid={`insights-png-error-${props.name}`}>
          {png.status.message}
        </p>
      )}
      {props.hint && <p className="muted small insights-hint">{props.hint}</p>}
      <EChart option={props.option} label={props.title} onMark={props.onMark} onChart={(c) => (chart.current = c)} />
      <details className="insights-numbers">
        <summary>{t('insights.table')}</summary>
        {props.children}
      </details>
    </section>
  );
}
