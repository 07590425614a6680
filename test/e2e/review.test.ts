import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';
import { assertReviewLayout, attributeFocused, focusMatches, panelReady, progressIs, resultIs, saved, tabTo } from '../helpers/review-e2e';

/**
 * The audit flow in real Chromium against the real service, with the keyboard only: rows by `n`, `p` and
 * the arrows, `r` to the rail, one key per answer (the cursor moving on), an override with its reason,
 * `u` back to the computed result, Shift+N to the next unreviewed row with the focus on its first
 * attribute, the auditor's name asked before the first save; then a reload, the review facet, a sample
 * and the exported workbook read back with exceljs. At 1440×900 in English (the other sizes and Spanish:
 * review-layout.test.ts). The default scorecard: greeting (yes/no, 1), understanding (1-5, 2), resolution
 * (yes/no, 3, critical), tone (1-5, 2), typification (yes/no, 1, N/A) and response time (1-5, 1, N/A);
 * pass mark 80.
 */
type GridPage = ResultOf<'interactions/page'>;
type Progress = ResultOf<'reviews/progress'>;
type ReviewGet = ResultOf<'reviews/get'>;

const NOTES = ['Warm greeting, solved on first contact', 'No resolution offered: coaching needed', 'Check the typification with the team lead'];
const AUDITOR = 'Ana Auditora';
const REASON = 'The customer was promised a refund the policy does not allow';

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

  test('three reviews by keyboard only, an override with its reason; the grid marks it', async () => {
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

    // r: the first unanswered attribute. The first answer asks who is reviewing (reviews are signed).
    await page.keyboard.press('r');
    assert.ok(await attributeFocused(page, 'greeting'), 'r focuses the first attribute');
    await page.keyboard.press('y');
    await page.getByTestId('reviewer-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('reviewer-form').getByRole('alert').getByText('Write your name').waitFor();
    await page.keyboard.type(AUDITOR);
    await page.keyboard.press('Enter');
    await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
    assert.ok(await attributeFocused(page, 'understanding'), 'the answer moved the cursor on');

    // One key per answer; after the last, the focus is on "Next unreviewed".
    for (const [key, next] of [['5', 'resolution'], ['y', 'tone'], ['4', 'typification'], ['y', 'response_time']] as const) {
      await page.keyboard.press(key);
      assert.ok(await attributeFocused(page, next), `after ${key}: ${next}`);
    }
    await page.keyboard.press('3');
    assert.ok(await focusMatches(page, '[data-testid="rail-next"]'), 'after the last answer: Next unreviewed');
    await saved(page);
    await page.locator('[data-testid="review-overall"][data-score="90"]').waitFor();
    await resultIs(page, 'pass', 'Result: Pass');
    await progressIs(page, 1, total);
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[0]!);

    // f (from any control of the rail but a text field): an override to Fail asks for its reason; none
    // is refused, Enter saves it.
    await tabTo(page, '[data-testid="review-override-fail"]', true);
    await page.keyboard.press('f');
    assert.ok(await focusMatches(page, '[data-testid="review-override-reason"]'));
    await page.keyboard.press('Enter');
    await page.getByText('Write the reason: an override is never saved without one.').waitFor();
    await page.keyboard.type(REASON);
    await page.keyboard.press('Enter');
    await resultIs(page, 'fail', 'Result: Fail', REASON);
    assert.equal(await page.getByTestId('review-computed').textContent(), 'The scores give: Pass.');
    assert.ok(await focusMatches(page, '[data-testid="rail-next"]'));
    const cell = page.locator('.ag-row[row-index="0"] [col-id="review_status"] .review-badge');
    await cell.locator('xpath=self::*[@data-overridden="true"]').waitFor();
    assert.match((await cell.textContent()) ?? '', /^Fail.*\(result overridden by the auditor\)$/);
    await assertReviewLayout(page, 1440, 900);

    // Shift+N: the next unreviewed interaction, the focus on its first attribute.
    await page.keyboard.press('Shift+N');
    await panelReady(page, uids[1]!);
    await page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute="greeting"]'));
    // The arrows move between the options without answering; in the rail, n is No (not "next").
    await page.keyboard.press('ArrowRight');
    assert.ok(await focusMatches(page, '[data-testid="review-score-greeting-no"]'));
    assert.equal(await page.getByTestId('review-attribute-greeting').getAttribute('data-answered'), 'false');
    assert.equal(await page.getByTestId('review-saved').getAttribute('data-state'), 'idle', 'an arrow saves nothing');
    for (const key of ['n', '3', 'n', '2', '0', '-']) await page.keyboard.press(key);
    await panelReady(page, uids[1]!);
    await page.getByTestId('review-critical').waitFor();
    await saved(page);
    await resultIs(page, 'fail', 'Result: Fail');
    // p overrides to Pass, then u takes the override back: the computed Fail again.
    await page.keyboard.press('p');
    await page.keyboard.type('Escalated by the agent as the procedure says');
    await page.keyboard.press('Enter');
    await resultIs(page, 'pass', 'Result: Pass', 'Escalated by the agent as the procedure says');
    await page.locator('.ag-row[row-index="1"] [col-id="review_status"] .review-badge[data-overridden="true"]').getByText('Pass').waitFor();
    assert.equal((await call<Progress>(rig.service, 'reviews/progress', { filter: {} })).overridden, 2);
    await page.keyboard.press('u');
    await resultIs(page, 'fail', 'Result: Fail');
    await page.locator('.ag-row[row-index="1"] [col-id="review_status"] .review-badge[data-overridden="false"]').getByText('Fail').waitFor();
    assert.equal((await call<Progress>(rig.service, 'reviews/progress', { filter: {} })).overridden, 1);
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[1]!);
    await progressIs(page, 2, total);

    // Review 3: two answers, a note and a tag: in review, not counted as reviewed. Space answers and stays,
    // Delete clears, Enter answers and moves on.
    await tabTo(page, '[data-testid="rail-next"]', true);
    await page.keyboard.press('Enter');
    await panelReady(page, uids[2]!);
    await page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute="greeting"]'));
    await page.keyboard.press('y');
    const understanding = page.getByTestId('review-attribute-understanding');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await understanding.locator('xpath=self::*[@data-answered="true"]').waitFor();
    assert.ok(await focusMatches(page, '[data-testid="review-score-understanding-3"][aria-checked="true"]'), 'Space stays');
    await page.keyboard.press('Delete');
    await understanding.locator('xpath=self::*[@data-answered="false"]').waitFor();
    await page.keyboard.press('Enter');
    assert.ok(await attributeFocused(page, 'resolution'), 'Enter moves on');
    await tabTo(page, '[data-testid="review-note"]');
    await page.keyboard.type(NOTES[2]!);
    await page.keyboard.press('Tab');
    assert.ok(await focusMatches(page, '[data-testid="review-tags"]'));
    await page.keyboard.type('coaching, typification');
    await page.keyboard.press('Enter');
    await saved(page);
    await resultIs(page, 'in review', 'Result: In review');
    await page.locator('.ag-row[row-index="2"] [col-id="review_status"]').getByText('In review').waitFor();
    await progressIs(page, 2, total);

    const progress = await call<Progress>(rig.service, 'reviews/progress', { filter: {} });
    assert.deepEqual({ pass: progress.pass, fail: progress.fail, inReview: progress.inReview, overridden: progress.overridden }, { pass: 0, fail: 2, inReview: 1, overridden: 1 });
    const first = await call<ReviewGet>(rig.service, 'reviews/get', { uid: uids[0] });
    assert.deepEqual(first.review?.override, { status: 'fail', reason: REASON });
    assert.equal(first.review?.computedStatus, 'pass');
    assert.equal(first.review?.reviewer, AUDITOR);
    assert.equal(first.review?.note, NOTES[0]);
    const second = await call<ReviewGet>(rig.service, 'reviews/get', { uid: uids[1] });
    assert.deepEqual(second.review?.scores, { greeting: false, understanding: 3, resolution: false, tone: 2, typification: 'na', response_time: 'na' });
    assert.equal(second.review?.override, null);
    const third = await call<ReviewGet>(rig.service, 'reviews/get', { uid: uids[2] });
    assert.deepEqual(third.review?.scores, { greeting: true, understanding: 3 });
    assert.deepEqual(third.review?.tags, ['coaching', 'typification']);
    assert.equal(third.review?.note, NOTES[2]);
    assert.deepEqual(app.errors, []);
  });

  test('the ? overlay lists every shortcut; Esc closes it', async () => {
    const { page } = app;
    // Out of the tags field (keys typed there are text), into the rail.
    await tabTo(page, '[data-testid="rail-next"]', true);
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await overlay.waitFor();
    const text = (await overlay.textContent()) ?? '';
    for (const key of ['Shift+N', 'Shift+P', '1 – 5', 'Y · N', '0 · -', 'p · f', 'u']) assert.ok(text.includes(key), key);
    assert.match(text, /Remove the override: back to the computed result/);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
    assert.ok(await page.getByTestId('conversation-panel').isVisible(), 'Esc closed the overlay only');
  });

  test('a review survives a reload of the page', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('grid').waitFor();
    await progressIs(page, 2, total);
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Fail').waitFor();
    // n goes to the first unreviewed row (the fourth), p walks back to the first.
    await page.keyboard.press('n');
    await panelReady(page, uids[3]!);
    for (const i of [2, 1, 0]) {
      await page.keyboard.press('p');
      await panelReady(page, uids[i]!);
    }
    await resultIs(page, 'fail', 'Result: Fail', REASON);
    assert.equal(await page.getByTestId('review-note').inputValue(), NOTES[0]);
    assert.equal(await page.getByTestId('review-score-tone-4').getAttribute('aria-checked'), 'true');
    await page.locator('[data-testid="review-overall"][data-score="90"]').waitFor();
    assert.match((await page.getByTestId('review-by').textContent()) ?? '', new RegExp(AUDITOR));
    // The toolbar's Next unreviewed, with no conversation open, lands on the first attribute too.
    await page.keyboard.press('Escape');
    await page.getByTestId('conversation-panel').waitFor({ state: 'detached' });
    await page.getByTestId('next-unreviewed').click();
    await panelReady(page, uids[3]!);
    await page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute="greeting"]'));
  });

  test('the review facet filters the grid; the progress is for the current filter', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('conversation-panel').waitFor({ state: 'detached' });
    await page.getByTestId('facet-review-fail').check();
    assert.equal(await rowCountChange(page, total), 2);
    await progressIs(page, 2, 2);
    await page.getByTestId('facet-review-in-review').check();
    assert.equal(await rowCountChange(page, 2), 3);
    await progressIs(page, 2, 3);
    await page.getByTestId('facet-review-fail').uncheck();
    await page.getByTestId('facet-review-in-review').uncheck();
    assert.equal(await rowCountChange(page, 3), total);
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
    const expected = [
      { note: NOTES[0], status: 'Fail', score: 90 },
      { note: NOTES[1], status: 'Fail' },
      { note: NOTES[2], status: 'In review', tags: 'coaching, typification' },
    ];
    for (const want of expected) {
      const found = rows.filter((r) => r['Review note'] === want.note);
      assert.equal(found.length, 1, want.note);
      const row = found[0]!;
      assert.equal(row['Review status'], want.status);
      assert.equal(row['Reviewer'], AUDITOR);
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
