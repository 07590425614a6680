import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { runCliProcess } from '../helpers/cli-run';
import { call, openApp, rowCount, rowCountChange, startRig, TOKEN, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';
import { scorePassing } from '../helpers/review-e2e';

/**
 * An auditor gets a cache filled by a scheduled CLI job (or from a colleague) and works offline with no
 * profile and no token: the app opens straight on the data — grid, search, review, export — and the sync
 * button says a profile is needed to sync.
 */
const FROM = '2026-02-01';
const TO = '2026-02-07';

describe('a cache synced by the CLI opens on its data, with no profile', () => {
  const dataDir = tempDir('wolkvox-e2e-noprofile-');
  let rig: Rig;
  let app: Watched;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { from: FROM, to: TO, rowsPerDay: 40 } } });
    const synced = await runCliProcess(
      ['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', rig.sim.url, '--db', join(dataDir, DB_FILE_NAME)],
      { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN },
    );
    assert.equal(synced.code, 0, synced.stderr);
    const profiles = await call<{ profiles: unknown[] }>(rig.service, 'profiles/list', {});
    assert.equal(profiles.profiles.length, 0, 'the app has no profile');
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    assert.ok(total > 100, `the CLI filled the cache (${total})`);
    app = await openApp(rig, 'en-US');
  });
  after(async () => {
    await app?.context.close();
    await rig?.close();
  });

  test('the grid shows the rows, not the welcome screen; syncing asks for a profile', async () => {
    const { page } = app;
    assert.equal(await rowCount(page), total);
    assert.equal(await page.getByTestId('first-run').count(), 0);
    const sync = page.getByTestId('sync-button');
    assert.match((await sync.textContent()) ?? '', /Set up sync/);
    assert.match((await sync.getAttribute('title')) ?? '', /needs a connection profile/);
    await sync.click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
  });

  test('search narrows the rows', async () => {
    const { page } = app;
    const first = await call<{ rows: { agent_name: string }[] }>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1 });
    const word = first.rows[0]!.agent_name.split(' ')[0]!;
    const expected = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: { text: word } })).total;
    assert.ok(expected > 0 && expected < total, `${word}: ${expected} of ${total}`);
    await page.getByTestId('search-input').fill(word);
    assert.equal(await rowCountChange(page, total), expected);
    await page.getByTestId('search-input').fill('');
    assert.equal(await rowCountChange(page, expected), total);
  });

  test('a review is saved and the workbook carries it', async () => {
    const { page } = app;
    await page.locator('.ag-row[row-index="0"] .ag-cell').first().click();
    const panel = page.locator('[data-testid="review-panel"][data-ready="true"]');
    await panel.waitFor();
    const uid = await panel.getAttribute('data-uid');
    await scorePassing(page);
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    const saved = await call<{ review: { status: string } | null }>(rig.service, 'reviews/get', { uid });
    assert.equal(saved.review?.status, 'pass');

    const target = join(rig.downloadsDir, 'no-profile.xlsx');
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-path-input').fill('no-profile.xlsx');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-done').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const sheet = book.getWorksheet('Interactions')!;
    assert.equal(sheet.actualRowCount - 1, total);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const statusCol = header.indexOf('Review status');
    assert.ok(statusCol > 0);
    let passes = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(statusCol).value === 'Pass') passes++;
    });
    assert.equal(passes, 1);
  });

  test('the same view exported as CSV, the exact-data format', async () => {
    const { page } = app;
    const target = join(rig.downloadsDir, 'no-profile.csv');
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-csv').check();
    assert.match((await page.getByTestId('export-format-hint').textContent()) ?? '', /exact data/);
    await page.getByTestId('export-path-input').fill('no-profile.csv');
    await page.getByTestId('export-start').click();
    await page.locator(`[data-testid="export-done"][data-path="${target}"]`).waitFor({ timeout: 60_000 });
    const text = readFileSync(target, 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with BOM');
    const records = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    assert.equal(records.length, total);
    assert.equal(records.filter((r) => r['Review status'] === 'Pass').length, 1);
    await page.keyboard.press('Escape');
  });
});
