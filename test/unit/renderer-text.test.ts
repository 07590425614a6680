import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetRange } from '../../src-renderer/format/dates';
import { highlightPieces, searchTerms, textPreview, visibleText } from '../../src-renderer/format/text';
import { latestRun } from '../../src-renderer/state/sync-runs';

test('control characters, bidi overrides and lone surrogates become visible marks', () => {
  assert.equal(visibleText('a\u0000b\u001bc'), 'a\u2400b\u241bc');
  assert.equal(visibleText('x\u202ey'), 'x\u2e2ey');
  assert.equal(visibleText('\ud800z'), '\ufffdz');
  assert.equal(visibleText('😀 مرحبا'), '😀 مرحبا', 'emoji and right-to-left text stay as they are');
  assert.equal(visibleText('one\ntwo', true), 'one \u21b5 two');
});

test('search terms come from the search parse: folded, phrases kept, prefixes marked, exclusions and operators dropped', () => {
  assert.deepEqual(searchTerms('Atención "numero de pedido" OR factura* -anulada'), ['atencion', 'numero de pedido', 'factura*']);
});

test('highlights match accent- and case-insensitively and keep the original characters', () => {
  const pieces = highlightPieces('Gracias por su ATENCIÓN, atención y atencion', searchTerms('atencion'));
  assert.equal(pieces.map((p) => p.text).join(''), 'Gracias por su ATENCIÓN, atención y atencion');
  assert.deepEqual(pieces.filter((p) => p.match).map((p) => p.text), ['ATENCIÓN', 'atención', 'atencion']);
  assert.deepEqual(highlightPieces('nothing here', ['zzz']), [{ text: 'nothing here', match: false }]);
  // Short words only where they are whole words: "de" is not marked inside "pide".
  assert.deepEqual(highlightPieces('El cliente pide de nuevo', searchTerms('de ')).filter((p) => p.match).map((p) => p.text), ['de']);
});

test('an HTML e-mail previews as words, scripts and styles dropped', () => {
  assert.equal(textPreview('<html><style>p{}</style><p>Hola&nbsp;<b>Ana</b></p><script>alert(1)</script></html>'), 'Hola Ana');
  assert.equal(textPreview('plain 1 < 2'), 'plain 1 < 2');
});

test('date presets are whole days on the profile clock', () => {
  const now = Date.UTC(2026, 10, 25, 3, 0); // 2026-11-24 22:00 in Bogota
  const today = presetRange('today', 'America/Bogota', now);
  assert.equal(today.fromUtc, Date.UTC(2026, 10, 24, 5));
  assert.equal(today.toUtc, Date.UTC(2026, 10, 25, 5) - 1);
  const month = presetRange('thisMonth', 'America/Bogota', now);
  assert.equal(month.fromUtc, Date.UTC(2026, 10, 1, 5));
});

test('the sync panel keeps a failure that no history records (no token) over an older recorded run', () => {
  const run = (id: number, startedAt: number, finishedAt: number | null, status: 'done' | 'failed') => ({
    id, server: '0032', mode: 'range' as const, startUtc: 0, endUtc: 1, status, startedAt, finishedAt, calls: 0, rows: 0, inserted: 0, updated: 0,
    error: status === 'failed' ? { kind: 'auth' as const, message: 'No token' } : null,
  });
  const older = run(7, 1_000, 2_000, 'done');
  const noToken = run(0, 5_000, 5_000, 'failed');
  assert.equal(latestRun(older, noToken), noToken, 'the unrecorded failure stays');
  const newer = run(8, 6_000, 9_000, 'done');
  assert.equal(latestRun(newer, noToken), newer, 'a later recorded run replaces it');
  assert.equal(latestRun(null, noToken), noToken);
  assert.equal(latestRun(older, null), older);
  assert.equal(latestRun(null, null), null);
});
