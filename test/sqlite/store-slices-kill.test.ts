import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openStoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { getRun } from '../../src-main/core/store/sqlite/writes/sync-log';
import { callOf, SEED_CURSOR, seedRecords, WINDOW_CURSOR, WINDOW_START, windowRecords } from './store-slices-fixtures';
import { freshDbPath, NOW, SERVER, ZONE } from '../integration/store-fixtures';

const SIZE = 20_000;

/** A cache with a run whose first window stored earlier versions of some of the big window's rows. */
async function seeded(): Promise<{ path: string; runId: number }> {
  const path = freshDbPath('wolkvox-slices-');
  const writer = await openStoreWriter({ dbPath: path });
  try {
    const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: WINDOW_START, rangeEndUtc: WINDOW_CURSOR, startedAt: NOW });
    const records = seedRecords(SIZE);
    await writer.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW - 1000, cursorUtc: SEED_CURSOR, call: callOf(records.length, SEED_CURSOR) });
    return { path, runId };
  } finally {
    await writer.close();
  }
}

/** The big window written again, as the resumed run does (one transaction, like a clean run). */
async function commitWindow(path: string, runId: number): Promise<void> {
  const writer = await openStoreWriter({ dbPath: path, sliceRows: Infinity });
  try {
    const records = windowRecords(SIZE);
    await writer.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: WINDOW_CURSOR, call: callOf(records.length, WINDOW_CURSOR) });
  } finally {
    await writer.close();
  }
}

/** What a window leaves in the cache: rows (all but the insights stamp), history, search index, checkpoint, log. */
function snapshot(path: string, runId: number) {
  const db = openDatabase(path, { readonly: true });
  try {
    const rows = (db.prepare('SELECT * FROM interactions ORDER BY id').all() as Record<string, unknown>[]).map(({ change_seq: _stamp, ...row }) => row);
    const history = db.prepare('SELECT interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash FROM interaction_history ORDER BY interaction_id, id').all();
    const hits = (word: string) => db.prepare('SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH ?').pluck().get(word);
    const index = { documents: db.prepare('SELECT count(*) FROM interactions_fts').pluck().get(), fila: hits('fila'), nuevo: hits('nuevo'), viejo: hits('viejo'), marca7777: hits('marca7777') };
    const calls = db.prepare('SELECT window_end_utc AS endUtc, rows FROM sync_calls WHERE run_id = ? ORDER BY id').all(runId);
    return { rows, history, index, calls, cursorUtc: getRun(db, runId)!.cursorUtc };
  } finally {
    db.close();
  }
}

function visibleRows(path: string): number {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
  } finally {
    db.close();
  }
}

const pollTurn = () => new Promise((resolve) => setTimeout(resolve, 2));

type Moment = 'handed over' | 'first slice in' | 'half the window in' | 'committed';

/** Runs the child on a copy of the seeded cache and kills it at the moment named. */
async function killedAt(seed: { path: string; runId: number }, moment: Moment): Promise<string> {
  const path = freshDbPath('wolkvox-slices-killed-');
  copyFileSync(seed.path, path);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sqlite/store-slices-kill-child.ts', path, String(seed.runId), String(SIZE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const said = (word: string) => out.includes(word);
  const before = visibleRows(seed.path);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the child ended on its own: ${out}`);
    if (moment === 'handed over' && said('writing')) break;
    if (moment === 'committed' && said('committed')) break;
    if (moment === 'first slice in' && said('writing') && visibleRows(path) > before) break;
    if (moment === 'half the window in' && said('writing') && visibleRows(path) >= before + SIZE / 2) break;
    await pollTurn();
  }
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return path;
}

test('a sliced window killed at any moment: the checkpoint never claims missing rows, and running the window again gives exactly a clean run', async () => {
  const seed = await seeded();
  assert.equal(existsSync(`${seed.path}-wal`), false, 'the seeded cache is whole in its file, so a copy is the cache');
  const cleanPath = freshDbPath('wolkvox-slices-clean-');
  copyFileSync(seed.path, cleanPath);
  await commitWindow(cleanPath, seed.runId);
  const clean = snapshot(cleanPath, seed.runId);
  assert.equal(clean.cursorUtc, WINDOW_CURSOR);
  assert.equal(clean.history.length, SIZE / 16, 'one history row per stored earlier version');
  assert.deepEqual(clean.index, { documents: clean.rows.length, fila: clean.rows.length, nuevo: SIZE, viejo: 0, marca7777: 1 });

  let partial = 0;
  for (const moment of ['handed over', 'first slice in', 'half the window in', 'committed'] as const) {
    const path = await killedAt(seed, moment);
    const after = snapshot(path, seed.runId);
    if (after.cursorUtc === WINDOW_CURSOR) {
      // The checkpoint claims the window: every row, history row and index entry is there, and the log line once.
      // (A kill just after the last slice's commit may leave its rows listed for the index, search-catch-up.ts:
      // a writer indexes them when it opens the cache, as the app's next start does.)
      await (await openStoreWriter({ dbPath: path })).close();
      assert.deepEqual(snapshot(path, seed.runId), clean, `killed when ${moment}`);
      continue;
    }
    assert.equal(after.cursorUtc, SEED_CURSOR, `killed when ${moment}: the checkpoint stays before the window`);
    assert.deepEqual(after.calls, [{ endUtc: SEED_CURSOR, rows: SIZE / 16 }], `killed when ${moment}: no log line for the window`);
    if (after.rows.length > clean.rows.length - SIZE + SIZE / 16 && after.rows.length < clean.rows.length) partial += 1;
    await commitWindow(path, seed.runId);
    assert.deepEqual(snapshot(path, seed.runId), clean, `killed when ${moment}, then the window again`);
  }
  assert.ok(partial > 0, 'at least one kill fell between slices, with some of the window committed and some not');
});

test('a sliced window that fails in a later slice keeps its committed slices without checkpoint or log line; written again, it is whole and logged once', async () => {
  const path = freshDbPath('wolkvox-slices-failed-');
  const writer = await openStoreWriter({ dbPath: path, sliceRows: 1000 });
  try {
    const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: WINDOW_START, rangeEndUtc: WINDOW_CURSOR, startedAt: NOW });
    const setup = openDatabase(path);
    setup.exec("CREATE TRIGGER boom BEFORE INSERT ON interactions WHEN NEW.case_id = 'K2500' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    const records = windowRecords(3000);
    const window = { runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: WINDOW_CURSOR, call: callOf(records.length, WINDOW_CURSOR) };
    await assert.rejects(writer.commitWindow(window), /simulated failure/);
    const kept = snapshot(path, runId);
    assert.equal(kept.rows.length, 2000, 'the two slices committed before the failing one stay');
    assert.equal(kept.index.fila, 2000, 'with their index entries');
    assert.equal(kept.cursorUtc, null);
    assert.deepEqual(kept.calls, []);
    setup.exec('DROP TRIGGER boom');
    setup.close();
    assert.deepEqual(await writer.commitWindow(window), { inserted: 1000, updated: 0, unchanged: 2000 });
    const whole = snapshot(path, runId);
    assert.equal(whole.rows.length, 3000);
    assert.equal(whole.history.length, 0, 'the rows already there are unchanged: no history row');
    assert.deepEqual(whole.index, { documents: 3000, fila: 3000, nuevo: 3000, viejo: 0, marca7777: 0 });
    assert.deepEqual(whole.calls, [{ endUtc: WINDOW_CURSOR, rows: 3000 }]);
    assert.equal(whole.cursorUtc, WINDOW_CURSOR);
  } finally {
    await writer.close();
  }
});
