import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { FRIENDLY_HEADERS, type ApiField } from '../../src-main/core/api/constants';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { runCliProcess } from '../helpers/cli-run';
import { call, openApp, rowCount, screenshot, startRig, TOKEN, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetArrays } from '../integration/export-helpers';

/**
 * The export dialog writes what the grid shows, as the reader reads it: the grid's visible columns in the
 * grid's order (hidden ones left out), headers in the UI's language, and a CSV separator that makes Excel
 * open the file in columns under the reader's regional settings (a semicolon in Spanish, a comma in English).
 */
const FROM = '2026-02-01';
const TO = '2026-02-02';
/** The grid's default columns, in its order, without the ones it hides by default (to, comments, attachments, cod_act). */
const VISIBLE: ApiField[] = ['date_creation', 'channel', 'status', 'agent_name', 'subject', 'body', 'answer', 'from', 'case_id', 'skill_id', 'close_date', 'evaluation_survey', 'cod_description'];

describe('the export dialog: the grid\'s columns, the language, the separator', () => {
  const dataDir = tempDir('wolkvox-e2e-export-');
  let rig: Rig;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { from: FROM, to: TO, rowsPerDay: 30 } } });
    const synced = await runCliProcess(
      ['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', rig.sim.url, '--db', join(dataDir, DB_FILE_NAME)],
      { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN },
    );
    assert.equal(synced.code, 0, synced.stderr);
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
  });
  after(async () => {
    await rig?.close();
  });

  for (const [locale, lang, separator, delimiter] of [['es-CO', 'es', 'semicolon', ';'], ['en-US', 'en', 'comma', ',']] as const) {
    test(`${lang}: CSV with a ${separator} by default, the visible columns in the grid's order`, { timeout: 120_000 }, async () => {
      let app: Watched | undefined;
      try {
        app = await openApp(rig, locale);
        const { page } = app;
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        assert.equal(await rowCount(page), total);
        await page.getByTestId('export-button').click();
        await page.getByTestId('export-format-csv').check();
        const picker = page.getByTestId('export-separator');
        assert.equal(await picker.inputValue(), separator, 'the separator follows the UI language');
        await screenshot(page, `export-csv-${lang}`);
        await page.setViewportSize({ width: 1280, height: 720 });
        await screenshot(page, `export-csv-${lang}-1280`);
        await page.setViewportSize({ width: 1440, height: 900 });
        // The browser host saves into its Downloads folder: the page names the file only.
        const target = join(rig.downloadsDir, `grid-${lang}.csv`);
        await page.getByTestId('export-path-input').fill(`grid-${lang}.csv`);
        await page.getByTestId('export-start').click();
        await page.locator(`[data-testid="export-done"][data-path="${target}"]`).waitFor({ timeout: 60_000 });
        const rows = parse(readFileSync(target, 'utf8'), { bom: true, delimiter }) as string[][];
        const titles = VISIBLE.map((f) => FRIENDLY_HEADERS[lang][f]);
        assert.deepEqual(rows[0]!.slice(0, VISIBLE.length), titles, 'visible columns, grid order, UI language');
        assert.equal(rows[0]![VISIBLE.length], lang === 'es' ? 'Estado de revisión' : 'Review status');
        assert.equal(rows.length - 1, total);

        // The workbook: the same columns, sheet names in the UI's language.
        await page.getByTestId('export-format-xlsx').check();
        const book = join(rig.downloadsDir, `grid-${lang}.xlsx`);
        await page.getByTestId('export-path-input').fill(`grid-${lang}.xlsx`);
        await page.getByTestId('export-start').click();
        await page.locator(`[data-testid="export-done"][data-path="${book}"]`).waitFor({ timeout: 60_000 });
        const read = await readWorkbook(book);
        const first = lang === 'es' ? 'Interacciones' : 'Interactions';
        assert.equal(read.sheetNames[0], first);
        assert.deepEqual(sheetArrays(read.sheet(first))[0]!.slice(0, VISIBLE.length), titles);
        await page.keyboard.press('Escape');
      } finally {
        await app?.context.close();
      }
    });
  }
});
