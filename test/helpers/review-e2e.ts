import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Shared steps of the review e2e tests (test/e2e/review.test.ts, scorecard-editor.test.ts). */
export async function focusMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
}

/** Whether the focus is on one of the attribute's options. */
export async function attributeFocused(page: Page, key: string): Promise<boolean> {
  return page.evaluate((k) => !!document.activeElement?.closest(`[data-review-attribute="${k}"]`), key);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
export async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await focusMatches(page, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

export async function panelReady(page: Page, uid: string): Promise<void> {
  await page.locator(`[data-testid="review-panel"][data-uid="${uid}"][data-ready="true"]`).waitFor();
}

export async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
}

export async function progressIs(page: Page, reviewed: number, total: number): Promise<void> {
  await page.locator(`[data-testid="review-progress"][data-reviewed="${reviewed}"][data-total="${total}"]`).waitFor();
  assert.equal(await page.getByTestId('review-progress').textContent(), `${reviewed} of ${total} reviewed`);
}

/** The rail's result: its status, its text, and the override's reason when there is one. */
export async function resultIs(page: Page, status: string, text: string, reason?: string): Promise<void> {
  const result = page.locator(`[data-testid="review-result"][data-status="${status}"][data-overridden="${reason !== undefined}"]`);
  await result.waitFor();
  assert.equal(await result.locator('.review-badge').textContent(), text);
  if (reason !== undefined) assert.match((await page.getByTestId('review-override-shown').textContent()) ?? '', new RegExp(`: ${reason}\\)$`));
}

type Box = { x: number; y: number; width: number; height: number };
async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is shown`);
  return b;
}
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

/**
 * The review screen at this size: the conversation at (nearly) full height with the rail beside it, not
 * over it; the rail's result, score and next action inside the window and the rail; nothing of the review
 * scrolls sideways; the grid shows its key columns whole.
 */
export async function assertReviewLayout(page: Page, width: number, height: number): Promise<void> {
  const screen = { x: 0, y: 0, width, height };
  const list = await box(page, '[data-testid="conversation-panel"] .conv-list');
  const rail = await box(page, '[data-testid="review-panel"]');
  assert.ok(list.x + list.width <= rail.x + 1, `the rail is beside the messages (${JSON.stringify({ list, rail })})`);
  assert.ok(list.height >= height - 190, `the messages take the height (${list.height} of ${height})`);
  assert.ok(list.width >= 300, `the messages are readable (${list.width} px wide)`);
  for (const part of ['review-result', 'review-overall', 'rail-next']) {
    const b = await box(page, `[data-testid="${part}"]`);
    assert.ok(inside(b, screen) && inside(b, rail), `${part} is in view (${JSON.stringify(b)})`);
  }
  const head = await box(page, '[data-testid="rail-head"]');
  assert.ok(Math.abs(head.y - rail.y) <= 1, 'the rail head sticks to the top of the rail');
  const sideways = await page.evaluate(() =>
    ['[data-testid="conversation-panel"] .conv-list', '[data-testid="review-panel"]', '.workspace']
      .map((s) => document.querySelector(s)!)
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.className),
  );
  assert.deepEqual(sideways, [], 'nothing of the review scrolls sideways');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'the page does not scroll sideways');
  const grid = await box(page, '[data-testid="grid"]');
  for (const col of ['date_creation', 'review_status', 'agent_name']) {
    const cell = await box(page, `[data-testid="grid"] .ag-header-cell[col-id="${col}"]`);
    assert.ok(cell.x >= grid.x - 1 && cell.x + cell.width <= grid.x + grid.width + 1, `the grid shows its ${col} column whole`);
  }
}

/** Answers of the default scorecard that pass (score 100). */
const PASSING: Record<string, string> = { greeting: 'yes', understanding: '5', resolution: 'yes', tone: '5', typification: 'yes', response_time: '5' };

/**
 * Scores the open interaction as a pass by clicking each answer; the first save of a cache with no
 * auditor's name asks for it (the dialog), answered with `auditor`.
 */
export async function scorePassing(page: Page, auditor = 'E2E Auditor'): Promise<void> {
  let first = true;
  for (const [key, option] of Object.entries(PASSING)) {
    await page.getByTestId(`review-score-${key}-${option}`).click();
    if (!first) continue;
    first = false;
    await page.locator('[data-testid="reviewer-dialog"], [data-testid="review-saved"][data-state="saved"]').first().waitFor();
    if (await page.getByTestId('reviewer-dialog').isVisible()) {
      await page.getByTestId('reviewer-name').fill(auditor);
      await page.getByTestId('reviewer-save').click();
      await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
    }
  }
  await page.locator('[data-testid="review-result"][data-status="pass"]').waitFor();
}

/** Opens a sample from the Samples list by keyboard (Tab to the list's button, Enter, Tab to its Open); waits for its chip. */
export async function openSampleByKeyboard(page: Page, sampleId: number): Promise<void> {
  await tabTo(page, '[data-testid="sample-button"]');
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="sample-row"][data-sample-id="${sampleId}"]`).waitFor();
  await tabTo(page, `[data-testid="sample-row"][data-sample-id="${sampleId}"] [data-testid="sample-open"]`);
  await page.keyboard.press('Enter');
  await page.getByTestId('sample-chip').waitFor();
}
