import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { PreferenceFile, UserPreferences, type PrefsFs } from '../../src-main/core/prefs';
import { tempDir } from '../helpers/temp-dir';

const root = tempDir('wolkvox-prefs-');
const posix = process.platform !== 'win32';
let n = 0;
/** A fresh user data folder (not created yet: the first write makes it) and its preferences file. */
function fresh(fs: PrefsFs = fsp, log?: (line: string) => void) {
  const dir = join(root, `user-${++n}`, 'data');
  const path = join(dir, 'preferences.json');
  return { dir, path, file: new PreferenceFile({ path, fs, now: () => Date.UTC(2026, 2, 1, 12), log }) };
}

test('a missing file reads as defaults and writes nothing', async () => {
  const { dir, file } = fresh();
  assert.deepEqual(await file.read(), { version: 1, user: {}, caches: {} });
  assert.throws(() => statSync(dir), /ENOENT/);
});

test('a write lands whole, 0600 in a 0700 folder, with no temporary file left beside it', async () => {
  const { dir, path, file } = fresh();
  const prefs = new UserPreferences(file, 'cache-a');
  await prefs.setUi('ui.language', 'es');
  await prefs.setUi('reviewer', 'Marta Gómez');
  await prefs.setUi('ui.openSample', 4);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
    version: 1,
    user: { 'ui.language': 'es', reviewer: 'Marta Gómez' },
    caches: { 'cache-a': { 'ui.openSample': 4 } },
  });
  assert.deepEqual(readdirSync(dir), ['preferences.json']);
  if (posix) {
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  }
});

test('an existing file left readable by others is brought to 0600 by the next write (a new file replaces it)', { skip: !posix && 'file modes are POSIX-only' }, async () => {
  const { dir, path, file } = fresh();
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(path, JSON.stringify({ version: 1, user: { reviewer: 'Ana' }, caches: {} }), { mode: 0o644 });
  await new UserPreferences(file, 'c').setUi('ui.language', 'en');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.deepEqual((await file.read()).user, { reviewer: 'Ana', 'ui.language': 'en' });
});

test('writes asked at once in one process are taken in turn: none is lost, and a read sees the ones asked before it', async () => {
  const { file } = fresh();
  const prefs = new UserPreferences(file, 'c');
  const writes = Array.from({ length: 20 }, (_, i) => (i % 2 ? prefs.setUi('reviewer', `Auditor ${i}`) : prefs.setActiveProfile(`p${i}`)));
  const read = prefs.ui();
  await Promise.all(writes);
  assert.equal((await read).reviewer, 'Auditor 19');
  assert.equal(await prefs.activeProfile(), 'p18');
});

test('a write that fails before the rename leaves the previous file whole and no temporary file; later steps go on', async () => {
  let failRename = false;
  const fs: PrefsFs = {
    ...fsp,
    open: (p, f, m) => fsp.open(p, f, m),
    rename: async (from, to) => {
      if (failRename && from.endsWith('.tmp')) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      return fsp.rename(from, to);
    },
  };
  const { dir, path, file } = fresh(fs);
  const prefs = new UserPreferences(file, 'c');
  await prefs.setUi('reviewer', 'Ana');
  const before = readFileSync(path, 'utf8');
  failRename = true;
  await assert.rejects(prefs.setUi('reviewer', 'Luis'), (e: unknown) => e instanceof AppError && e.kind === 'storage' && /EIO/.test(e.message));
  assert.equal(readFileSync(path, 'utf8'), before);
  assert.deepEqual(readdirSync(dir), ['preferences.json']);
  failRename = false;
  assert.equal((await prefs.ui()).reviewer, 'Ana', 'a read after the failed write is answered');
  await prefs.setUi('reviewer', 'Luis');
  assert.equal((await prefs.ui()).reviewer, 'Luis');
});

for (const [what, content] of [
  ['not JSON (cut short)', '{"version":1,"user":{"reviewer":"Ana"'],
  ['JSON of another shape', '{"version":"one","user":[]}'],
] as const) {
  test(`a file that is ${what} is kept aside, defaults apply, and the log line names no value`, async () => {
    const lines: string[] = [];
    const { dir, path, file } = fresh(fsp, (line) => lines.push(line));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, content);
    assert.deepEqual(await file.read(), { version: 1, user: {}, caches: {} });
    const aside = readdirSync(dir).filter((f) => f.startsWith('preferences.json.corrupt-'));
    assert.equal(aside.length, 1, 'the damaged file is kept beside the new one');
    assert.equal(readFileSync(join(dir, aside[0]!), 'utf8'), content, 'kept as it was');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /preferences\.json could not be read .*kept as preferences\.json\.corrupt-20260301-120000-[0-9a-f]{4} and defaults apply/);
    assert.equal(lines[0]!.includes('Ana') || lines[0]!.includes(dir), false, 'no value and no folder (which names the user) in the log');
    // The next write starts a good file; the damaged one stays.
    await new UserPreferences(file, 'c').setUi('ui.language', 'en');
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).user, { 'ui.language': 'en' });
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('preferences.json.corrupt-')).length, 1);
  });
}

test('a value this version refuses takes its default, the other choices are kept, and the file as it was is kept aside once', async () => {
  const lines: string[] = [];
  const { dir, path, file } = fresh(fsp, (line) => lines.push(line));
  mkdirSync(dir, { recursive: true });
  const content = JSON.stringify({ version: 1, user: { 'ui.language': 'fr', reviewer: 'Ana' }, caches: { c: { activeProfile: 'p1', 'ui.openSample': -3 } } });
  writeFileSync(path, content);
  const prefs = new UserPreferences(file, 'c');
  assert.deepEqual(await prefs.ui(), { reviewer: 'Ana' });
  assert.equal(await prefs.activeProfile(), 'p1');
  await prefs.ui();
  const aside = readdirSync(dir).filter((f) => f.startsWith('preferences.json.corrupt-'));
  assert.equal(aside.length, 1, 'one copy, however many reads');
  assert.equal(readFileSync(join(dir, aside[0]!), 'utf8'), content);
  if (posix) assert.equal(statSync(join(dir, aside[0]!)).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { version: 1, user: { reviewer: 'Ana' }, caches: { c: { activeProfile: 'p1' } } });
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /some values in preferences\.json could not be read/);
  assert.equal(lines[0]!.includes('Ana') || lines[0]!.includes(dir), false);
});

test('keys written by a newer version are kept through this version’s writes', async () => {
  const { dir, path, file } = fresh();
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 2, user: { 'ui.theme': 'dark' }, caches: { c: { pinnedFilters: [1] } }, future: true }));
  const prefs = new UserPreferences(file, 'c');
  await prefs.setUi('reviewer', 'Ana');
  await prefs.setAutoSync(true, 'p1');
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
    version: 2, future: true,
    user: { 'ui.theme': 'dark', reviewer: 'Ana' },
    caches: { c: { pinnedFilters: [1], autoSync: true, activeProfile: 'p1' } },
  });
});

test('a setting that is not one, or a value its schema refuses, is bad input and writes nothing', async () => {
  const { path, file } = fresh();
  const prefs = new UserPreferences(file, 'c');
  await assert.rejects(prefs.setUi('wolkvoxToken', 'x'), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
  await assert.rejects(prefs.setUi('ui.language', 'fr'), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
  await assert.rejects(prefs.setUi('reviewer', 'x'.repeat(81)), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
  assert.throws(() => statSync(path), /ENOENT/);
});

test('two processes writing the same file: every read sees a whole file, and the last rename wins', async () => {
  const { path, file } = fresh();
  const ours = new UserPreferences(file, 'c');
  await ours.setUi('reviewer', 'start');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/prefs-writer.ts', import.meta.url)), path, 'B', '150'], { stdio: 'inherit' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));
  const seen = new Set<string>();
  let i = 0;
  // Our writes and reads go on while the other process writes: a read never meets half a file.
  while (running || i < 50) {
    await ours.setUi('reviewer', `A${i++}`);
    const text = readFileSync(path, 'utf8');
    const name = (JSON.parse(text) as { user: { reviewer: string } }).user.reviewer;
    assert.match(name, /^(A|B)\d+$/);
    seen.add(name[0]!);
  }
  assert.equal(await exited, 0);
  assert.ok(seen.has('B'), "the other process's writes were seen between ours");
  assert.match(JSON.parse(readFileSync(path, 'utf8')).user.reviewer as string, /^(A|B)\d+$/);
  assert.deepEqual(readdirSync(join(path, '..')), ['preferences.json'], 'no temporary file left by either process');
});
