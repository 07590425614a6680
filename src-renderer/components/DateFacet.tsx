import { DATE_PRESETS, type DatePreset } from '../format/dates';
import { useI18n, type MessageKey } from '../i18n';

const LABEL: Record<DatePreset, MessageKey> = {
  all: 'date.all',
  today: 'date.today',
  yesterday: 'date.yesterday',
  last7: 'date.last7',
  thisMonth: 'date.thisMonth',
  custom: 'date.custom',
};

interface Props {
  preset: DatePreset;
  custom: { from: string; to: string };
  zone: string;
  onPreset(p: DatePreset): void;
  onCustom(c: { from: string; to: string }): void;
}

/** The creation-date range, in the profile's time zone. */
export function DateFacet({ preset, custom, zone, onPreset, onCustom }: Props) {
  const { t } = useI18n();
  return (
    <section className="facet" data-testid="facet-date" aria-label={t('facet.date')}>
      <header className="facet-head">
        <h3>{t('facet.date')}</h3>
      </header>
      <div className="chips" role="radiogroup" aria-label={t('facet.date')}>
        {DATE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            role="radio"
            aria-checked={preset === p}
            className={preset === p ? 'chip on' : 'chip'}
            data-preset={p}
            onClick={() => onPreset(p)}
          >
            {t(LABEL[p])}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <div className="date-custom">
          <label>
            {t('date.from')}
            <input type="date" value={custom.from} onChange={(e) => onCustom({ ...custom, from: e.target.value })} />
          </label>
          <label>
            {t('date.to')}
            <input type="date" value={custom.to} onChange={(e) => onCustom({ ...custom, to: e.target.value })} />
          </label>
        </div>
      )}
      <p className="muted small">{t('date.zoneNote', { zone })}</p>
    </section>
  );
}
