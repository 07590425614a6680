import { useState } from 'react';
import type { FacetField } from '../../src-main/core/api/contract';
import { useI18n, type MessageKey } from '../i18n';
import { visibleText } from '../format/text';
import type { FacetValue } from './facet-values';
import { fold } from '../../src-main/core/api/search-syntax';

const SHOWN = 8;

export const FACET_TITLE: Record<FacetField, MessageKey> = {
  agent_name: 'facet.agent',
  skill_id: 'facet.skill',
  channel: 'facet.channel',
  status: 'facet.status',
  cod_act: 'facet.typification',
  evaluation_survey: 'facet.evaluation',
};

interface Props {
  field: FacetField;
  /** In the order shown (facet-values.ts facetOrder). */
  values: FacetValue[];
  selected: string[];
  label(value: FacetValue): string;
  /** The texts the finder looks in: the label and the value (facet-values.ts facetHaystack). */
  haystack(value: FacetValue): string[];
  onToggle(value: string): void;
  onClear(): void;
}

/** One facet: its values by name with counts, checkboxes, in the given order; long lists get a filter box. */
export function FacetList({ field, values, selected, label, haystack, onToggle, onClear }: Props) {
  const { t, num } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const [query, setQuery] = useState('');

  // A chosen value stays visible (to be unticked) even when the other filters leave it no rows.
  const all: FacetValue[] = [...values];
  for (const v of selected) if (!all.some((x) => x.value === v)) all.push({ value: v, count: 0 });
  // Accents and case ignored, as the search box does: "ramirez" finds Ramírez; the name and the raw value both count.
  const q = fold(query.trim());
  const filtered = q ? all.filter((v) => haystack(v).some((h) => fold(h).includes(q))) : all;
  const shown = expanded || q ? filtered : filtered.slice(0, SHOWN);

  return (
    <section className="facet" data-testid={`facet-${field}`} aria-label={t(FACET_TITLE[field])}>
      <header className="facet-head">
        <h3>{t(FACET_TITLE[field])}</h3>
        {selected.length > 0 && (
          <button type="button" className="link-button" onClick={onClear}>
            {t('facet.clear')}
          </button>
        )}
      </header>
      {all.length > 12 && (
        <input
          className="facet-filter"
          type="search"
          value={query}
          placeholder={t('facet.filterPlaceholder')}
          aria-label={t('facet.filterPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {all.length === 0 && <p className="muted small">{t('facet.none')}</p>}
      <ul>
        {shown.map((v) => {
          const isOn = selected.includes(v.value);
          return (
            <li key={v.value}>
              <label className={isOn ? 'facet-value on' : 'facet-value'}>
                <input type="checkbox" checked={isOn} onChange={() => onToggle(v.value)} />
                <bdi dir="auto" className="facet-label">
                  {visibleText(label(v), true)}
                </bdi>
                <span className="count">{num(v.count)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {!q && filtered.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('facet.showLess') : t('facet.showAll', { n: filtered.length })}
        </button>
      )}
    </section>
  );
}
