import { useEffect, useState } from 'react';
import { DATE_PRESETS, type DatePreset } from '../format/dates';
import { checkDayRange } from '../format/day-range';
import { useI18n, type MessageKey } from '../i18n';

/** The words of each date preset (the facet's choices and the active-filter chips). */
export const DATE_PRESET_LABEL: Record<DatePreset, MessageKey> = {
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
  // What the fields hold; the filter takes it only once it is a range (see checkDayRange).
  const [draft, setDraft] = useState(custom);
  useEffect(() => setDraft(custom), [custom.from, custom.to]);
  const check = checkDayRange(draft.from, draft.to);
  const type = (next: { from: string; to: string }) => {
    setDraft(next);
    if (checkDayRange(next.from, next.to) === 'ok') onCustom(next);
  };
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
            {t(DATE_PRESET_LABEL[p])}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <div className="date-custom">
          <label>
            {t('date.from')}
            <input type="date" data-testid="date-from" value={draft.from} aria-invalid={check === 'backwards'} onChange={(e) => type({ ...draft, from: e.target.value })} />
          </label>
          <label>
            {t('date.to')}
            <input type="date" data-testid="date-to" value={draft.to} aria-invalid={check === 'backwards'} onChange={(e) => type({ ...draft, to: e.target.value })} />
          </label>
        </div>
      )}
      {preset === 'custom' && check === 'backwards' && (
        <p className="notice error small" role="alert" data-testid="date-backwards">
          {t('date.backwards')}
        </p>
      )}
      <p className="muted small">{t('date.zoneNote', { zone })}</p>
    </section>
  );
}
