import type { ReactNode } from 'react';
import type { WolkvoxApi } from '../../src-main/core/api/contract';
import { statusLabel } from '../grid/InteractionGrid';
import { useI18n } from '../i18n';
import { FACET_FIELDS } from '../../src-main/core/api/constants';
import type { FilterControls } from '../state/filter';
import { DateFacet } from './DateFacet';
import { facetHaystack, facetLabel, facetOrder, type FacetWords } from './facet-values';
import { FacetList } from './FacetList';
import { useFacets } from './use-facets';

interface Props {
  api: WolkvoxApi;
  filters: FilterControls;
  zone: string;
  dataVersion: number;
  /** Facets that are not cache fields (the review status), after the date. */
  children?: ReactNode;
}

export function FacetPanel({ api, filters, zone, dataVersion, children }: Props) {
  const { t, lang } = useI18n();
  const { counts, error } = useFacets(api, filters.state, zone, dataVersion);
  const { state } = filters;
  const words: FacetWords = { lang, empty: t('facet.empty'), status: (s) => statusLabel(t, s) };
  const anyChosen = state.preset !== 'all' || state.slot !== null || state.closed !== null || state.reviewStatuses.length > 0 || FACET_FIELDS.some((f) => (state.selections[f]?.length ?? 0) > 0);
  return (
    <aside className="facets" aria-label={t('facet.panel')}>
      <div className="facets-head">
        <h2>{t('facet.panel')}</h2>
        {anyChosen && (
          <button type="button" className="link-button" onClick={filters.clearAll}>
            {t('facet.clearAll')}
          </button>
        )}
      </div>
      {error && <p className="notice error small">{error}</p>}
      <DateFacet preset={state.preset} custom={state.custom} zone={zone} onPreset={filters.setPreset} onCustom={filters.setCustom} />
      {children}
      {FACET_FIELDS.map((field) => (
        <FacetList
          key={field}
          field={field}
          values={facetOrder(field, counts[field] ?? [])}
          selected={state.selections[field] ?? []}
          label={(v) => facetLabel(field, v, words)}
          haystack={(v) => facetHaystack(field, v, words)}
          onToggle={(v) => filters.toggle(field, v)}
          onClear={() => filters.clearFacet(field)}
        />
      ))}
    </aside>
  );
}
