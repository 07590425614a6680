import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultOf } from '../../src-main/core/api/contract';
import { resolvePaths } from '../../src-main/core/paths';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { seriousViolations } from '../helpers/axe';
import { call, openApp, rowCount, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { focusMatches, panelReady, saved, tabTo, openSampleByKeyboard } from '../helpers/review-e2e';
import { tempDir } from '../helpers/temp-dir';

/**
 * An assignment walked with the keyboard alone, in real Chromium against the real service (issue 19, point
 * 5): the sample opened, split between two auditors in the Assignment dialog; "Next unreviewed" walks only
 * the auditor's own part, in the sample's order, and says when it is done (the grid's walk would go on to
 * the other auditor's rows); the progress per auditor follows. Then a calibration is started from the same
 * sample and the auditor scores one answer, reads that interaction and comes back to the calibration, where
 * the other auditor's score, saved by another writer of the cache, shows without a click. In English at 1280×720 and Spanish at 1440×900, with
 * screenshots and axe over both dialogs; assertions read test ids and data.
 */
type Assignment = ResultOf<'assignments/get'>;
const ME = 'Auditor Uno';
const OTHER = 'Auditor Dos';
const BEST = ['y', '5', 'y', '5', 'y', '5'];

/** The uid of the interaction the review rail shows, once it is ready. */
async function railUid(app: Watched): Promise<string> {
  const panel = app.page.locator('[data-testid="review-panel"][data-ready="true"]');
  await panel.waitFor();
  return (await panel.getAttribute('data-uid'))!;
}

for (const [locale, width, height] of [['en-US', 1280, 720], ['es-CO', 1440, 900]] as const) {
  describe(`an assignment walked with Next unreviewed (${locale}, ${width}×${height})`, () => {
    const dataDir = tempDir('wolkvox-e2e-assignments-');
    let rig: Rig;
    let app: Watched;
    let sampleId: number;

    before(async () => {
      rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
      const profile = await seedProfile(rig);
      const run = await syncNow(rig, profile.id, { preset: 'last7' });
      assert.equal(run.status, 'done', JSON.stringify(run.error));
      await call(rig.service, 'settings/set', { key: 'reviewer', value: ME });
      sampleId = (await call<ResultOf<'samples/draw'>>(rig.service, 'samples/draw', { name: 'Week split', seed: 7, perAgent: 2, filter: {} })).id;
      app = await openApp(rig, locale);
      await app.page.setViewportSize({ width, height });
      await app.page.getByTestId('grid').waitFor();
      await rowCount(app.page);
    });
    after(async () => {
      await rig?.close();
    });

    test('split the sample, walk the own part, progress per auditor, then a calibration scored', { timeout: 300_000 }, async () => {
      const { page } = app;
      // Open the sample from the Samples list.
      await openSampleByKeyboard(page, sampleId);
      const size = (await call<ResultOf<'samples/list'>>(rig.service, 'samples/list', {}))[0]!.members;
      await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();

      // Assignment: not split yet; two auditors typed; split.
      await tabTo(page, '[data-testid="assignment-open"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('assign-not-yet').waitFor();
      await tabTo(page, '[data-testid="auditor-others"]');
      await page.keyboard.type(`${ME}, ${OTHER}`);
      await tabTo(page, '[data-testid="assign-split"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="assign-line"]').nth(1).waitFor();
      const split = await call<Assignment>(rig.service, 'assignments/get', { sampleId });
      assert.deepEqual(split.auditors.map((a) => a.auditor), [OTHER, ME]);
      assert.ok(Math.abs(split.auditors[0]!.assigned - split.auditors[1]!.assigned) <= 1, 'a fair split');
      const mine = split.mine!.assigned;
      await screenshot(page, `assignment-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page, 'assignment dialog', '[data-testid="assign-dialog"]'), []);
      await page.keyboard.press('Escape');
      await page.locator(`[data-testid="assignment-mine"][data-assigned="${mine}"][data-reviewed="0"]`).waitFor();

      // n: the first member of the own part; r: its first attribute; six answers; Enter on Next unreviewed: the next one.
      await page.keyboard.press('n');
      const walked: string[] = [];
      for (let i = 0; i < mine; i++) {
        if (i === 0) {
          // r once the rail shows the row: 'n' finds it with a call, and an r pressed before any row is open
          // does nothing, leaving the answers to the focus the rail takes in an effect, a moment after it shows.
          await railUid(app);
          await page.keyboard.press('r');
        } else {
          await page.keyboard.press('Enter');
          await page.waitForFunction((done) => {
            const panel = document.querySelector('[data-testid="review-panel"][data-ready="true"]');
            return !!panel && !done.includes(panel.getAttribute('data-uid') ?? '') && !!document.activeElement?.closest('[data-review-attribute="greeting"]');
          }, walked);
        }
        const uid = await railUid(app);
        await panelReady(page, uid);
        walked.push(uid);
        for (const key of BEST) await page.keyboard.press(key);
        assert.ok(await focusMatches(page, '[data-testid="rail-next"]'));
        await saved(page);
      }
      // Every member of the own part once, and then the walk says the part is done instead of going on.
      await page.keyboard.press('Enter');
      await page.getByTestId('review-notice').waitFor();
      const after = await call<Assignment>(rig.service, 'assignments/get', { sampleId });
      assert.deepEqual(after.mine, { auditor: ME, assigned: mine, reviewed: mine, passed: mine, failed: 0 });
      assert.equal(after.auditors.find((a) => a.auditor === OTHER)!.reviewed, 0, "the other auditor's part was not walked");
      assert.equal(new Set(walked).size, mine);
      const marks = await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: { sampleId }, offset: 0, limit: 1000 });
      assert.deepEqual(marks.rows.filter((r) => walked.includes(r.uid)).map((r) => r.reviewStatus), walked.map(() => 'pass'));
      await page.locator(`[data-testid="assignment-mine"][data-reviewed="${mine}"]`).waitFor();
      await tabTo(page, '[data-testid="assignment-open"]');
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="assign-line"][data-auditor="${ME}"][data-reviewed="${mine}"]`).waitFor();
      await page.locator(`[data-testid="assign-line"][data-auditor="${OTHER}"][data-reviewed="0"]`).waitFor();
      await page.keyboard.press('Escape');

      // Calibration: both auditors (ticked with Space), started; the auditor answers the first attribute of the first interaction.
      // The toolbar comes before the assignment's button, where the focus returned.
      await tabTo(page, '[data-testid="calibration-button"]', true);
      await page.keyboard.press('Enter');
      await page.getByTestId('calib-empty').waitFor();
      await tabTo(page, '[data-testid="calib-name"]');
      await page.keyboard.type('Calibration week');
      for (const name of [OTHER, ME]) {
        await tabTo(page, `[data-testid="auditor-choice"][value="${name}"]`);
        await page.keyboard.press('Space');
      }
      await tabTo(page, '[data-testid="calib-create"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('calib-scores').waitFor();
      const [calibration] = await call<ResultOf<'calibrations/list'>>(rig.service, 'calibrations/list', {});
      assert.deepEqual([calibration!.auditors, calibration!.members], [[OTHER, ME], size]);
      const firstUid = (await call<ResultOf<'calibrations/get'>>(rig.service, 'calibrations/get', { id: calibration!.id })).members[0]!.uid;
      const reviewBefore = await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid: firstUid });
      await tabTo(page, '[data-testid="calib-score-row"]:first-child [data-testid="calib-score"][data-key="greeting"]');
      await page.keyboard.press('ArrowDown');
      await page.locator('[data-testid="calib-score-row"]:first-child[data-status="in review"]').waitFor();
      const detail = await call<ResultOf<'calibrations/get'>>(rig.service, 'calibrations/get', { id: calibration!.id });
      assert.deepEqual(detail.scores.map((s) => [s.auditor, s.scores]), [[ME, { greeting: true }]]);
      assert.deepEqual(await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid: firstUid }), reviewBefore, 'the review is untouched by the calibration');
      await screenshot(page, `calibration-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page, 'calibration dialog', '[data-testid="calibration-dialog"]'), []);
      // Reading the interaction: its conversation opens, and Calibration comes back on the same calibration.
      await tabTo(page, '[data-testid="calib-score-row"]:first-child [data-testid="calib-read"]', true);
      await page.keyboard.press('Enter');
      await page.getByTestId('calibration-dialog').waitFor({ state: 'detached' });
      await panelReady(page, firstUid);
      await tabTo(page, '[data-testid="calibration-button"]', true);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="calib-score-row"]:first-child[data-status="in review"]').waitFor();
      // The other auditor scores elsewhere (another writer of the same cache): the open calibration's
      // agreement takes it in, with no click (the change feed, as a team cache's desktops hear each other).
      await page.locator('[data-testid="calib-agreement-line"][data-key="greeting"][data-compared="0"]').waitFor();
      const elsewhere = await openSqliteStore({ dbPath: resolvePaths({ dataDir, env: {} }).dbPath, readers: 'on-demand' });
      try {
        await elsewhere.saveCalibrationScore({ calibrationId: calibration!.id, uid: firstUid, auditor: OTHER, scores: { greeting: false } }, Date.now());
      } finally {
        await elsewhere.close();
      }
      await page.locator('[data-testid="calib-agreement-line"][data-key="greeting"][data-compared="1"][data-agreed="0"]').waitFor();
      await page.keyboard.press('Escape');
      assert.deepEqual(app.errors, []);
    });
  });
}
