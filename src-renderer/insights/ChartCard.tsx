import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { EChart, type MarkClick } from './EChart';
import type { EChartsOption, EChartsType } from './echarts';
import { savePng } from './png';

/** One chart of the view: title, the canvas, Save as PNG, and its numbers as tables under "Numbers". */
export function ChartCard(props: { name: string; title: string; hint?: string; option: EChartsOption; onMark?: (m: MarkClick) => void; children: ReactNode; tall?: boolean }) {
  const { t } = useI18n();
  const chart = useRef<EChartsType | null>(null);
  const titleId = `insights-title-${props.name}`;
  return (
    <section className={props.tall ? 'insights-card tall' : 'insights-card'} data-testid={`insights-${props.name}`} aria-labelledby={titleId}>
      <header className="insights-card-head">
        <h3 id={titleId}>{props.title}</h3>
        <button type="button" data-testid={`insights-png-${props.name}`} onClick={() => savePng(chart.current, props.name)}>
          {t('insights.savePng')}
        </button>
      </header>
      {props.hint && <p className="muted small insights-hint">{props.hint}</p>}
      <EChart option={props.option} label={props.title} onMark={props.onMark} onChart={(c) => (chart.current = c)} />
      <details className="insights-numbers">
        <summary>{t('insights.table')}</summary>
        {props.children}
      </details>
    </section>
  );
}
