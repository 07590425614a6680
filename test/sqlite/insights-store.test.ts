import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { drawSample } from '../../src-main/core/store/sqlite/audit/samples-sql';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { createInsightsReader, type Insights } from '../../src-main/core/store/sqlite/insights/insights';
import { openStoreReader } from '../../src-main/core/store/sqlite/threads/reader';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { checkInsights } from './insights-check';
import { seeded, seedReviews } from './insights-reviews-seed';
import { ctx, NOW, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

/**
 * The Insights figures over a seeded cache, checked against SQL of the test's own (insights-expected.ts)
 * for many selections (dates, facets, text, review state, sample, empty) and three zones: the cache's
 * own, one with DST changes inside the data (Madrid, 29 March) and a half-hour one (Kolkata).
 */
const HOSTILE_AGENTS = ['<img src=x onerror=alert(1)>', 'مرحبا بكم', 'Zoe 🦊', 'Ana Gómez', 'Luis'];
const TYPIFICATIONS: [string, string][] = [['', ''], ['2301', 'Billing'], ['2302', '<script>alert("x")</script>'], ['9', 'שלום ‮reversed'], ['9', 'Other']];
const { rnd, pick } = seeded(11);
const pad = (n: number) => String(n).padStart(2, '0');

function records(n: number): IncomingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const day = 20 + rnd(21); // 2026-03-20 .. 2026-04-09, across Madrid's DST change
    const date = i % 83 === 0 ? 'sin fecha' : `2026-${day > 31 ? '04' : '03'}-${pad(day > 31 ? day - 31 : day)} ${pad(rnd(24))}:${pad(rnd(60))}:${pad(rnd(60))}`;
    const closed = rnd(3) === 0 || date === 'sin fecha' ? '' : `2026-04-${pad(10 + rnd(5))} ${pad(rnd(24))}:00:00`;
    const [cod, description] = pick(TYPIFICATIONS);
    return recordOf({
      agent_name: pick(HOSTILE_AGENTS), channel: pick(['Email', 'whatsapp', 'facebook_page']), status: closed ? pick(['close', 'archived']) : 'open',
      cod_act: cod, cod_description: description, evaluation_survey: pick(['', '', '1', '3', '5', ' 4', '10', 'n/a']), date_creation: date, close_date: closed,
      body: pick(['factura pendiente', 'envío tarde', 'hola gracias']),
    });
  });
}

// Opened at load: its temporary folder lives until the file's last test (tempDir's `after`).
const { db, path } = openFresh('wolkvox-insights-');
// The store's Insights reader over the same connection: its columns load at the first request, after `before`.
const charts = createInsightsReader(db);

before(() => {
  upsertBatch(db, records(1200), ctx);
  seedReviews(db, { rnd, pick, switchAt: 700 });
  const candidates = db.prepare('SELECT uid, agent_name, channel, status FROM interactions').all() as { uid: string; agent_name: string; channel: string; status: string }[];
  drawSample(db, { name: 'S', seed: 3, perAgent: 20, candidates, filter: {} }, NOW);
});

function check(filter: InteractionFilter, zone: string): Insights {
  return checkInsights(db, charts.insights(filter, zone), filter, zone);
}

const ZONES = ['America/Bogota', 'Europe/Madrid', 'Asia/Kolkata'];
const MARCH_25 = Date.UTC(2026, 2, 25, 5);

const FILTERS: [string, InteractionFilter][] = [
  ['everything', {}],
  ['a hostile agent', { agents: ['<img src=x onerror=alert(1)>'] }],
  ['an RTL agent and a channel', { agents: ['مرحبا بكم'], channels: ['Email', 'whatsapp'] }],
  ['a typification', { typifications: ['2302'] }],
  ['an evaluation', { evaluations: ['5', ' 4'] }],
  ['text', { text: 'factura' }],
  ['text and dates', { text: 'envío', fromUtc: MARCH_25, toUtc: MARCH_25 + 10 * 86_400_000 }],
  ['two days (hourly)', { fromUtc: MARCH_25, toUtc: MARCH_25 + 2 * 86_400_000 }],
  ['review states', { reviewStatuses: ['pass', 'fail'] }],
  ['unreviewed', { reviewStatuses: ['unreviewed'] }],
  ['the sample', { sampleId: 1 }],
  ['closed ones', { closed: true }],
  ['open ones of an agent', { closed: false, agents: ['Luis'] }],
];

for (const zone of ZONES) {
  for (const [name, filter] of FILTERS) {
    test(`insights match separate SQL: ${name}, ${zone}`, () => {
      const got = check(filter, zone);
      assert.ok(got.total > 0, 'the selection is not empty');
      if (name === 'two days (hourly)') assert.equal(got.volume.unit, 'hour');
      if (name === 'everything') {
        assert.equal(got.volume.unit, 'day');
        assert.ok(got.audit.total.reviewed > 0 && got.audit.attributes.length >= 6 && got.audit.total.criticalFailures > 0);
        assert.ok(got.agents.some((a) => a.agent === '<img src=x onerror=alert(1)>'), 'hostile names come back as plain text');
      }
    });
  }
}

test('an empty selection answers empty figures, not an error', () => {
  const got = check({ agents: ['nobody at all'] }, 'Europe/Madrid');
  assert.equal(got.total, 0);
  assert.deepEqual(got.volume, { unit: 'day', channels: [], points: [] });
  assert.deepEqual(got.agents, []);
  assert.deepEqual(got.typifications, { top: [], distinct: 0 });
  assert.deepEqual(got.survey, { distribution: [], weekly: [] });
  assert.equal(got.audit.total.reviewed, 0);
  assert.equal(got.heatmap.flat().reduce((a, b) => a + b, 0), 0);
});

test('a daily volume has every day between the first and the last, each with its local bounds', () => {
  const got = charts.insights({}, 'Europe/Madrid');
  const days = got.volume.points.map((p) => p.key);
  assert.equal(days[0], '2026-03-20');
  assert.ok(days.length >= 21 && days.includes('2026-03-29'));
  const dst = got.volume.points.find((p) => p.key === '2026-03-29')!;
  assert.equal(dst.endUtc - dst.startUtc, 23 * 3_600_000, 'the spring-forward day lasts 23 hours');
});

test('the reader thread answers the same figures', async () => {
  const reader = await openStoreReader({ dbPath: path });
  try {
    assert.deepEqual(await reader.insights({ agents: ['Zoe 🦊'] }, 'Asia/Kolkata'), charts.insights({ agents: ['Zoe 🦊'] }, 'Asia/Kolkata'));
  } finally {
    await reader.close();
  }
});
