// The reversible encoding of text PostgreSQL cannot hold (U+0000), and that everything else is untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText, encodeText } from '../../../src-main/core/store/postgres/text-codec';

test('text with U+0000 or the escape character round-trips exactly, and its stored form holds no U+0000', () => {
  const cases = ['\u0000', 'a\u0000b', '\u0000\u0000', '\uE000', '\uE0000', '\uE000E', 'x\uE000\u0000y', '\u0000\uE000' + '0'.repeat(3), 'end\u0000'];
  for (const text of cases) {
    const stored = encodeText(text);
    assert.ok(!stored.includes('\u0000'), JSON.stringify(text));
    assert.equal(decodeText(stored), text, JSON.stringify(text));
  }
  // Distinct texts stay distinct once stored (the escape character itself is escaped).
  const stored = new Set(cases.map(encodeText));
  assert.equal(stored.size, new Set(cases).size);
});

test('text without either character is stored as it is', () => {
  for (const text of ['', 'Señor Pérez ¿dónde está mi envío? 😡👨‍👩‍👧', '<script>alert(1)</script>', '\u0001\u001b[31m\u2028\u202e', 'x'.repeat(100_000)]) {
    assert.equal(encodeText(text), text);
    assert.equal(decodeText(text), text);
  }
});

test('random strings over the troublesome characters round-trip', () => {
  const alphabet = ['\u0000', '\uE000', '0', 'E', 'a', 'é', '😊'];
  let seed = 42;
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let n = (seed = (seed * 16807) % 2147483647) % 12; n > 0; n--) text += alphabet[(seed = (seed * 16807) % 2147483647) % alphabet.length];
    assert.equal(decodeText(encodeText(text)), text);
  }
});

test('a lone surrogate becomes the three U+FFFD the SQLite cache reads back for it; pairs stay as they are', () => {
  assert.equal(encodeText('\ud83d'), '\uFFFD\uFFFD\uFFFD');
  assert.equal(encodeText('x\udc00y\u0000'), 'x\uFFFD\uFFFD\uFFFDy\uE0000');
  assert.equal(encodeText('\ud83d\ud83d\ude00'), '\uFFFD\uFFFD\uFFFD😀');
  assert.equal(encodeText('\udc00\ud800'), '\uFFFD'.repeat(6));
  assert.equal(encodeText('😀👨‍👩‍👧'), '😀👨‍👩‍👧');
});
