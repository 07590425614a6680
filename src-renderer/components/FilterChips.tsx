import type { GridApi } from 'ag-grid-community';
import { statusLabel } from '../grid/InteractionGrid';
import type { Row } from '../grid/types';
import { useI18n, type T } from '../i18n';
import { reviewStatusLabel } from '../review/status';
import type { FilterControls } from '../state/filter';
import { chipKey, filterChips, type FilterChip, type GridSort } from '../state/filter-chips';
import { DATE_PRESET_LABEL } from './DateFacet';
import { FACET_TITLE } from './FacetList';

interface Props {
  filters: FilterControls;
  sort: GridSort | null;
  gridApi: GridApi<Row> | null;
}

/**
 * Everything that narrows or orders the grid, above it, each removable with its ×: the facet panel scrolls,
 * and a sort on a column scrolled out of view would otherwise survive a reload unseen.
 */
export function FilterChips({ filters, sort, gridApi }: Props) {
  const { t, locale } = useI18n();
  const chips = filterChips(filters.state, sort);
  if (chips.length === 0) return null;
  const remove = (chip: FilterChip) => {
    switch (chip.kind) {
      case 'text':
        return filters.setText('');
      case 'date':
        return filters.setPreset('all');
      case 'review':
        return filters.toggleReviewStatus(chip.status);
      case 'facet':
        return filters.toggle(chip.field, chip.value);
      case 'sort':
        return gridApi?.applyColumnState({ defaultState: { sort: null } });
    }
  };
  return (
    <ul className="filter-chips" data-testid="filter-chips" aria-label={t('chips.label')}>
      {chips.map((chip) => {
        const label = chipLabel(t, locale, chip, gridApi);
        return (
          <li key={chipKey(chip)} className="chip filter-chip" data-testid="filter-chip" data-chip={chipKey(chip)}>
            <bdi dir="auto">{label}</bdi>
            <button type="button" className="icon-button" aria-label={t('chips.remove', { label })} title={t('chips.remove', { label })} onClick={() => remove(chip)}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function chipLabel(t: T, locale: string, chip: FilterChip, gridApi: GridApi<Row> | null): string {
  switch (chip.kind) {
    case 'text':
      return t('chips.search', { text: chip.text });
    case 'date':
      return t('chips.named', { name: t('facet.date'), value: dateWords(t, locale, chip) });
    case 'review':
      return t('chips.named', { name: t('review.facet'), value: reviewStatusLabel(t, chip.status) });
    case 'facet': {
      const value = chip.value === '' ? t('facet.empty') : chip.field === 'status' ? statusLabel(t, chip.value) : chip.value;
      return t('chips.named', { name: t(FACET_TITLE[chip.field]), value });
    }
    case 'sort': {
      const column = gridApi?.getColumn(chip.colId)?.getColDef().headerName ?? chip.colId;
      return t(chip.dir === 'asc' ? 'chips.sortAsc' : 'chips.sortDesc', { column });
    }
  }
}

function dateWords(t: T, locale: string, chip: FilterChip & { kind: 'date' }): string {
  if (chip.preset !== 'custom') return t(DATE_PRESET_LABEL[chip.preset]);
  // The days as typed, in the UI's language (they are days of the profile's zone, not instants).
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${iso}T00:00:00Z`));
  if (chip.from && chip.to) return `${day(chip.from)} – ${day(chip.to)}`;
  return chip.from ? t('chips.since', { day: day(chip.from) }) : t('chips.until', { day: day(chip.to) });
}
