import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFtsQuery } from '../../src-main/core/store/search-text';

test('words are quoted and ANDed; the last one is a prefix while typing', () => {
  assert.equal(toFtsQuery('atencion cliente'), '"atencion" AND "cliente"*');
  assert.equal(toFtsQuery('atencion cliente '), '"atencion" AND "cliente"');
  assert.equal(toFtsQuery('atencion', { prefixLast: false }), '"atencion"');
});

test('short last words are searched whole (a one-letter prefix would read the whole index)', () => {
  assert.equal(toFtsQuery('de'), '"de"');
  assert.equal(toFtsQuery('ped'), '"ped"*');
  assert.equal(toFtsQuery('de', { minPrefixLength: 2 }), '"de"*');
});

test('query syntax in user text stays text', () => {
  assert.equal(toFtsQuery('"hola'), '"""hola"*');
  assert.equal(toFtsQuery('a"b'), '"a""b"');
  assert.equal(toFtsQuery('NEAR(uno dos)'), '"NEAR(uno" AND "dos)"');
  assert.equal(toFtsQuery('uno OR dos '), '"uno" AND "OR" AND "dos"');
  assert.equal(toFtsQuery('-menos body:x'), '"-menos" AND "body:x"');
  assert.equal(toFtsQuery('pedido*'), '"pedido*"');
});

test('nothing searchable gives no query; control characters separate words', () => {
  for (const text of ['', '   ', '"', '*', '-', '()', '\u0000', '"" ** --']) assert.equal(toFtsQuery(text), null, JSON.stringify(text));
  assert.equal(toFtsQuery('uno\u0000dos\u200bx'), '"uno" AND "dos" AND "x"');
});

test('accents, emoji and right-to-left text pass through for the tokenizer to fold', () => {
  assert.equal(toFtsQuery('Atención'), '"Atención"*');
  assert.equal(toFtsQuery('pedido 📦 '), '"pedido"');
  assert.equal(toFtsQuery('مرحبا'), '"مرحبا"*');
  // Decomposed input (e + combining accent) is composed first, like the stored text.
  assert.equal(toFtsQuery('atenc\u0069\u0301on '), '"atencíon"');
});

test('at most 16 words are kept', () => {
  const q = toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') + ' ');
  assert.equal(q!.split(' AND ').length, 16);
});
