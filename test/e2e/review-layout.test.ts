import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, screenshot, seedProfile, startRig, syncNow, type Rig } from '../helpers/e2e-app';
import { assertReviewLayout, attributeFocused, focusMatches, resultIs, saved } from '../helpers/review-e2e';
import { tempDir } from '../helpers/temp-dir';

/**
 * The review screen at the sizes and in the languages the issue names (English at 1440×900 is in
 * review.test.ts): a whole review by keyboard — n, r, one key per answer with N/A, an override with its
 * reason, Shift+N landing on the next interaction's first attribute — with the layout measured on the way:
 * the conversation at full height beside the rail, the rail's result, score and next action in view even
 * with the rail scrolled to its end, nothing scrolling sideways, the grid's key columns whole; and on a
 * narrow window the rail below the messages.
 */
type ReviewGet = ResultOf<'reviews/get'>;

describe('the review screen at 1280×720 and 1440×900, in English and Spanish', () => {
  const dataDir = tempDir('wolkvox-e2e-review-layout-');
  let rig: Rig;
  let profile: Profile;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    await call(rig.service, 'settings/set', { key: 'reviewer', value: 'Ana Auditora' });
  });
  after(async () => {
    await rig?.close();
  });

  for (const [locale, width, height] of [
    ['en-US', 1280, 720],
    ['es-CO', 1280, 720],
    ['es-CO', 1440, 900],
    ['en-US', 1366, 768],
  ] as const) {
    test(`a whole review by keyboard at ${width}×${height} (${locale}); the result and score stay in view`, { timeout: 180_000 }, async () => {
      const es = locale.startsWith('es');
      const view = await openApp(rig, locale);
      const { page } = view;
      try {
        await page.setViewportSize({ width, height });
        // The grid's first rows are in (n is a no-op until the grid is ready: a cold first start took longer).
        await page.locator('.ag-row[row-index="0"]').waitFor();
        // n opens the next unreviewed row (the focus in the grid), r goes to its first unanswered attribute.
        await page.keyboard.press('n');
        await page.locator('[data-testid="review-panel"][data-ready="true"]').waitFor();
        await page.keyboard.press('r');
        assert.ok(await attributeFocused(page, 'greeting'));
        const uid = (await page.getByTestId('review-panel').getAttribute('data-uid'))!;
        await assertReviewLayout(page, width, height);

        const yes = es ? 's' : 'y';
        for (const key of [yes, '4', yes, '5', '0', '-']) await page.keyboard.press(key);
        assert.ok(await focusMatches(page, '[data-testid="rail-next"]'));
        await saved(page);
        // (1 + 2·0.75 + 3 + 2) / 8 weights (the two N/A left out) = 93.75: a pass.
        await page.locator('[data-testid="review-overall"][data-score="93.75"]').waitFor();
        await resultIs(page, 'pass', es ? 'Resultado: Aprobada' : 'Result: Pass');
        await page.keyboard.press('f');
        await page.keyboard.type(es ? 'El cliente quedó sin respuesta escrita' : 'The customer got no written answer');
        await page.keyboard.press('Enter');
        await resultIs(page, 'fail', es ? 'Resultado: Reprobada' : 'Result: Fail', es ? 'El cliente quedó sin respuesta escrita' : 'The customer got no written answer');
        // The README's pictures are the 1280×720 ones, the rail at its top (the answers under the result).
        await page.getByTestId('review-panel').evaluate((el) => el.scrollTo(0, 0));
        await assertReviewLayout(page, width, height);
        if (width === 1280) await screenshot(page, es ? 'review-es' : 'review');
        // The rail scrolled to its end: its head (result, score, next action) has not moved.
        await page.getByTestId('review-panel').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await assertReviewLayout(page, width, height);

        await page.keyboard.press('Shift+N');
        await page.locator(`[data-testid="review-panel"][data-ready="true"]:not([data-uid="${uid}"])`).waitFor();
        await page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute="greeting"]'));
        const stored = await call<ReviewGet>(rig.service, 'reviews/get', { uid });
        assert.equal(stored.review?.status, 'fail');
        assert.equal(stored.review?.override?.status, 'fail');
        assert.equal(stored.review?.scores.typification, 'na');
        // The shortcuts, in the UI's language, fit the window (their own scroll at most).
        await page.keyboard.press('?');
        const overlay = page.getByTestId('shortcuts-overlay');
        await overlay.getByRole('heading', { name: es ? 'Atajos de teclado' : 'Keyboard shortcuts' }).waitFor();
        await overlay.getByText(es ? 'Quitar el cambio: volver al resultado calculado' : 'Remove the override: back to the computed result').waitFor();
        const box = (await overlay.boundingBox())!;
        assert.ok(box.y >= 0 && box.y + box.height <= height, 'the overlay fits the window');
        await page.keyboard.press('Escape');
        await overlay.waitFor({ state: 'detached' });
        assert.ok(await attributeFocused(page, 'greeting'), 'the focus is back where it was');
        assert.deepEqual(view.errors, []);
      } finally {
        await view.context.close();
      }
    });
  }

  test('a narrow window (960×720): the rail sits below the messages, never over them, its head in view', async () => {
    const view = await openApp(rig, 'en-US');
    const { page } = view;
    try {
      await page.setViewportSize({ width: 960, height: 720 });
      await page.locator('.ag-row[row-index="0"]').waitFor();
      await page.keyboard.press('n');
      await page.locator('[data-testid="review-panel"][data-ready="true"]').waitFor();
      await page.keyboard.press('r');
      const list = (await page.locator('[data-testid="conversation-panel"] .conv-list').boundingBox())!;
      const rail = (await page.getByTestId('review-panel').boundingBox())!;
      assert.ok(rail.y >= list.y + list.height - 1, `the rail is below the messages (${JSON.stringify({ list, rail })})`);
      assert.ok(list.height >= 200, `the messages keep room to read (${list.height} px)`);
      for (const part of ['review-result', 'review-overall', 'rail-next']) {
        const b = (await page.getByTestId(part).boundingBox())!;
        assert.ok(b.y >= rail.y - 1 && b.y + b.height <= Math.min(720, rail.y + rail.height) + 1, `${part} is in view`);
      }
      assert.ok(await attributeFocused(page, 'greeting'));
      assert.deepEqual(view.errors, []);
    } finally {
      await view.context.close();
    }
  });
});
