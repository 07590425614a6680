// tokensOf is wordsOf's texts, computed faster (core/search/tokens.ts): the same words on hostile text —
// accents precomposed and combining, capitals, ß and final sigma, emoji and their modifiers, private use,
// lone surrogates, control characters, HTML, and characters above the fast table of every script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokensOf, wordsOf } from '../../src-main/core/search/tokens';

const slow = (text: string) => wordsOf(text).map((w) => w.text);

test('tokensOf gives exactly the words wordsOf reads', () => {
  const samples = [
    '',
    'Hola MUNDO, ¿cómo está? Ñandú — ÁRBOL ÉXITO año 2026',
    'e\u0301 cafe\u0301 \u0301solo x\u0301\u0301y',
    'STRASSE straße ΟΔΟΣ Σίσυφος İstanbul ǅemal ǲ',
    '😀 👍🏽 a😀b 1️⃣ 🇨🇴',
    '\uE000 a\uE000b \uDC00x\uD800 y\uD83D',
    'tab\there\nnew\u0000nul\u001fus\u200bzw',
    '<p>Hola <b>mundo</b></p>&nbsp;&amp;',
    'Привет мир 你好世界 مرحبا שלום नमस्ते ไทย',
    'ǄǅǆȀȁȂ ɐɑɒ Ǹǹ ḀḁẞỲ',
  ];
  for (const text of samples) assert.deepEqual(tokensOf(text), slow(text), JSON.stringify(text));
  // Every character of the Basic Multilingual Plane and a slice of the next, each alone and inside a word.
  for (let c = 0; c < 0x11000; c++) {
    const ch = String.fromCodePoint(c);
    for (const text of [ch, `a${ch}b`, `É${ch}`]) assert.deepEqual(tokensOf(text), slow(text), `U+${c.toString(16)}`);
  }
});
