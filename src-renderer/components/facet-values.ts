import type { FacetField } from '../../src-main/core/api/constants';
import { channelName } from '../../src-main/core/api/channel-names';
import type { Lang } from '../i18n';

/** A facet's value with its count; `label` is a typification code's description (the store's facets). */
export interface FacetValue {
  value: string;
  count: number;
  label?: string;
}

/** The UI's words a label needs: its language, "(empty)", and a status in words. */
export interface FacetWords {
  lang: Lang;
  empty: string;
  status: (value: string) => string;
}

/**
 * What a value is called in the facet: the name the grid shows (a typification as "code · description",
 * a channel's name, a status in words), "(empty)" for no value. The value itself is what is filtered on.
 */
export function facetLabel(field: FacetField, v: FacetValue, w: FacetWords): string {
  if (v.value === '') return w.empty;
  if (field === 'cod_act') return v.label ? `${v.value} · ${v.label}` : v.value;
  if (field === 'channel') return channelName(v.value, w.lang);
  if (field === 'status') return w.status(v.value);
  return v.value;
}

/** The texts a finder's query is looked for in: the name shown, and the API's value (a code, `facebook_page`). */
export function facetHaystack(field: FacetField, v: FacetValue, w: FacetWords): string[] {
  return [facetLabel(field, v, w), v.value];
}

/** A survey answer on the 1–5 scale as the Insights and the workbook read it (spaces trimmed), else null. */
function surveyScore(value: string): number | null {
  const s = value.replace(/^ +| +$/g, '');
  return s.length === 1 && s >= '1' && s <= '5' ? Number(s) : null;
}

/**
 * The order a facet lists its values in: the busiest first (the store's order), except the survey,
 * which reads as its scale: 1 to 5, then any other answer (busiest first), then no answer.
 */
export function facetOrder<V extends FacetValue>(field: FacetField, values: readonly V[]): V[] {
  if (field !== 'evaluation_survey') return [...values];
  const rank = (v: V) => (v.value === '' ? 7 : (surveyScore(v.value) ?? 6));
  // Array.prototype.sort is stable: values of one rank keep the store's order.
  return [...values].sort((a, b) => rank(a) - rank(b));
}
