import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InsightsResult } from '../../src-main/core/api/contract';
import { channelName } from '../../src-main/core/api/channel-names';
import { facetHaystack, facetLabel, facetOrder, type FacetWords } from '../../src-renderer/components/facet-values';
import { localeFor, makeI18n } from '../../src-renderer/i18n';
import { agentsOption, surveyOption, typificationsOption, volumeOption, type Labels } from '../../src-renderer/insights/charts';

/** Channel names, facet labels and order, and numbers in the UI's language (both languages). */

test("a channel reads by its name in each language; one we don't know stays as the API sent it", () => {
  assert.equal(channelName('facebook_page', 'en'), 'Facebook');
  assert.equal(channelName('facebook_page', 'es'), 'Facebook');
  assert.equal(channelName('Email', 'en'), 'Email');
  assert.equal(channelName('Email', 'es'), 'Correo');
  assert.equal(channelName('EMAIL', 'es'), 'Correo', 'case and spaces do not matter');
  assert.equal(channelName(' whatsapp ', 'en'), 'WhatsApp');
  assert.equal(channelName('instagram', 'es'), 'Instagram');
  assert.equal(channelName('twitter', 'en'), 'X (Twitter)');
  assert.equal(channelName('webchat', 'es'), 'Chat web');
  assert.equal(channelName('tiktok_dm', 'es'), 'tiktok_dm', 'a new channel is still told apart');
  assert.equal(channelName('', 'en'), '');
  assert.equal(channelName('<img src=x>', 'en'), '<img src=x>', 'hostile text comes back as text (rendered inert by React)');
});

const words = (lang: 'en' | 'es'): FacetWords => ({ lang, empty: lang === 'es' ? '(vacío)' : '(empty)', status: (s) => (s === 'close' ? (lang === 'es' ? 'Cerrada' : 'Closed') : s) });

test('facet labels: "code · description", channel names, statuses in words, "(empty)"', () => {
  assert.equal(facetLabel('cod_act', { value: '2301', count: 3, label: 'Facturación' }, words('en')), '2301 · Facturación');
  assert.equal(facetLabel('cod_act', { value: '2301', count: 3 }, words('en')), '2301', 'a code with no description');
  assert.equal(facetLabel('cod_act', { value: '', count: 3 }, words('es')), '(vacío)');
  assert.equal(facetLabel('channel', { value: 'facebook_page', count: 1 }, words('en')), 'Facebook');
  assert.equal(facetLabel('channel', { value: 'Email', count: 1 }, words('es')), 'Correo');
  assert.equal(facetLabel('status', { value: 'close', count: 1 }, words('es')), 'Cerrada');
  assert.equal(facetLabel('agent_name', { value: 'Ana Gómez', count: 1 }, words('en')), 'Ana Gómez');
  // The finder looks in the name and the API's value: "factura" finds 2301, "2301" too, "facebook_page" too.
  assert.deepEqual(facetHaystack('cod_act', { value: '2301', count: 3, label: 'Facturación' }, words('en')), ['2301 · Facturación', '2301']);
  assert.deepEqual(facetHaystack('channel', { value: 'facebook_page', count: 3 }, words('en')), ['Facebook', 'facebook_page']);
});

test('the survey facet reads 1 to 5, then other answers (busiest first), then no answer; other facets keep the busiest first', () => {
  // As the store answers: the busiest first.
  const counts = [
    { value: '5', count: 90 }, { value: '', count: 80 }, { value: '4', count: 70 }, { value: '2', count: 60 }, { value: '1', count: 50 },
    { value: '3', count: 40 }, { value: '10', count: 12 }, { value: 'n/a', count: 9 }, { value: ' 4', count: 2 },
  ];
  assert.deepEqual(facetOrder('evaluation_survey', counts).map((v) => v.value), ['1', '2', '3', '4', ' 4', '5', '10', 'n/a', '']);
  assert.deepEqual(facetOrder('agent_name', counts).map((v) => v.value), counts.map((v) => v.value));
});

test('numbers follow the UI language: Spanish "9.000" and "3,64", English "9,000" and "3.64"', () => {
  const es = makeI18n('es', ['en-US']);
  const en = makeI18n('en', ['en-US']);
  assert.equal(es.num(9000), '9.000');
  assert.equal(es.num(1234567), '1.234.567');
  assert.equal(es.num(3.6430762489044697), '3,64');
  assert.equal(en.num(9000), '9,000');
  assert.equal(en.num(3.6430762489044697), '3.64');
  assert.equal(es.t('grid.count', { n: 9000 }), '9.000 interacciones');
  assert.equal(en.t('grid.count', { n: 9000 }), '9,000 interactions');
  // A user's own Spanish region is kept (Mexico writes 9,000); a bare "es" names none: Colombia's.
  assert.equal(localeFor('es', ['es-MX', 'en']), 'es-MX');
  assert.equal(makeI18n('es', ['es-MX']).num(9000), '9,000');
  assert.equal(localeFor('es', ['es']), 'es-CO');
  assert.equal(localeFor('en', ['es-CO', 'en-GB']), 'en-GB');
});

function labels(lang: 'en' | 'es'): Labels {
  return {
    weekdays: ['L', 'M', 'X', 'J', 'V', 'S', 'D'], open: 'o', closed: 'c', interactions: 'n', average: 'avg', passRate: 'p', noAnswer: '-', noCode: '-',
    num: makeI18n(lang, ['en-US']).num, channel: (v) => channelName(v, lang),
  };
}

type Tooltip = { valueFormatter: (v: unknown) => string };
type Axis = { axisLabel: { formatter: (n: number) => string } };

test("chart tooltips and axes are rounded and formatted as the tables are, in the UI's language", () => {
  const survey: InsightsResult['survey'] = {
    distribution: [{ value: '5', count: 9000 }, { value: '', count: 12 }, { value: '1', count: 3 }],
    weekly: [{ week: '2026-03-30', startUtc: 0, endUtc: 1, evaluated: 9003, averageEvaluation: 3.6430762489044697 }],
  };
  for (const [lang, avg, big] of [['es', '3,64', '9.000'], ['en', '3.64', '9,000']] as const) {
    const option = surveyOption(survey, labels(lang)) as { tooltip: Tooltip; yAxis: Axis[]; xAxis: { data: string[] }[] };
    assert.equal(option.tooltip.valueFormatter(3.6430762489044697), avg, 'the tooltip of the weekly average');
    assert.equal(option.tooltip.valueFormatter(9000), big);
    assert.equal(option.yAxis[0]!.axisLabel.formatter(9000), big, 'the axis');
    assert.deepEqual(option.xAxis[0]!.data, ['1', '5', '-'], 'answers 1 to 5, then no answer');
    const agents = agentsOption([], labels(lang)) as { xAxis: Axis; tooltip: Tooltip };
    assert.equal(agents.xAxis.axisLabel.formatter(12000), lang === 'es' ? '12.000' : '12,000');
    const typ = typificationsOption([], labels(lang)) as { tooltip: Tooltip };
    assert.equal(typ.tooltip.valueFormatter(1234.5), lang === 'es' ? '1.234,5' : '1,234.5');
  }
  const volume = volumeOption({ unit: 'day', channels: ['facebook_page', 'Email'], points: [] }, labels('es')) as { series: { name: string }[] };
  assert.deepEqual(volume.series.map((s) => s.name), ['Facebook', 'Correo'], 'the legend names channels');
});
