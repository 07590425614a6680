import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';
import { attributeFocused, focusMatches, panelReady, saved, tabTo } from '../helpers/review-e2e';

/**
 * The audit of a sample as an auditor does it with the keyboard alone, in real Chromium against the real
 * service: draw a sample (its size shown before it is stored), review five of its interactions one key per
 * answer with one override and its reason, reload (the sample comes back), reopen it from the Samples list
 * (its progress read there), and export the workbook. No click anywhere: every step is a key. In English at
 * 1280×720 and in Spanish at 1440×900; the assertions read test ids and data, not words.
 */
type Samples = ResultOf<'samples/list'>;
type ReviewGet = ResultOf<'reviews/get'>;

const REASON = 'Refund promised against the policy';
// The default scorecard's order: greeting (yes/no), understanding (1-5), resolution (yes/no, critical), tone
// (1-5), typification (yes/no, N/A), response time (1-5, N/A). Every answer at its best: a Pass.
const BEST = ['y', '5', 'y', '5', 'y', '5'];

async function focusedTestId(app: Watched): Promise<string | null> {
  return app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** The uid of the interaction the review rail shows, once it is ready. */
async function railUid(app: Watched): Promise<string> {
  const panel = app.page.locator('[data-testid="review-panel"][data-ready="true"]');
  await panel.waitFor();
  return (await panel.getAttribute('data-uid'))!;
}

for (const [locale, width, height] of [['en-US', 1280, 720], ['es-CO', 1440, 900]] as const) {
  describe(`a sample audited with the keyboard alone (${locale}, ${width}×${height})`, () => {
    const dataDir = tempDir('wolkvox-e2e-audit-sample-');
    let rig: Rig;
    let app: Watched;

    before(async () => {
      rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
      const profile = await seedProfile(rig);
      const run = await syncNow(rig, profile.id, { preset: 'last7' });
      assert.equal(run.status, 'done', JSON.stringify(run.error));
      app = await openApp(rig, locale);
      await app.page.setViewportSize({ width, height });
      await app.page.getByTestId('grid').waitFor();
      await rowCount(app.page);
    });
    after(async () => {
      await rig?.close();
    });

    test('draw, review five with one override, reload, reopen the sample, export', { timeout: 300_000 }, async () => {
      const { page } = app;

      // Draw: Samples, "Draw a new sample…", a name, 2 per agent, the size read before anything is stored.
      await tabTo(page, '[data-testid="sample-button"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('samples-empty').waitFor();
      await tabTo(page, '[data-testid="sample-new"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'sample-name');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Keyboard audit');
      await tabTo(page, '[data-testid="sample-amount"]');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2');
      const preview = page.locator('[data-testid="sample-preview"]:not([data-size=""])');
      await preview.waitFor();
      const size = Number(await preview.getAttribute('data-size'));
      assert.ok(size >= 5, `a sample of ${size} can hold five reviews`);
      assert.deepEqual(await call<Samples>(rig.service, 'samples/list', {}), [], 'nothing stored before the draw');
      await tabTo(page, '[data-testid="sample-draw"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('sample-chip').waitFor();
      await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();
      const [sample] = await call<Samples>(rig.service, 'samples/list', {});
      assert.equal(sample!.members, size);
      const page0 = await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: { sampleId: sample!.id }, offset: 0, limit: 1000 });
      const members = new Set(page0.rows.map((r) => r.uid));

      // n: the first unreviewed interaction of the sample; r: its first attribute. The first answer asks the
      // auditor's name (reviews are signed with it).
      await page.keyboard.press('n');
      const reviewed: string[] = [await railUid(app)];
      await page.keyboard.press('r');
      assert.ok(await attributeFocused(page, 'greeting'));
      await page.keyboard.press(BEST[0]!);
      await page.getByTestId('reviewer-dialog').waitFor();
      await page.keyboard.type('Auditor Uno');
      await page.keyboard.press('Enter');
      await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
      for (const key of BEST.slice(1)) await page.keyboard.press(key);
      assert.ok(await focusMatches(page, '[data-testid="rail-next"]'), 'after the last answer the focus is on Next unreviewed');
      await saved(page);
      await page.locator('[data-testid="review-result"][data-status="pass"][data-overridden="false"]').waitFor();

      // The one override: f (the focus still on Next unreviewed, in the rail) sets Fail against the scores and asks its reason.
      await page.keyboard.press('f');
      assert.ok(await focusMatches(page, '[data-testid="review-override-reason"]'));
      await page.keyboard.type(REASON);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="review-result"][data-status="fail"][data-overridden="true"]').waitFor();
      assert.ok(await focusMatches(page, '[data-testid="rail-next"]'));

      // Four more: Enter on Next unreviewed, the focus on the new interaction's first attribute, six keys.
      for (let i = 1; i < 5; i++) {
        await page.keyboard.press('Enter');
        await page.waitForFunction((done) => {
          const panel = document.querySelector('[data-testid="review-panel"][data-ready="true"]');
          return !!panel && !done.includes(panel.getAttribute('data-uid') ?? '') && !!document.activeElement?.closest('[data-review-attribute="greeting"]');
        }, reviewed);
        const uid = await railUid(app);
        await panelReady(page, uid);
        reviewed.push(uid);
        for (const key of BEST) await page.keyboard.press(key);
        assert.equal(await focusedTestId(app), 'rail-next');
        await saved(page);
        await page.locator('[data-testid="review-result"][data-status="pass"][data-overridden="false"]').waitFor();
      }
      assert.equal(new Set(reviewed).size, 5, 'five different interactions');
      for (const uid of reviewed) assert.ok(members.has(uid), `${uid} is in the sample: Next unreviewed walks the open sample`);
      await screenshot(page, `audit-sample-${locale}-${width}`);

      // Reload: the sample is open again, its reviews kept.
      await page.reload();
      await page.getByTestId('sample-chip').waitFor();
      await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();
      const first = await call<ReviewGet>(rig.service, 'reviews/get', { uid: reviewed[0] });
      assert.deepEqual(first.review?.override, { status: 'fail', reason: REASON });
      assert.equal(first.review?.reviewer, 'Auditor Uno');

      // Close it (the chip's ×), then reopen it from the Samples list, whose progress reads 5 reviewed, 4 passed.
      await tabTo(page, '[data-testid="sample-chip"] button');
      await page.keyboard.press('Enter');
      await page.getByTestId('sample-chip').waitFor({ state: 'detached' });
      // The toolbar's buttons come before the chips: back from where the chip was.
      await tabTo(page, '[data-testid="sample-button"]', true);
      await page.keyboard.press('Enter');
      const progress = page.locator(`[data-testid="sample-row"][data-sample-id="${sample!.id}"] [data-testid="sample-progress"]`);
      await progress.waitFor();
      assert.deepEqual([await progress.getAttribute('data-reviewed'), await progress.getAttribute('data-passed')], ['5', '4']);
      await tabTo(page, `[data-testid="sample-row"][data-sample-id="${sample!.id}"] [data-testid="sample-open"]`);
      await page.keyboard.press('Enter');
      await page.getByTestId('sample-chip').waitFor();
      await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();

      // Export the open sample: the five reviews, the override marked with its reason.
      // The browser host writes into the user's Downloads folder: a file name is all one types.
      const name = `audit-${locale}.xlsx`;
      const target = join(rig.downloadsDir, name);
      await tabTo(page, '[data-testid="export-button"]');
      await page.keyboard.press('Enter');
      await tabTo(page, '[data-testid="export-path-input"]');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(name);
      assert.equal(await page.getByTestId('export-path-input').inputValue(), name, 'the field keeps the focus while one types');
      await tabTo(page, '[data-testid="export-start"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="export-done"], [data-testid="export-error"]').first().waitFor({ timeout: 120_000 });
      assert.equal(await page.getByTestId('export-error').count(), 0, (await page.getByTestId('export-error').textContent().catch(() => '')) ?? '');
      assert.equal(await page.getByTestId('export-done').getAttribute('data-path'), target);
      await page.keyboard.press('Escape');

      const book = await readWorkbook(target);
      const rows = sheetRecords(book.sheet(book.sheetNames[0]!), '');
      assert.equal(rows.length, size, 'the workbook holds the sample');
      const headers = Object.keys(rows[0]!);
      const reasonColumn = headers.find((h) => rows.some((r) => r[h] === REASON));
      assert.ok(reasonColumn, 'the override reason is in the workbook');
      assert.equal(rows.filter((r) => r[reasonColumn] === REASON).length, 1);
      assert.deepEqual(app.errors, []);
    });
  });
}
