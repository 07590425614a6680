import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import type { Profile, ResultOf, SampleRuleArgs } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Samples that last, in real Chromium at 1280×720 against the real service: a draw that shows its size
 * first, the sample reopened after a reload, the list's progress after reviews, rename, "next unreviewed"
 * walking the sample only, delete (reviews stay; a deleted sample is not reopened), in English and Spanish.
 */
type Samples = ResultOf<'samples/list'>;
type Scorecard = ResultOf<'scorecard/active'>;

async function previewSize(page: Page): Promise<number> {
  const el = page.locator('[data-testid="sample-preview"]:not([data-size=""])');
  await el.waitFor();
  return Number(await el.getAttribute('data-size'));
}

/** Every answer at its best (a pass under any pass mark) or its worst (a fail): the result follows the scores. */
function scoresOf(card: Scorecard, best: boolean): Record<string, boolean | number> {
  return Object.fromEntries(card.attributes.map((a) => [a.key, a.scale === 'yes-no' ? best : best ? 5 : 1]));
}

describe('audit samples that last', () => {
  const dataDir = tempDir('wolkvox-e2e-samples-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    app = await openApp(rig, 'en-US');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('grid').waitFor();
    total = await rowCount(app.page);
  });
  after(async () => {
    await rig?.close();
  });

  test('draw with a preview, reopen after a reload, progress, rename, next unreviewed in the sample, delete', { timeout: 240_000 }, async () => {
    const { page } = app;
    await page.getByTestId('sample-button').click();
    await page.getByTestId('samples-empty').waitFor();
    await page.getByTestId('sample-new').press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'sample-name');
    await page.getByTestId('sample-name').fill('Week audit');
    await page.getByTestId('sample-amount').fill('3');
    const plain = await previewSize(page);
    // Leaving out open interactions (the simulator's recent ones are still open) shrinks the draw, before anything is stored.
    await page.getByTestId('sample-skip-open').check();
    await page.getByTestId('sample-skip-no-agent').check();
    await page.waitForFunction((n) => document.querySelector('[data-testid="sample-preview"]')?.getAttribute('data-size') !== String(n), plain);
    const size = await previewSize(page);
    const rule: SampleRuleArgs = { unit: 'count', amount: 3, perAgent: true, by: null, skipReviewed: false, skipOpen: true, skipNoAgent: true };
    const asked = await call<{ size: number; candidates: number }>(rig.service, 'samples/preview', { filter: {}, rule });
    assert.equal(size, asked.size);
    assert.ok(size > 3 && size < plain, `${size} of ${plain}`);
    assert.equal(await page.getByTestId('sample-draw').textContent(), `Draw ${size}`);
    await screenshot(page, 'samples-draw-1280');
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-chip').getByText('Sample: Week audit').waitFor();
    assert.equal(await rowCountChange(page, total), size);
    const [sample] = await call<Samples>(rig.service, 'samples/list', {});
    assert.equal(sample!.members, size);
    const members = new Set((await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: { sampleId: sample!.id }, offset: 0, limit: 500 })).rows.map((r) => r.uid));
    const open = await call<ResultOf<'interactions/count'>>(rig.service, 'interactions/count', { filter: { sampleId: sample!.id, statuses: ['open'] } });
    assert.equal(open.total, 0, 'no open interaction was drawn');

    // The open sample survives a reload.
    await page.reload();
    await page.getByTestId('sample-chip').getByText('Sample: Week audit').waitFor();
    await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();

    // Two members reviewed (one pass, one fail): the list shows 2 of N reviewed, 50% pass.
    const card = await call<Scorecard>(rig.service, 'scorecard/active', {});
    const [first, second] = [...members];
    await call(rig.service, 'reviews/save', { uid: first, status: 'pass', scores: scoresOf(card, true) });
    await call(rig.service, 'reviews/save', { uid: second, status: 'fail', scores: scoresOf(card, false) });
    await page.getByTestId('sample-button').click();
    const row = page.locator(`[data-testid="sample-row"][data-sample-id="${sample!.id}"]`);
    await row.locator('[data-testid="sample-progress"][data-reviewed="2"][data-passed="1"]').waitFor();
    assert.equal(await row.getByTestId('sample-progress').innerText(), `2 of ${size} reviewed · 50% pass`);
    assert.match(await row.getByTestId('sample-rule').innerText(), /^3 per agent · left out: open, no agent$/);
    assert.equal(await row.getByTestId('sample-from').innerText(), 'from: all interactions');
    await screenshot(page, 'samples-list-1280');

    // Rename with the keyboard: the chip follows.
    await row.getByTestId('sample-rename').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('sample-rename-input').press('Control+a');
    await page.keyboard.type('Week audit (Ana)');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="sample-row"][data-sample-name="Week audit (Ana)"]').waitFor();
    assert.equal((await call<Samples>(rig.service, 'samples/list', {}))[0]!.name, 'Week audit (Ana)');
    await page.keyboard.press('Escape');
    await page.getByTestId('sample-chip').getByText('Sample: Week audit (Ana)').waitFor();

    // Closed, then opened again from the list: the search and filters that could hide members are cleared.
    await page.getByTestId('sample-chip').getByRole('button').click();
    await page.locator(`[data-testid="row-count"][data-total="${total}"]`).waitFor();
    await page.getByTestId('search-input').fill('zzqx-nothing-matches');
    await page.locator('[data-testid="row-count"][data-total="0"]').waitFor();
    await page.getByTestId('sample-button').click();
    await row.getByTestId('sample-open').click();
    await page.getByTestId('sample-chip').getByText('Sample: Week audit (Ana)').waitFor();
    await page.locator(`[data-testid="row-count"][data-total="${size}"]`).waitFor();
    assert.equal(await page.getByTestId('search-input').inputValue(), '');

    // "Next unreviewed" walks the sample's unreviewed members only, then says all are reviewed.
    const seen = new Set<string>();
    for (let i = 0; i < size - 2; i++) {
      await page.getByTestId('next-unreviewed').click();
      await page.waitForFunction((n) => {
        const uid = document.querySelector('[data-testid="review-panel"][data-ready="true"]')?.getAttribute('data-uid');
        return !!uid && !n.includes(uid);
      }, [...seen]);
      const uid = (await page.getByTestId('review-panel').getAttribute('data-uid'))!;
      assert.ok(members.has(uid), `${uid} is in the sample`);
      assert.ok(uid !== first && uid !== second, 'a reviewed member is skipped');
      seen.add(uid);
    }
    await page.getByTestId('next-unreviewed').click();
    await page.getByTestId('review-notice').waitFor();
    assert.equal(seen.size, size - 2);
    await page.keyboard.press('Escape');

    // Delete: the list and the chip go, the reviews stay, and a reload does not bring the sample back.
    await page.getByTestId('sample-button').click();
    // With the keyboard: the question takes the focus, Enter confirms.
    await row.getByTestId('sample-delete').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'sample-delete-confirm');
    assert.match(await row.locator('.sample-confirm').innerText(), /interactions stay in the cache with every review/);
    await page.keyboard.press('Enter');
    await page.getByTestId('samples-empty').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('sample-chip').waitFor({ state: 'detached' });
    assert.equal((await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid: first })).review?.status, 'pass');
    assert.equal((await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid: second })).review?.status, 'fail');
    await page.reload();
    await page.locator(`[data-testid="row-count"][data-total="${total}"]`).waitFor();
    assert.equal(await page.getByTestId('sample-chip').count(), 0);
    assert.deepEqual(app.errors, []);
  });

  test('a late preview for older options never replaces the newer one (held answers)', { timeout: 120_000 }, async () => {
    const { page } = app;
    const held = new Map<number, Route>();
    const arrived = new Map<number, () => void>();
    const asked = (amount: number) => new Promise<void>((resolve) => (held.has(amount) ? resolve() : arrived.set(amount, resolve)));
    const url = (u: URL) => decodeURIComponent(u.pathname) === '/api/call/samples/preview';
    await page.route(url, (route) => {
      const amount = (JSON.parse(route.request().postData() ?? '{}') as { rule: { amount: number } }).rule.amount;
      held.set(amount, route);
      arrived.get(amount)?.();
    });
    const sizeFor = async (amount: number) =>
      (await call<{ size: number }>(rig.service, 'samples/preview', { filter: {}, rule: { unit: 'count', amount, perAgent: true } })).size;
    const [two, four] = [await sizeFor(2), await sizeFor(4)];
    assert.notEqual(two, four);

    await page.getByTestId('sample-button').click();
    await page.getByTestId('sample-new').click();
    await page.getByTestId('sample-amount').fill('2');
    await asked(2);
    await page.getByTestId('sample-amount').fill('4');
    await asked(4);
    // The newer answer first, then the older one: the form must keep the size for 4.
    await held.get(4)!.continue();
    await page.locator(`[data-testid="sample-preview"][data-size="${four}"]`).waitFor();
    await held.get(2)!.continue();
    await (await held.get(2)!.request().response())?.finished();
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
    assert.equal(await page.getByTestId('sample-preview').getAttribute('data-size'), String(four));
    assert.equal(await page.getByTestId('sample-draw').textContent(), `Draw ${four}`);
    for (const [amount, route] of held) if (amount !== 2 && amount !== 4) await route.continue();
    await page.unroute(url);
    await page.keyboard.press('Escape');
    await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });
  });

  test('in Spanish: a percentage of the whole selection, listed in Spanish', { timeout: 120_000 }, async () => {
    const es = await openApp(rig, 'es-ES');
    const { page } = es;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('lang-es').first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.getByTestId('grid').waitFor();
    await page.getByTestId('sample-button').getByText('Muestras').waitFor();
    await page.getByTestId('sample-button').click();
    await page.getByTestId('sample-new').click();
    await page.getByTestId('sample-name').fill('Auditoría semanal');
    await page.getByTestId('sample-amount').fill('10');
    await page.getByTestId('sample-unit').selectOption('percent');
    await page.getByTestId('sample-by').selectOption('all');
    await page.getByTestId('sample-skip-reviewed').check();
    const asked = await call<{ size: number; candidates: number }>(rig.service, 'samples/preview', {
      filter: {},
      rule: { unit: 'percent', amount: 10, perAgent: false, by: null, skipReviewed: true, skipOpen: false, skipNoAgent: false },
    });
    await page.locator(`[data-testid="sample-preview"][data-size="${asked.size}"]`).waitFor();
    assert.equal(asked.size, Math.ceil(asked.candidates / 10));
    assert.match(await page.getByTestId('sample-preview').innerText(), /^La muestra toma \d+ de [\d.]+ interacciones\.$/);
    assert.equal(await page.getByTestId('sample-draw').textContent(), `Tomar ${asked.size}`);
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-chip').getByText('Muestra: Auditoría semanal').waitFor();
    await page.getByTestId('sample-button').click();
    const row = page.locator('[data-testid="sample-row"][data-sample-name="Auditoría semanal"]');
    assert.equal(await row.getByTestId('sample-rule').innerText(), '10 % de la selección · excluye: revisadas');
    assert.equal(await row.getByTestId('sample-progress').innerText(), `0 de ${asked.size} revisadas`);
    await screenshot(page, 'samples-list-es-1280');
    // The samples' table fits the window: no horizontal scrolling at 1280×720.
    const overflow = await page.evaluate(() => {
      const box = document.querySelector('.samples-scroll')!;
      return box.scrollWidth - box.clientWidth;
    });
    assert.ok(overflow <= 0, `the list scrolls sideways by ${overflow}px`);
    assert.deepEqual(es.errors, []);
    await es.context.close();
  });
});
