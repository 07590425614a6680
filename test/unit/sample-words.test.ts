import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SampleSummary } from '../../src-main/core/api/contract';

// The renderer's i18n reads the browser's languages when it loads; Node 20 has no navigator.
Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-US'], language: 'en-US' }, configurable: true });
const { makeI18n } = await import('../../src-renderer/i18n/index');
const { describeFilter, describeProgress, describeRule } = await import('../../src-renderer/review/sample-words');

const en = makeI18n('en');
const es = makeI18n('es');
type Rule = SampleSummary['rule'];
const rule = (r: Partial<Rule>): Rule => ({ unit: 'count', amount: 5, perAgent: true, by: null, skipReviewed: false, skipOpen: false, skipNoAgent: false, ...r });
const ZONE = 'America/Bogota';

test('a rule in words: size, groups and what was left out, in both languages', () => {
  const cases: [Rule, boolean, string, string][] = [
    [rule({}), true, '5 per agent', '5 por agente'],
    [rule({ by: 'channel', skipOpen: true }), true, '5 per agent and channel · left out: open', '5 por agente y canal · excluye: abiertas'],
    [rule({ perAgent: false, amount: 40, skipReviewed: true, skipNoAgent: true }), true, '40 from the whole selection · left out: reviewed, no agent', '40 de toda la selección · excluye: revisadas, sin agente'],
    [rule({ unit: 'percent', amount: 12.5, perAgent: false, by: 'status' }), true, '12.5% of each status', `${es.num(12.5)} % de cada estado`],
    [rule({ unit: 'percent', amount: 10 }), true, "10% of each agent's interactions", '10 % de las interacciones de cada agente'],
    [rule({ amount: 2, by: 'status' }), false, '2 per agent and status · options not recorded (drawn by an earlier version)', '2 por agente y estado · opciones no registradas (tomada con una versión anterior)'],
  ];
  for (const [r, recorded, english, spanish] of cases) {
    assert.equal(describeRule(en.t, en.num, r, recorded), english);
    assert.equal(describeRule(es.t, es.num, r, recorded), spanish);
  }
});

test('the filter a sample came from, in words; hostile text stays text', () => {
  const from = Date.UTC(2026, 0, 1, 5); // 2026-01-01 00:00 in Bogotá
  const to = Date.UTC(2026, 1, 1, 5); // the exclusive end: the last day is 2026-01-31
  const names = (id: number) => (id === 7 ? 'Semana 3' : undefined);
  assert.equal(describeFilter(en.t, {}, ZONE, names), 'all interactions');
  assert.equal(describeFilter(en.t, null, ZONE, names), 'a filter this version cannot read');
  assert.equal(
    describeFilter(en.t, { fromUtc: from, toUtc: to, channels: ['Email'], agents: ['Ana', 'Luis', '<b>Zoë</b>', 'Marta', ''], text: 'garantía', sampleId: 7 }, ZONE, names),
    '2026-01-01 to 2026-01-31 · Agent Ana, Luis, <b>Zoë</b> +2 · Channel Email · search "garantía" · sample Semana 3',
  );
  assert.equal(describeFilter(es.t, { fromUtc: from, reviewStatuses: ['unreviewed', 'in review'], sampleId: 9 }, ZONE, names), 'desde 2026-01-01 · Revisión Sin revisar, En revisión · muestra #9');
});

// Numbers follow the UI's number format (its locale), whatever it is.
test('progress: reviewed of total, and the pass rate once one is decided', () => {
  assert.equal(describeProgress(en.t, { members: 40, progress: { reviewed: 0, passed: 0, failed: 0 } }), '0 of 40 reviewed');
  assert.equal(describeProgress(en.t, { members: 40, progress: { reviewed: 12, passed: 9, failed: 3 } }), '12 of 40 reviewed · 75% pass');
  assert.equal(describeProgress(es.t, { members: 1200, progress: { reviewed: 3, passed: 1, failed: 2 } }), `3 de ${es.num(1200)} revisadas · 33 % aprobadas`);
});
