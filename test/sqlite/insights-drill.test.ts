import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InsightsResult } from '../../src-main/core/api/contract';
import { createInsightsReader } from '../../src-main/core/store/sqlite/insights/insights';
import { count, facets } from '../../src-main/core/store/sqlite/reads/queries';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { applyDrill, drillOf, surveyAnswers, type ChartName, type Mark } from '../../src-renderer/insights/drill';
import { EMPTY_FILTER_STATE, toFilter, type FilterState } from '../../src-renderer/state/filter';
import { seeded, seedReviews } from './insights-reviews-seed';
import { ctx, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

/**
 * Every bar, cell and point of every Insights chart, clicked as the UI clicks it (drill.ts: the mark's
 * drill applied to the filter state of the moment, then the state turned into the grid's filter) must
 * lead to a grid that counts what the mark counts: the grid's own count query over a real SQLite cache.
 * Many starting states (every date preset that cuts weeks, hourly volume, facets, text, review states,
 * a heatmap cell) and two zones (one with a DST change inside the data).
 */
const { rnd, pick } = seeded(29);
const pad = (n: number) => String(n).padStart(2, '0');
// Code 9 has two descriptions (renamed) and rows with none, 2302 a hostile one, '' rows with and without one: a bar per code, its drill by code.
const TYPIFICATIONS: [string, string][] = [['', ''], ['', 'Sin código asignado'], ['2301', 'Facturación'], ['2302', '<script>x</script>'], ['9', 'Otro'], ['9', 'Otros motivos'], ['9', ''], ['77', 'Envío']];

function records(n: number): IncomingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const day = 20 + rnd(21); // 2026-03-20 .. 2026-04-09: Madrid's DST change, a month's start mid-week
    const date = i % 97 === 0 ? 'sin fecha' : `2026-${day > 31 ? '04' : '03'}-${pad(day > 31 ? day - 31 : day)} ${pad(rnd(24))}:${pad(rnd(60))}:${pad(rnd(60))}`;
    const closed = rnd(3) === 0 || date === 'sin fecha' ? '' : `2026-04-${pad(10 + rnd(5))} ${pad(rnd(24))}:00:00`;
    const [cod, description] = pick(TYPIFICATIONS);
    return recordOf({
      agent_name: pick(['Ana Gómez', 'Luis', 'Zoe 🦊', '<b>x</b>']), channel: pick(['Email', 'WhatsApp', 'facebook_page', 'instagram']),
      status: closed ? pick(['close', 'archived']) : 'open', cod_act: cod, cod_description: description,
      evaluation_survey: pick(['', '', '1', '2', '3', '5', ' 4', '10', 'n/a']), date_creation: date, close_date: closed,
      body: pick(['factura pendiente', 'envío tarde', 'hola gracias']),
    });
  });
}

const { db } = openFresh('wolkvox-insights-drill-');
upsertBatch(db, records(1500), ctx);
seedReviews(db, { rnd, pick, switchAt: 900 });
const charts = createInsightsReader(db);

// Noon, Sunday 5 April 2026 (UTC): "last 7 days" is 30 March..5 April, "this month" starts on a Wednesday.
const NOW = Date.UTC(2026, 3, 5, 12);
const state = (s: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTER_STATE, ...s });
const STATES = (zone: string): [string, FilterState][] => [
  ['everything', state({})],
  ['the last 7 days', state({ preset: 'last7' })],
  ['this month (a week cut at its start)', state({ preset: 'thisMonth' })],
  ['two days (hourly volume, DST in Madrid)', state({ preset: 'custom', custom: { from: '2026-03-28', to: '2026-03-29' } })],
  ['from a day on (open-ended)', state({ preset: 'custom', custom: { from: '2026-03-25', to: '' } })],
  ['channels and text', state({ text: 'factura', selections: { channel: ['Email', 'facebook_page'] } })],
  ['typifications and answers', state({ selections: { cod_act: ['9', '2302'], evaluation_survey: ['5', ' 4', ''] } })],
  ['passed reviews only', state({ reviewStatuses: ['pass'] })],
  ['a heatmap cell', state({ slot: { zone, weekday: 2, hour: 10 } })],
  ['open ones only (a bar part clicked before)', state({ closed: false, preset: 'last7' })],
];
const ZONES = ['America/Bogota', 'Europe/Madrid'];

/** Every mark of every chart with the rows it counts, read from the figures as the charts draw them (charts.ts). */
function marks(d: InsightsResult): { chart: ChartName; mark: Mark; counts: number; what: string }[] {
  const out: { chart: ChartName; mark: Mark; counts: number; what: string }[] = [];
  d.volume.points.forEach((p, i) => d.volume.channels.forEach((c, s) => out.push({ chart: 'volume', mark: { seriesIndex: s, dataIndex: i }, counts: p.counts[s]!, what: `${p.key} ${c}` })));
  d.heatmap.forEach((row, w) => row.forEach((n, h) => out.push({ chart: 'heatmap', mark: { seriesIndex: 0, dataIndex: w * 24 + h }, counts: n, what: `weekday ${w} ${h}h` })));
  // An agent's or a typification's bar: its closed part (series 0), then its open part.
  d.agents.forEach((a, i) => [a.closed, a.interactions - a.closed].forEach((n, s) => out.push({ chart: 'agents', mark: { seriesIndex: s, dataIndex: i }, counts: n, what: `${a.agent} ${s ? 'open' : 'closed'}` })));
  d.typifications.top.forEach((x, i) => [x.closed, x.open].forEach((n, s) => out.push({ chart: 'typifications', mark: { seriesIndex: s, dataIndex: i }, counts: n, what: `code ${x.code} ${s ? 'open' : 'closed'}` })));
  surveyAnswers(d.survey).forEach((a, i) => out.push({ chart: 'survey', mark: { seriesIndex: 0, dataIndex: i }, counts: a.count, what: `answer '${a.value}'` }));
  d.survey.weekly.forEach((w, i) => out.push({ chart: 'survey', mark: { seriesIndex: 1, dataIndex: i }, counts: w.evaluated, what: `survey week ${w.week}` }));
  // No filter holds a scorecard attribute: an attribute's bar leads to every decided review of the selection.
  d.audit.attributes.forEach((a, i) => out.push({ chart: 'audit', mark: { seriesIndex: 0, dataIndex: i }, counts: d.audit.total.reviewed, what: `attribute ${a.key}` }));
  d.audit.byWeek.forEach((w, i) => out.push({ chart: 'audit', mark: { seriesIndex: 1, dataIndex: i }, counts: w.reviewed, what: `audit week ${w.week}` }));
  return out;
}

for (const zone of ZONES) {
  for (const [name, start] of STATES(zone)) {
    test(`every Insights mark drills to as many rows as it counts: ${name}, ${zone}`, () => {
      const filter = toFilter(start, zone, NOW);
      const data = charts.insights(filter, zone) as InsightsResult;
      assert.ok(data.total > 0, 'the selection is not empty');
      assert.equal(count(db, filter), data.total, 'Insights and the grid start from the same rows');
      const checked = new Map<ChartName, number>();
      for (const m of marks(data)) {
        const drill = drillOf(m.chart, m.mark, data, filter);
        if (m.counts === 0) {
          // Nothing to show: no drill, or one that shows nothing.
          if (drill) assert.equal(count(db, toFilter(applyDrill(start, drill), zone, NOW)), 0, `${m.chart} ${m.what}: an empty mark shows nothing`);
          continue;
        }
        assert.ok(drill, `${m.chart} ${m.what} (${m.counts}) has a drill`);
        const grid = count(db, toFilter(applyDrill(start, drill), zone, NOW));
        assert.equal(grid, m.counts, `${m.chart} ${m.what}: the mark counts ${m.counts}, its drill shows ${grid} (${JSON.stringify(drill)})`);
        checked.set(m.chart, (checked.get(m.chart) ?? 0) + 1);
      }
      // Every chart had marks to click (the audit only where the selection holds decided reviews).
      for (const chart of ['volume', 'heatmap', 'agents', 'typifications', 'survey'] as const) assert.ok((checked.get(chart) ?? 0) > 0, `${chart} was checked`);
      if (data.audit.total.reviewed > 0) assert.ok((checked.get('audit') ?? 0) > 0, 'audit was checked');
      if (name.startsWith('two days')) assert.equal(data.volume.unit, 'hour', 'the volume is hourly');
    });
  }
}

test('the audit per agent (a table) is what the agent and the decided states select', () => {
  const zone = ZONES[0]!;
  for (const [, start] of STATES(zone)) {
    const data = charts.insights(toFilter(start, zone, NOW), zone) as InsightsResult;
    for (const a of data.audit.byAgent) {
      if (a.reviewed === 0) continue;
      const states = start.reviewStatuses.length ? start.reviewStatuses.filter((s) => s === 'pass' || s === 'fail') : (['pass', 'fail'] as const);
      const drilled = applyDrill(start, { facet: { field: 'agent_name', values: [a.agent] }, reviewStatuses: [...states] });
      assert.equal(count(db, toFilter(drilled, zone, NOW)), a.reviewed, `agent ${a.agent}`);
    }
  }
});

test("a heatmap cell chosen in another zone is not widened by a click on this zone's cells", () => {
  const start = state({ slot: { zone: 'Europe/Madrid', weekday: 2, hour: 10 } });
  const filter = toFilter(start, 'America/Bogota', NOW);
  const data = charts.insights(filter, 'America/Bogota') as InsightsResult;
  const cells = marks(data).filter((m) => m.chart === 'heatmap' && m.counts > 0);
  assert.ok(cells.length > 0);
  for (const m of cells) assert.equal(drillOf('heatmap', m.mark, data, filter), null, m.what);
});

test('typifications: one bar per code, named by its newest description, as the facet names it', () => {
  for (const filter of [{}, { toUtc: Date.UTC(2026, 2, 27) }]) {
    const data = charts.insights(filter, ZONES[0]!) as InsightsResult;
    const codes = data.typifications.top.map((x) => x.code);
    assert.equal(new Set(codes).size, codes.length, 'no code twice');
    const nine = data.typifications.top.find((x) => x.code === '9')!;
    const newest = db.prepare("SELECT cod_description FROM interactions WHERE cod_act = '9' AND cod_description <> '' AND (? IS NULL OR created_utc <= ?) ORDER BY id DESC LIMIT 1").pluck().get(filter.toUtc ?? null, filter.toUtc ?? null);
    assert.equal(nine.description, newest);
    assert.equal(nine.total, count(db, { typifications: ['9'], ...filter }));
    if (!filter.toUtc) assert.equal(facets(db, {}, 'cod_act').find((f) => f.value === '9')!.label, nine.description, 'the facet and the bar say the same');
    assert.equal(data.typifications.top.find((x) => x.code === '')?.description, '', 'rows with no code are not named by one of their descriptions');
  }
});

test('the survey answers read 1 to 5, then other answers, then no answer', () => {
  const data = charts.insights({}, ZONES[0]!) as InsightsResult;
  assert.deepEqual(
    surveyAnswers(data.survey).map((a) => a.value),
    ['1', '2', '3', ' 4', '5', ...data.survey.distribution.filter((a) => ['10', 'n/a'].includes(a.value)).map((a) => a.value), ''],
  );
});
