import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFtsQuery, toFtsSearch } from '../../src-main/core/store/sqlite/reads/search-text';

test('words are whole words, ANDed; the last one is a prefix while typing', () => {
  assert.equal(toFtsQuery('atencion cliente'), '"atencion" AND "cliente"*');
  assert.equal(toFtsQuery('atencion cliente '), '"atencion" AND "cliente"');
  assert.equal(toFtsQuery('atencion', { prefixLast: false }), '"atencion"');
});

test('short last words are searched whole while typed (a one-letter prefix would read the whole index)', () => {
  assert.equal(toFtsQuery('de'), '"de"');
  assert.equal(toFtsQuery('ped'), '"ped"*');
  assert.equal(toFtsQuery('de', { minTypedPrefix: 2 }), '"de"*');
});

test('a star makes a prefix anywhere; quotes a phrase; OR an alternative; -word an exclusion', () => {
  assert.equal(toFtsQuery('cancel* pedido '), '"cancel"* AND "pedido"');
  assert.equal(toFtsQuery('"numero de pedido" factura '), '"numero de pedido" AND "factura"');
  assert.equal(toFtsQuery('"pedido entre'), '"pedido entre"*');
  assert.equal(toFtsQuery('reembolso OR devolucion tarjeta '), '("reembolso" OR "devolucion") AND "tarjeta"');
  assert.equal(toFtsQuery('a OR b OR c '), '("a" OR "b" OR "c")');
  assert.equal(toFtsQuery('pedido -cancelado -"no llego" '), '("pedido") NOT ("cancelado" OR "no llego")');
  assert.deepEqual(toFtsSearch('-cancelado'), { match: null, excludeOnly: '"cancelado"' });
});

test('query syntax a person did not mean stays text, and FTS5 syntax never passes through', () => {
  assert.equal(toFtsQuery('"hola'), '"hola"*');
  assert.equal(toFtsQuery('a"b '), '"a b"');
  assert.equal(toFtsQuery('NEAR(uno dos) '), '"near uno" AND "dos"');
  assert.equal(toFtsQuery('uno or dos '), '"uno" AND "or" AND "dos"');
  assert.equal(toFtsQuery('OR uno '), '"or" AND "uno"');
  assert.equal(toFtsQuery('uno OR '), '"uno" AND "or"');
  assert.equal(toFtsQuery('uno OR -dos '), '("uno" AND "or") NOT "dos"');
  assert.equal(toFtsQuery('body:x ^y {a b}: '), '"body x" AND "y" AND "a" AND "b"');
  assert.equal(toFtsQuery('e-mail '), '"e mail"');
});

test('nothing searchable gives no query; control characters separate words', () => {
  for (const text of ['', '   ', '"', '*', '-', '()', '\u0000', '"" ** --', '- * ^ :']) assert.equal(toFtsSearch(text), null, JSON.stringify(text));
  assert.equal(toFtsQuery('uno\u0000dos\u200bx '), '"uno" AND "dos" AND "x"');
});

test('accents and case fold as the index folds them; emoji separate words', () => {
  assert.equal(toFtsQuery('Atención'), '"atencion"*');
  assert.equal(toFtsQuery('pedido 📦 '), '"pedido"');
  assert.equal(toFtsQuery('مرحبا'), '"مرحبا"*');
  assert.equal(toFtsQuery('atenc\u0069\u0301on '), '"atencion"');
});

test('at most 16 terms are kept', () => {
  const q = toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') + ' ');
  assert.equal(q!.split(' AND ').length, 16);
});
