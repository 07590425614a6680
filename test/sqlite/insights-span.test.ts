import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInsightsReader } from '../../src-main/core/store/sqlite/insights/insights';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { checkInsights } from './insights-check';
import { openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

/**
 * A cache whose creation dates span a century (an API answer with a mistyped year): the Insights pass
 * then numbers its quarter hours sparsely instead of one counter per quarter (insights-passes.ts), and
 * the daily volume, past its limit of points, leaves the gaps out rather than the last years; and
 * one reader answering a large selection, then smaller ones, reuses its work arrays (insights-scratch.ts).
 * All must still give the figures separate SQL gives.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function records(): IncomingRecord[] {
  const out: IncomingRecord[] = [];
  for (let i = 0; i < 300; i++) {
    const year = i % 50 === 0 ? 1931 + (i % 7) : i % 77 === 0 ? 2099 : 2026;
    const date = `${year}-0${1 + (i % 9)}-${pad(1 + (i % 28))} ${pad(i % 24)}:${pad((i * 7) % 60)}:00`;
    const closed = i % 3 === 0 ? '' : `${year}-0${1 + (i % 9)}-${pad(1 + (i % 28))} 23:${pad(i % 60)}:00`;
    out.push(recordOf({ agent_name: ['Ana', 'Luis', 'Zoe'][i % 3]!, channel: ['Email', 'whatsapp'][i % 2]!, status: closed ? 'close' : 'open', evaluation_survey: ['', '4', '5'][i % 3]!, date_creation: date, close_date: closed }));
  }
  // A minute apart across St. John's change at 00:01 local (2008-03-09 03:31 UTC; the cache reads dates in
  // Bogotá, UTC-5), and hours of 1971 when Monrovia was UTC-0:44:30.
  for (let m = 0; m < 60; m++) out.push(recordOf({ agent_name: 'Ana', channel: 'Email', status: 'open', date_creation: `2008-03-08 22:${pad(m)}:00`, close_date: '' }));
  for (let h = 0; h < 24; h++) out.push(recordOf({ agent_name: 'Luis', channel: 'whatsapp', status: 'open', date_creation: `1971-06-0${1 + (h % 7)} ${pad(h)}:${pad((h * 13) % 60)}:30`, close_date: '' }));
  out.push(recordOf({ agent_name: 'Zoe', channel: 'Email', status: 'open', date_creation: '2150-07-01 12:00:00', close_date: '' }));
  // Half an hour from a UTC midnight, where Madrid's own offset then and the one it is read with differ.
  for (const date of ['1931-03-01 18:30:00', '2150-07-01 17:30:00']) out.push(recordOf({ agent_name: 'Zoe', channel: 'whatsapp', status: 'open', date_creation: date, close_date: '' }));
  return out;
}

test('insights over a century of dates match separate SQL, and a reader reusing its arrays answers each selection alike', () => {
  const { db } = openFresh('wolkvox-insights-span-');
  upsertBatch(db, records());
  const charts = createInsightsReader(db);
  const all = checkInsights(db, charts.insights({}, 'America/Bogota'), {}, 'America/Bogota');
  assert.equal(all.total, 387);
  const days = all.volume.points.map((p) => p.key);
  // Filling every day of the century would pass the chart's limit: only the present days are drawn, none dropped.
  assert.ok(days.length < 5000 && days[0]!.startsWith('1931-') && days.some((d) => d.startsWith('2026-')) && days.some((d) => d.startsWith('2099-')) && days.at(-1)!.startsWith('2150-'), days.join(' '));
  assert.ok(all.volume.points.every((p) => p.total > 0));
  for (const filter of [{ agents: ['Zoe'] }, { channels: ['whatsapp'] }, { fromUtc: Date.UTC(2026, 0, 1), toUtc: Date.UTC(2027, 0, 1) }, {}]) {
    const got = checkInsights(db, charts.insights(filter, 'Europe/Madrid'), filter, 'Europe/Madrid');
    assert.deepEqual(got, createInsightsReader(db).insights(filter, 'Europe/Madrid'), 'a fresh reader answers the same');
  }
});

test('every heatmap cell counts the rows its createdSlot filter selects: mistyped years, a change at a minute past the hour, an offset in seconds', () => {
  const { db } = openFresh('wolkvox-insights-cells-');
  upsertBatch(db, records());
  const charts = createInsightsReader(db);
  for (const zone of ['Europe/Madrid', 'America/St_Johns', 'Africa/Monrovia', 'America/New_York']) {
    const got = checkInsights(db, charts.insights({}, zone), {}, zone);
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const cell = charts.insights({ createdSlot: { zone, weekday, hour } }, zone).total;
        assert.equal(cell, got.heatmap[weekday]![hour], `${zone}, weekday ${weekday}, ${hour}:00`);
      }
    }
  }
});

test('each day of the volume, mistyped years included, selects as many rows as its bar shows when its bounds become the filter', () => {
  const { db } = openFresh('wolkvox-insights-days-');
  upsertBatch(db, records());
  const charts = createInsightsReader(db);
  for (const zone of ['Europe/Madrid', 'America/St_Johns', 'Africa/Monrovia']) {
    for (const point of charts.insights({}, zone).volume.points) {
      const drilled = charts.insights({ fromUtc: point.startUtc, toUtc: point.endUtc }, zone).total;
      assert.equal(drilled, point.total, `${zone} ${point.key}`);
    }
  }
});
