import assert from 'node:assert/strict';
import { test } from 'node:test';
import { page } from '../../src-main/core/store/sqlite/reads/queries';
import { checkTruth, CORPUS, corpusRecords, expected, TRUTH } from './search-truth-fixtures';
import { openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

test('the truth itself is not trivial: queries find different, non-empty sets, and markup words find nothing', () => {
  const sets = new Set(TRUTH.map(([, p]) => expected(p).join(',')));
  assert.ok(sets.size >= 20, `distinct answers: ${sets.size}`);
  for (const [text, p] of TRUTH.slice(0, 5)) assert.deepEqual(expected(p), [], text);
  assert.deepEqual(expected(TRUTH.find(([t]) => t === 'cancel*')![1]), ['c01', 'c03', 'c14']);
  assert.deepEqual(expected(TRUTH.find(([t]) => t === '"numero de pedido"')![1]), ['c05']);
});

test('search syntax against the hand-built truth: visible words, whole words, prefixes, phrases, OR, -word, plain text', () => {
  const { db } = openFresh('wolkvox-search-truth-');
  try {
    upsertBatch(db, corpusRecords());
    checkTruth(db);
  } finally {
    db.close();
  }
});

test('each page row says which fields hold what was searched', () => {
  const { db } = openFresh('wolkvox-search-matched-');
  try {
    upsertBatch(db, corpusRecords());
    const matched = (text: string) => Object.fromEntries(page(db, { filter: { text }, limit: 100 }).rows.map((r) => [r.cod_act, r.matchedFields]));
    assert.deepEqual(matched('factura '), { c02: ['body'], c08: ['attachments'] });
    assert.deepEqual(matched('CASO-2026-00042'), { c07: ['case_id'] });
    assert.deepEqual(matched('tarjeta '), { c11: ['body'], c14: ['subject', 'body'] });
    assert.deepEqual(matched('ramirez OR gracias '), { c02: ['body'], c15: ['agent_name'], c16: ['answer'] });
    // A page in another order (its ids not one stretch) says the same.
    const sorted = page(db, { filter: { text: 'ramirez OR gracias OR factura ' }, sort: { field: 'agent_name', dir: 'desc' }, limit: 100 }).rows;
    assert.notDeepEqual(sorted.map((r) => r.id), [...sorted.map((r) => r.id)].sort((a, b) => a - b));
    assert.deepEqual(Object.fromEntries(sorted.map((r) => [r.cod_act, r.matchedFields])), { c02: ['body'], c08: ['attachments'], c15: ['agent_name'], c16: ['answer'] });
    // Excluded words are not why a row matched; a search that only excludes names no field.
    assert.deepEqual(matched('pedido -cancelado ').c05, ['body']);
    // Rows cut for the grid: the part past 2,000 characters is asked of the index.
    upsertBatch(db, [
      recordOf({ cod_act: 'long1', body: `${'relleno '.repeat(400)}<p>clave escondida</p>`, answer: 'nada' }),
      recordOf({ cod_act: 'long2', subject: 'clave en el asunto', body: `<div>${'relleno '.repeat(400)}</div>` }),
    ]);
    assert.deepEqual(matched('clave '), { long1: ['body'], long2: ['subject'] });
    assert.ok(page(db, { filter: { text: 'clave ' }, limit: 10 }).rows.every((r) => r.truncated));
    const excluding = page(db, { filter: { text: '-pedido -clave -relleno ' }, limit: 100 }).rows;
    assert.equal(excluding.length, Object.keys(CORPUS).length - 4);
    assert.ok(excluding.every((r) => r.matchedFields === undefined));
    assert.ok(page(db, { filter: {}, limit: 5 }).rows.every((r) => r.matchedFields === undefined));
    // A cut that splits a word ("de|sde" at character 2,000) is not that word: the body does not hold "de".
    upsertBatch(db, [recordOf({ cod_act: 'cut3', subject: 'nota de voz', body: `${'a'.repeat(1997)} desde aqui` })]);
    assert.deepEqual(matched('nota de ').cut3, ['subject']);
  } finally {
    db.close();
  }
});
