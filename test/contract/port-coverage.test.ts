/**
 * Every member of the Store port has a contract test: the members are read from the port's source with
 * the TypeScript compiler (port-members.ts states the rule for "exercised"), and each one that no file of
 * test/contract/*.test.ts names fails this test by name. A new method on Store therefore fails here until
 * its contract is written. The rule's matcher is itself tested on a small interface of its own.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { portMembers, uncoveredMembers } from './port-members';

const here = fileURLToPath(new URL('.', import.meta.url));
const STORE_PORT = fileURLToPath(new URL('../../src-main/core/store/store.ts', import.meta.url));
const SELF = basename(fileURLToPath(import.meta.url));

function contractTexts(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.test.ts') && f !== SELF)
    .map((f) => readFileSync(join(here, f), 'utf8'));
}

test('every member of Store (and of Store.sync) is exercised by a contract test file', () => {
  const members = portMembers(STORE_PORT, 'Store');
  const names = members.map((m) => m.path.join('.'));
  // The list is really the port's: a few members every version of it has, the sync side included.
  for (const known of ['page', 'search', 'saveReview', 'purge', 'close', 'sync.commitWindow', 'sync.startRun']) assert.ok(names.includes(known), `${known} is listed`);
  assert.ok(!names.includes('sync'), 'the sync side is listed by its own members');
  assert.ok(members.length >= 50, `members listed: ${members.length}`);
  assert.deepEqual(uncoveredMembers(members, contractTexts()), [], 'Store members with no contract test');
});

test('the coverage rule fails on a member no test exercises, and is not fooled by a longer name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-port-members-'));
  try {
    const file = join(dir, 'port.ts');
    writeFileSync(
      file,
      [
        'interface Side { start(): Promise<number>; readonly tag: string; finish(id: number): Promise<void> }',
        'interface Base { close(): Promise<void> }',
        'export interface Port extends Base {',
        '  readonly side: Side;',
        '  read(id: number): Promise<string>;',
        '  readMany(ids: number[]): Promise<string[]>;',
        '  update<T>(f: () => T): Promise<T>;',
        '  readonly label: string;',
        '}',
      ].join('\n'),
    );
    const members = portMembers(file, 'Port');
    assert.deepEqual(
      members.map((m) => [m.path.join('.'), m.method]).sort(),
      [['close', true], ['label', false], ['read', true], ['readMany', true], ['side.finish', true], ['side.start', true], ['side.tag', false], ['update', true]].sort(),
    );
    const all = 'await p.read(1); await p.readMany([1]); await p.update<number>(() => 1); p.label; await p.side.start(); p.side.tag; await p.side.finish(1); await p.close();';
    assert.deepEqual(uncoveredMembers(members, [all]), []);
    // Calling readMany does not count for read; a nested member counts only through its property.
    assert.deepEqual(uncoveredMembers(members, ['await p.readMany([1]); await p.start(); p.labels; finish(1)']).sort(), ['close', 'label', 'read', 'side.finish', 'side.start', 'side.tag', 'update']);
    assert.deepEqual(uncoveredMembers(members, [all.replace('p.side.finish(1)', 'p.side.finishAll(1)')]), ['side.finish']);
    assert.deepEqual(uncoveredMembers(members, ['a.read(1)', 'b.close()']).sort(), ['label', 'readMany', 'side.finish', 'side.start', 'side.tag', 'update'], 'texts of several files add up');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
