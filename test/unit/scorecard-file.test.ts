import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppError } from '../../src-main/core/errors';
import { DEFAULT_SCORECARDS, parseScorecardFile, parseScorecardInput, scorecardFileName, serializeScorecard, type Scorecard } from '../../src-main/core/reviews';

const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);
const card: Scorecard = {
  ...parseScorecardInput({
    id: 'ventas',
    name: 'Ventas <b>"2027"</b> 😀',
    passMark: 72.5,
    attributes: [
      { key: 'saludo', name: 'Saludo', weight: 1, scale: 'yes-no', help: 'Línea 1\nLínea 2 — "comillas"' },
      { key: 'cierre', name: 'Cierre', weight: 2.5, scale: '1-5', critical: true, naAllowed: true },
    ],
  }),
  version: 4,
  createdAt: Date.UTC(2026, 11, 7, 13, 0),
};

test('scorecard file: export then import gives the same scorecard, whatever its text holds', () => {
  const text = serializeScorecard(card);
  const file = JSON.parse(text) as { format: string; version: number; source: { version: number } };
  assert.equal(file.format, 'wolkvox-audit-scorecard');
  assert.equal(file.version, 1);
  assert.equal(file.source.version, 4);
  const { version: _v, createdAt: _c, ...input } = card;
  assert.deepEqual(parseScorecardFile(text), input);
  assert.deepEqual(parseScorecardFile(`\uFEFF${text}`), input, 'a byte-order mark (Notepad) is accepted');
  assert.equal(scorecardFileName(card), 'scorecard-ventas-v4.json');
});

test('scorecard file: both default scorecards round-trip, with the same keys and rules', () => {
  const rules = (c: typeof DEFAULT_SCORECARDS.en) => c.attributes.map(({ key, weight, scale, critical, naAllowed }) => ({ key, weight, scale, critical, naAllowed }));
  assert.deepEqual(rules(DEFAULT_SCORECARDS.es), rules(DEFAULT_SCORECARDS.en));
  assert.notEqual(DEFAULT_SCORECARDS.es.name, DEFAULT_SCORECARDS.en.name);
  for (const [en, es] of DEFAULT_SCORECARDS.en.attributes.map((a, i) => [a, DEFAULT_SCORECARDS.es.attributes[i]!] as const)) {
    assert.notEqual(es.name, en.name, `${en.key} translated`);
    assert.ok(en.help && es.help && es.help !== en.help, `${en.key} help in both`);
  }
  for (const lang of ['en', 'es'] as const) {
    const c = { ...parseScorecardInput(DEFAULT_SCORECARDS[lang]), version: 1, createdAt: 0 };
    assert.deepEqual(parseScorecardFile(serializeScorecard(c)), parseScorecardInput(DEFAULT_SCORECARDS[lang]));
  }
});

test('scorecard file: malformed files are refused, saying what is wrong', () => {
  const good = JSON.parse(serializeScorecard(card)) as Record<string, unknown> & { scorecard: Record<string, unknown> & { attributes: Record<string, unknown>[] } };
  const variant = (change: (f: typeof good) => void) => {
    const f = structuredClone(good);
    change(f);
    return JSON.stringify(f);
  };
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /not valid JSON/],
    ['a list', '[1, 2]', /does not hold a JSON object/],
    ['another format', variant((f) => (f.format = 'klaus-scorecard')), /"format" must be "wolkvox-audit-scorecard"/],
    ['no format', variant((f) => delete f.format), /format/],
    ['a newer format version', variant((f) => (f.version = 2)), /newer version of Wolkvox Audit/],
    ['an unknown field at the top', variant((f) => (f.extra = true)), /extra/],
    ['a misspelt attribute field', variant((f) => (f.scorecard.attributes[1]!.critcal = true)), /critcal/],
    ['N/A allowed not a boolean', variant((f) => (f.scorecard.attributes[1]!.naAllowed = 'yes')), /attributes\[1\]\.naAllowed/],
    ['a duplicate key', variant((f) => (f.scorecard.attributes[1]!.key = 'saludo')), /"saludo" is used twice/],
    ['a zero weight', variant((f) => (f.scorecard.attributes[0]!.weight = 0)), /attributes\[0\]\.weight/],
    ['a pass mark over 100', variant((f) => (f.scorecard.passMark = 120)), /pass mark/],
    ['help too long', variant((f) => (f.scorecard.attributes[0]!.help = 'x'.repeat(501))), /help text has at most 500/],
    ['no attributes', variant((f) => (f.scorecard.attributes = [])), /at least one attribute/],
    ['too large', ' '.repeat(200_001), /too large/],
  ];
  for (const [what, text, says] of cases) assert.throws(() => parseScorecardFile(text), badInput(says), what);
});
