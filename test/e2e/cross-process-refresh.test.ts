import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { runCliProcess } from '../helpers/cli-run';
import { call, openApp, rowCount, startRig, TOKEN, type Rig, type Watched } from '../helpers/e2e-app';
import { PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';

/**
 * A scheduled CLI job (another process) writes the cache an open app shows: the browser host notices the
 * commits (the store's change feed), drops the counts it kept, and the open page's grid count follows
 * without a reload. A page opened after a CLI purge shows what the cache holds, not a count kept from before.
 */
const SERVER = '0032';

describe('changes made by another process reach the open app', () => {
  const dataDir = tempDir('wolkvox-e2e-cross-process-');
  const dbPath = join(dataDir, DB_FILE_NAME);
  const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN };
  let rig: Rig;
  let app: Watched;

  /** The rows the file holds, read by SQL here (not through the host). */
  const rowsInFile = () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const cliSync = async (from: string, to: string) => {
    const run = await runCliProcess(['sync', '--server', SERVER, '--from', from, '--to', to, '--base-url', rig.sim.url, '--db', dbPath], env);
    assert.equal(run.code, 0, run.stderr);
  };
  /** Waits (on the page, no timer) until the grid's counter shows `n`. */
  const countBecomes = async (page: Page, n: number) => {
    await page.waitForFunction((want) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(want), n);
    return rowCount(page);
  };

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { from: '2026-02-01', to: '2026-02-14', rowsPerDay: 40 } } });
    await cliSync('2026-02-01', '2026-02-07');
    app = await openApp(rig, 'en-US');
  });
  after(async () => {
    await app?.context.close();
    await rig?.close();
  });

  test("a CLI sync's new rows show in the open grid's count without a reload", async () => {
    const { page } = app;
    const before = rowsInFile();
    assert.ok(before > 100, `the first CLI sync filled the cache (${before})`);
    assert.equal(await rowCount(page), before);
    const requestsBefore = app.requests.filter((u) => new URL(u).pathname === '/').length;

    await cliSync('2026-02-08', '2026-02-14');
    const after = rowsInFile();
    assert.ok(after > before, `the second sync added rows (${before} → ${after})`);
    assert.equal(await countBecomes(page, after), after);
    assert.equal(app.requests.filter((u) => new URL(u).pathname === '/').length, requestsBefore, 'the page was not reloaded');
    assert.deepEqual(app.errors, []);
  });

  test('after a CLI purge the open grid and a page opened afresh show what the cache keeps', async () => {
    const { page } = app;
    const all = rowsInFile();
    await countBecomes(page, all);
    // One reviewed row, kept by the purge (--keep-reviewed): the grid still has a row to show.
    const first = await call<{ rows: { uid: string }[] }>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1 });
    await call(rig.service, 'reviews/save', { uid: first.rows[0]!.uid, scores: PASSING_SCORES });

    const purge = await runCliProcess(['purge', '--server', SERVER, '--older-than', '1', '--keep-reviewed', '--db', dbPath, '--json'], env);
    assert.equal(purge.code, 0, purge.stderr);
    assert.equal((JSON.parse(purge.stdout) as { removed: { interactions: number } }).removed.interactions, all - 1);
    assert.equal(rowsInFile(), 1);
    assert.equal(await countBecomes(page, 1), 1);

    // The host dropped the count it kept: a new page's first count is the cache's.
    const fresh = await openApp(rig, 'en-US');
    try {
      assert.equal(await rowCount(fresh.page), 1);
      assert.deepEqual(fresh.errors, []);
    } finally {
      await fresh.context.close();
    }
  });
});
