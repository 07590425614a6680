import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';

/**
 * The audit flow in real Chromium against the real service: three interactions reviewed with the keyboard
 * only (rows by `n`, `p` and the arrows, scores and status by Tab and arrows, a typed note), the progress
 * line following, a review surviving a reload, the review facet and a sample, and the exported workbook
 * read back with exceljs.
 */
type GridPage = ResultOf<'interactions/page'>;
type Progress = ResultOf<'reviews/progress'>;

const NOTES = ['Warm greeting, solved on first contact', 'No resolution offered: coaching needed', 'Check the typification with the team lead'];

async function focusMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await focusMatches(page, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Tabs into a radio group, then moves with an arrow key until the wanted choice is focused and checked. */
async function choose(page: Page, group: string, testId: string, arrow: 'ArrowRight' | 'ArrowLeft', back = false): Promise<void> {
  await tabTo(page, `input[name="${group}"]`, back);
  for (let i = 0; i < 8; i++) {
    const done = await page.evaluate((id) => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.dataset.testid === id && el.checked;
    }, testId);
    if (done) return;
    await page.keyboard.press(arrow);
  }
  assert.fail(`could not choose ${testId}`);
}

/** Scores the six attributes of the default scorecard with arrows (greeting … response time 3 of 5). */
async function scoreAll(page: Page, resolution: 'yes' | 'no'): Promise<void> {
  await choose(page, 'review-score-greeting', 'review-score-greeting-yes', 'ArrowRight');
  await choose(page, 'review-score-understanding', 'review-score-understanding-5', 'ArrowLeft');
  await choose(page, 'review-score-resolution', `review-score-resolution-${resolution}`, 'ArrowRight');
  await choose(page, 'review-score-tone', 'review-score-tone-4', 'ArrowLeft');
  await choose(page, 'review-score-typification', 'review-score-typification-yes', 'ArrowRight');
  await choose(page, 'review-score-response_time', 'review-score-response_time-3', 'ArrowLeft');
}

async function panelReady(page: Page, uid: string): Promise<void> {
  await page.locator(`[data-testid="review-panel"][data-uid="${uid}"][data-ready="true"]`).waitFor();
}

async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
}

async function progressIs(page: Page, reviewed: number, total: number): Promise<void> {
  await page.locator(`[data-testid="review-progress"][data-reviewed="${reviewed}"][data-total="${total}"]`).waitFor();
  assert.equal(await page.getByTestId('review-progress').textContent(), `${reviewed} of ${total} reviewed`);
}

describe('reviewing with the keyboard, then the audit workbook', () => {
  const dataDir = tempDir('wolkvox-e2e-review-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let total: number;
  let uids: string[];

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    const first = await call<GridPage>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 4 });
    total = first.total;
    uids = first.rows.map((r) => r.uid);
    assert.ok(total > 20 && uids.length === 4);
    app = await openApp(rig, 'en-US');
    await app.page.getByTestId('grid').waitFor();
  });
  after(async () => {
    await rig?.close();
  });

  test('three reviews by keyboard only; progress follows; the grid column shows them', async () => {
    const { page } = app;
    assert.equal(await rowCount(page), total);
    await progressIs(page, 0, total);
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Unreviewed').waitFor();

    // n: the first unreviewed row (the top one), focus in the grid; arrows and Enter move and open; p goes back.
    await page.keyboard.press('n');
    await panelReady(page, uids[0]!);
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="grid"]')), 'the grid has the focus');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await panelReady(page, uids[1]!);
    await page.keyboard.press('p');
    await panelReady(page, uids[0]!);

    // Review 1: every attribute scored (90: the result follows, Pass), a note.
    await page.keyboard.press('r');
    assert.ok(await focusMatches(page, 'input[name="review-status"]'), 'r moves to the review panel');
    await scoreAll(page, 'yes');
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[0]!);
    await tabTo(page, 'input[name="review-status"]', true);
    await saved(page);
    assert.equal(await page.getByTestId('review-status-pass').isChecked(), true);
    await page.locator('[data-testid="review-overall"][data-score="90"]').waitFor();
    await progressIs(page, 1, total);
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Pass').waitFor();
    await screenshot(page, 'review');

    // Review 2: n from the panel keeps the focus in the panel; a failed critical attribute fails the complete review.
    await page.keyboard.press('n');
    await panelReady(page, uids[1]!);
    assert.ok(await focusMatches(page, 'input[name="review-status"]'), 'the focus stays on the status choice');
    await scoreAll(page, 'no');
    await page.getByTestId('review-critical').waitFor();
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[1]!);
    await tabTo(page, 'input[name="review-status"]', true);
    await saved(page);
    assert.equal(await page.getByTestId('review-status-fail').isChecked(), true);
    await progressIs(page, 2, total);
    // Choosing Pass against the scores is an override: it asks for a reason first (Enter sends it).
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('review-override').waitFor();
    assert.ok(await focusMatches(page, '[data-testid="review-override-reason"]'), 'the reason field takes the focus');
    await page.keyboard.type('Customer withdrew the request');
    await screenshot(page, 'review-override');
    await page.keyboard.press('Enter');
    await page.getByTestId('review-overridden').getByText('Customer withdrew the request').waitFor();
    await page.locator('.ag-row[row-index="1"] [col-id="review_status"]').getByText('Pass').waitFor();
    assert.equal((await call<Progress>(rig.service, 'reviews/progress', { filter: {} })).overridden, 1);
    // Choosing the result the scores give again clears the override.
    await tabTo(page, 'input[name="review-status"]', true);
    await page.keyboard.press('ArrowRight');
    await page.locator('.ag-row[row-index="1"] [col-id="review_status"]').getByText('Fail').waitFor();
    assert.equal(await page.getByTestId('review-overridden').count(), 0);

    // Review 3: in review (one answer of six), with a note and a tag.
    await page.keyboard.press('n');
    await panelReady(page, uids[2]!);
    await choose(page, 'review-score-tone', 'review-score-tone-4', 'ArrowLeft');
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[2]!);
    await page.keyboard.press('Tab');
    assert.ok(await focusMatches(page, '[data-testid="review-tags"]'));
    await page.keyboard.type('coaching, typification');
    await page.keyboard.press('Enter');
    await saved(page);
    assert.equal(await page.getByTestId('review-status-in-review').isChecked(), true);
    await page.locator('.ag-row[row-index="2"] [col-id="review_status"]').getByText('In review').waitFor();
    await progressIs(page, 2, total);

    const progress = await call<Progress>(rig.service, 'reviews/progress', { filter: {} });
    assert.deepEqual({ pass: progress.pass, fail: progress.fail, inReview: progress.inReview }, { pass: 1, fail: 1, inReview: 1 });
    const third = await call<{ review: { note: string; tags: string[]; status: string } }>(rig.service, 'reviews/get', { uid: uids[2] });
    assert.deepEqual(third.review.tags, ['coaching', 'typification']);
    assert.equal(third.review.note, NOTES[2]);
    assert.deepEqual(app.errors, []);
  });

  test('a review survives a reload of the page', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('grid').waitFor();
    await progressIs(page, 2, total);
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Pass').waitFor();
    // n goes to the first unreviewed row (the fourth), p walks back to the first.
    await page.keyboard.press('n');
    await panelReady(page, uids[3]!);
    for (const i of [2, 1, 0]) {
      await page.keyboard.press('p');
      await panelReady(page, uids[i]!);
    }
    assert.equal(await page.getByTestId('review-status-pass').isChecked(), true);
    assert.equal(await page.getByTestId('review-note').inputValue(), NOTES[0]);
    assert.equal(await page.getByTestId('review-score-tone-4').isChecked(), true);
    await page.locator('[data-testid="review-overall"][data-score="90"]').waitFor();
  });

  test('the review facet filters the grid; the progress is for the current filter', async () => {
    const { page } = app;
    await page.getByTestId('facet-review-pass').check();
    assert.equal(await rowCountChange(page, total), 1);
    await progressIs(page, 1, 1);
    await page.getByTestId('facet-review-fail').check();
    assert.equal(await rowCountChange(page, 1), 2);
    await progressIs(page, 2, 2);
    await page.getByTestId('facet-review-pass').uncheck();
    await page.getByTestId('facet-review-fail').uncheck();
    assert.equal(await rowCountChange(page, 2), total);
    await progressIs(page, 2, total);
  });

  test('a sample drawn from the view becomes the view', async () => {
    const { page } = app;
    await page.getByTestId('sample-button').click();
    await page.getByTestId('sample-new').click();
    await page.getByTestId('sample-name').fill('E2E sample');
    await page.getByTestId('sample-amount').fill('1');
    await page.getByTestId('sample-seed').fill('e2e-seed');
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-chip').waitFor();
    const samples = await call<ResultOf<'samples/list'>>(rig.service, 'samples/list', {});
    const sample = samples.find((s) => s.name === 'E2E sample')!;
    assert.ok(sample.members > 0);
    assert.equal(await rowCountChange(page, total), sample.members);
    const inSample = await call<{ total: number }>(rig.service, 'interactions/count', { filter: { sampleId: sample.id } });
    assert.equal(inSample.total, sample.members);
    await page.getByTestId('sample-chip').getByRole('button').click();
    assert.equal(await rowCountChange(page, sample.members), total);
  });

  test('export from the UI: the three reviews are in the workbook', async () => {
    const { page } = app;
    const target = join(rig.downloadsDir, 'audit-e2e.xlsx');
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-path-input').fill('audit-e2e.xlsx');
    await page.getByTestId('export-start').click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 60_000 });
    assert.equal(await done.getAttribute('data-path'), target);
    assert.match((await done.textContent()) ?? '', new RegExp(`Exported ${total} interactions`));
    await screenshot(page, 'export');
    await page.keyboard.press('Escape');

    const book = await readWorkbook(target);
    assert.deepEqual([book.sheetNames[0], book.sheetNames[1], book.sheetNames.at(-1)], ['Interactions', 'Summary', 'Scorecard']);
    assert.ok(book.sheetNames.includes('Insights – Agents'), 'the Insights tables come along (audit-workbook-insights.test.ts checks them)');
    const rows = sheetRecords(book.sheet('Interactions'), '');
    assert.equal(rows.length, total);
    const reviewer = userInfo().username;
    const expected = [
      { note: NOTES[0], status: 'Pass', score: 90 },
      { note: NOTES[1], status: 'Fail' },
      { note: NOTES[2], status: 'In review', tags: 'coaching, typification' },
    ];
    for (const want of expected) {
      const found = rows.filter((r) => r['Review note'] === want.note);
      assert.equal(found.length, 1, want.note);
      const row = found[0]!;
      assert.equal(row['Review status'], want.status);
      assert.equal(row['Reviewer'], reviewer);
      if (want.score !== undefined) assert.equal(row['Overall score'], want.score);
    }
    // The workbook's order is the grid's: the reviewed rows are the first three.
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r['Review note']),
      NOTES,
    );
    assert.equal(rows.filter((r) => r['Review status'] !== 'Unreviewed' && r['Review status'] !== '').length, 3);
  });
});
