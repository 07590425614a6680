import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightPieces, highlightTermsOf, parseSearch } from '../../src-main/core/api/search-syntax';

const terms = (text: string) => highlightTermsOf(parseSearch(text));
const marked = (text: string, query: string) =>
  highlightPieces(text, terms(query))
    .filter((p) => p.match)
    .map((p) => p.text);

test('the parse: required terms, alternatives, exclusions, phrases and prefixes', () => {
  assert.deepEqual(parseSearch('reembolso OR "nota credito" -anulada pedi'), {
    include: [
      [
        { words: ['reembolso'], prefix: false },
        { words: ['nota', 'credito'], prefix: false },
      ],
      [{ words: ['pedi'], prefix: true }],
    ],
    exclude: [{ words: ['anulada'], prefix: false }],
  });
  assert.deepEqual(parseSearch('a* b'), { include: [[{ words: ['a'], prefix: false }], [{ words: ['b'], prefix: false }]], exclude: [] });
  assert.deepEqual(parseSearch('ab* -cd*'), { include: [[{ words: ['ab'], prefix: true }]], exclude: [{ words: ['cd'], prefix: true }] });
  // A word being typed after a minus is not yet a prefix to exclude.
  assert.deepEqual(parseSearch('-cancel').exclude, [{ words: ['cancel'], prefix: false }]);
});

test('hostile input never throws and leaves no syntax behind', () => {
  for (const text of ['"', '""', '"a', 'a"', '-', '--a', 'OR', 'OR OR', 'a OR', 'NEAR(a b, 2)', '^a', 'a:b', '{a}:b', '*', '**a**', '\u0000', '\ud800', 'x'.repeat(10_000)]) {
    const parsed = parseSearch(text);
    for (const term of [...parsed.include.flat(), ...parsed.exclude]) {
      for (const word of term.words) assert.match(word, /^[\p{L}\p{N}\p{M}\p{Co}]+$/u, JSON.stringify(text));
    }
  }
});

test('highlights mark whole words, prefixes only at word starts, phrases only as phrases', () => {
  assert.deepEqual(marked('La pide de cliente', 'de '), ['de']);
  assert.deepEqual(marked('Cancelación y cancelado, pero no descancelar', 'cancel*'), ['Cancel', 'cancel']);
  assert.deepEqual(marked('numero de pedido; pedido de numero', '"numero de pedido"'), ['numero de pedido']);
  assert.deepEqual(marked('numero de pedido; pedido de numero', 'numero pedido '), ['numero', 'pedido', 'pedido', 'numero']);
  assert.deepEqual(marked('ATENCIÓN, atencion y Atención', 'atencion '), ['ATENCIÓN', 'atencion', 'Atención']);
  assert.deepEqual(marked('reembolso o devolución', 'reembolso OR devolucion '), ['reembolso', 'devolución']);
});

test('excluded terms are never marked; the word being typed is marked as a prefix', () => {
  assert.deepEqual(marked('pedido cancelado', 'pedido -cancelado '), ['pedido']);
  assert.deepEqual(marked('pedido cancelado', '-cancelado'), []);
  assert.deepEqual(marked('Facturación pendiente', 'factu'), ['Factu']);
  assert.deepEqual(marked('e-mail rebotado', 'e-mail '), ['e-mail']);
  assert.deepEqual(marked('CASO-2026-00042', 'caso-2026-000'), ['CASO-2026-000']);
});

test('highlighting keeps every character: emoji, right-to-left text, control characters', () => {
  const text = '📦 pedido\u0000enviado مرحبا pedido';
  const pieces = highlightPieces(text, terms('pedido مرحبا '));
  assert.equal(pieces.map((p) => p.text).join(''), text);
  assert.deepEqual(pieces.filter((p) => p.match).map((p) => p.text), ['pedido', 'مرحبا', 'pedido']);
});
