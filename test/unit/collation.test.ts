import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { compareUtf8 } from '../../src-main/core/store/collation';

/** ASCII by case, then accents, Greek, CJK, halfwidth kana and U+FFFD (one UTF-16 unit each), then emoji (surrogate pairs). */
const ORDERED = ['', 'A', 'Z', 'a', 'ab', 'abc', 'e', 'z', 'é', 'ñ', 'Ω', '中', 'ｱ', '\uFFFD', '😀', '😀a', '🦊'];

/** A small seeded generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'A', 'b', 'Z', ' ', '0', 'é', 'É', 'e\u0301', 'ñ', 'ß', 'Ω', '中', '\uE000', 'ｱ', '\uFFFD', '\uFFFF', '😀', '🦊', '𝄞', '\u{10FFFF}'];

function strings(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 5) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''));
}

test('text orders by code point: ASCII by case, accents after ASCII, emoji after every one-unit character', () => {
  const shuffled = [...ORDERED].reverse();
  assert.deepEqual(shuffled.sort(compareUtf8), ORDERED);
  // JavaScript's own string order (UTF-16 units) puts an emoji before U+E000-U+FFFF: not the stores' order.
  assert.notDeepEqual([...ORDERED].sort(), ORDERED);
  assert.equal(compareUtf8('😀', 'ｱ'), 1);
  assert.equal(compareUtf8('abc', 'abc'), 0);
  assert.equal(compareUtf8('Ana', 'ana'), -1, 'case counts');
  assert.equal(compareUtf8('e\u0301', 'é'), -1, 'no normalisation: a decomposed é is e then an accent');
});

test('the order is UTF-8 byte order, on random text', () => {
  const sample = strings(3000, 18);
  const byBytes = [...sample].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual([...sample].sort(compareUtf8), byBytes);
  for (let i = 0; i < 2000; i++) {
    const [a, b] = [sample[i]!, sample[(i * 7 + 3) % sample.length]!];
    assert.equal(compareUtf8(a, b), Buffer.compare(Buffer.from(a), Buffer.from(b)), JSON.stringify([a, b]));
  }
});

test('SQLite (the first store) orders and groups text exactly so', () => {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const sample = [...strings(2000, 7), ...ORDERED];
    for (const v of sample) insert.run(v);
    assert.deepEqual(db.prepare('SELECT v FROM t ORDER BY v').pluck().all(), [...sample].sort(compareUtf8));
    assert.deepEqual(db.prepare('SELECT v FROM t GROUP BY v ORDER BY v DESC').pluck().all(), [...new Set(sample)].sort((a, b) => compareUtf8(b, a)));
  } finally {
    db.close();
  }
});

test('a lone surrogate orders by its own value, as SQLite orders what it stores for one', () => {
  for (const lone of ['\uD83D', '\uDE00']) {
    assert.equal(compareUtf8(lone, '\uD7FF'), 1);
    assert.equal(compareUtf8(lone, '\uE000'), -1);
    assert.equal(compareUtf8(lone, '😀'), -1);
    assert.equal(compareUtf8(`x${lone}`, `x${lone}`), 0);
  }
  // A shared high half followed by different things: the pair's code point decides, not the units after it.
  assert.equal(compareUtf8('\uD83Dx', '😀'), -1, 'U+D83D then x sorts before U+1F600');
  assert.equal(compareUtf8('😀', '\uD83D\uFFFF'), 1, 'U+1F600 sorts after U+D83D U+FFFF');
  const db = new Database(':memory:');
  try {
    // Read back, a lone surrogate is no longer itself: compare SQLite's order of the rows, by rowid.
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    const values = ['\uD83D', '\uDE00', 'a\uD83Db', 'a\uDE00', '\uD7FF', '\uE000', '😀', '\uD83Dx', '\uD83D\uFFFF', 'ａ', 'a', '中'];
    const insert = db.prepare('INSERT INTO t (rowid, v) VALUES (?, ?)');
    values.forEach((v, i) => insert.run(i + 1, v));
    const order = (db.prepare('SELECT rowid FROM t ORDER BY v').pluck().all() as number[]).map((id) => values[id - 1]);
    assert.deepEqual(order, [...values].sort(compareUtf8));
  } finally {
    db.close();
  }
});
