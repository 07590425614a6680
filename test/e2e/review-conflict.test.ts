import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { composeApp } from '../../src-main/core/compose/index';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { startWebHost } from '../../src-main/web-host/index';
import { ensureBuiltForTests } from '../harness/build';
import { seriousViolations } from '../helpers/axe';
import { call, openApp, ROOT, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { attributeFocused, saved, tabTo } from '../helpers/review-e2e';
import { tempDir } from '../helpers/temp-dir';

/**
 * Two auditors on one cache (issue 19, point 5): Ana's browser host and Luis's, two processes' worth of
 * service on ONE SQLite file, each with its own settings (its own reviewer name). Luis answers while Ana's
 * save is on its way: his save is held (a Playwright route) until hers is stored, then meets the conflict
 * panel (in Spanish, 1280×720): who saved when, hers beside his draft. "Keep mine", by keyboard, saves
 * his draft on top of hers; both are in the history. Ana's next answer then meets his review (English,
 * 1440×900) and she takes his. No timers: every step waits on a condition.
 */
type GridPage = ResultOf<'interactions/page'>;
/** The browser host's URL of a review save (the channel is one encoded path segment). */
const SAVE_CALL = `**/api/call/${encodeURIComponent('reviews/save')}`;

describe('two auditors save the same review: the second is told, sees the other, and chooses', () => {
  const anaDir = tempDir('wolkvox-e2e-conflict-ana-');
  const luisDir = tempDir('wolkvox-e2e-conflict-luis-');
  let rig: Rig;
  let luisRig: Rig;
  let ana: Watched;
  let luis: Watched;
  let uid: string;
  const closers: Array<() => Promise<unknown>> = [];

  before(async () => {
    rig = await startRig({ dataDir: anaDir, sim: { dataset: { rowsPerDay: 10 } } });
    const profile: Profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    // Luis's host: his own data folder (settings, name), Ana's cache file.
    const root = composeApp({ host: 'browser', dataDir: luisDir, dbPath: join(anaDir, DB_FILE_NAME), secrets: new MemorySecretStore(), env: {}, log: () => {} });
    const service = await root.openService({ version: '0.0.0-e2e', downloadsDir: join(luisDir, 'Downloads') });
    closers.push(() => service.close());
    const host = await startWebHost({ service, rendererDir: await ensureBuiltForTests(ROOT) });
    closers.push(() => host.close());
    luisRig = { ...rig, service, host, dataDir: luisDir, downloadsDir: join(luisDir, 'Downloads') };
    const luisProfile = await call<Profile>(service, 'profiles/save', { name: 'Demo operation', server: 'demo', zone: 'America/Bogota', baseUrl: rig.sim.url });
    await call(service, 'profiles/activate', { profileId: luisProfile.id });
    await call(rig.service, 'settings/set', { key: 'reviewer', value: 'Ana' });
    await call(service, 'settings/set', { key: 'reviewer', value: 'Luis' });
    uid = (await call<GridPage>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1 })).rows[0]!.uid;

    ana = await openApp(rig, 'en-US');
    luis = await openApp(luisRig, 'es-ES');
    await luis.page.setViewportSize({ width: 1280, height: 720 });
    for (const { page } of [ana, luis]) await openFirstRow(page);
  });
  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await rig?.close();
  });

  test('Luis saves after Ana while both edit: the conflict panel shows her review beside his draft; "keep mine" saves his on top', async () => {
    // Luis's save is held until Ana's is stored: the race settled by conditions, not by timing.
    let arrived!: () => void;
    const held = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await luis.page.route(SAVE_CALL, async (route) => {
      arrived();
      await released;
      await route.continue();
    });
    await luis.page.keyboard.press('r');
    assert.ok(await attributeFocused(luis.page, 'greeting'));
    await luis.page.keyboard.press('n'); // greeting: No
    await held;

    await ana.page.keyboard.press('r');
    await ana.page.keyboard.press('y'); // greeting: Yes
    await saved(ana.page);
    assert.equal((await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid })).review?.reviewer, 'Ana');
    release();

    const panel = luis.page.getByTestId('review-conflict');
    await panel.waitFor();
    await luis.page.unroute(SAVE_CALL);
    // The panel takes the focus once, in an effect: it appears on a save's answer (not a key press), so React
    // may run that effect a task after drawing it. The focus is waited for, not read at once.
    await luis.page.waitForFunction(() => document.activeElement?.matches('[data-testid="review-conflict"]') ?? false);
    assert.match((await luis.page.getByTestId('review-conflict-who').textContent()) ?? '', /^Ana guardó esta revisión el .+ mientras usted la editaba\.$/);
    const greeting = luis.page.getByTestId('conflict-row-a-greeting');
    assert.deepEqual([await greeting.getByTestId('conflict-theirs').textContent(), await greeting.getByTestId('conflict-mine').textContent()], ['Sí', 'No']);
    assert.equal(await luis.page.locator('[data-testid="review-attribute-greeting"] [aria-checked="true"]').getAttribute('data-testid'), 'review-score-greeting-no', 'his draft stays in the rail');
    await screenshot(luis.page, 'review-conflict-es-1280x720');
    await assertInView(luis.page, 1280, 720);
    assert.deepEqual(await seriousViolations(luis.page, 'review conflict (es)', '[data-testid="review-conflict"]'), []);

    await tabTo(luis.page, '[data-testid="conflict-keep-mine"]');
    await luis.page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    await saved(luis.page);
    await luis.page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute]'));
    const kept = (await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid })).review!;
    assert.deepEqual([kept.reviewer, kept.scores.greeting, kept.version], ['Luis', false, 2]);
    const history = await historyOf(uid);
    assert.deepEqual(history.map((h) => [h.reviewer, h.changes['scores.greeting']?.to]), [['Ana', true], ['Luis', false]], 'both versions are in the history');
    assert.deepEqual([...ana.errors, ...luis.errors], []);
  });

  test("Ana's next answer meets Luis's review (English, 1440×900); she takes his, and the rail shows it", async () => {
    await ana.page.keyboard.press('4'); // understanding: 4, from her version 1
    const panel = ana.page.getByTestId('review-conflict');
    await panel.waitFor();
    assert.match((await ana.page.getByTestId('review-conflict-who').textContent()) ?? '', /^Luis saved this review at .+ while you were editing\.$/);
    await screenshot(ana.page, 'review-conflict-en-1440x900');
    await assertInView(ana.page, 1440, 900);
    assert.deepEqual(await seriousViolations(ana.page, 'review conflict (en)', '[data-testid="review-conflict"]'), []);

    await tabTo(ana.page, '[data-testid="conflict-take-theirs"]');
    assert.equal(await ana.page.getByTestId('conflict-take-theirs').textContent(), "Take Luis's");
    await ana.page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    await ana.page.locator('[data-testid="review-score-greeting-no"][aria-checked="true"]').waitFor();
    await ana.page.waitForFunction(() => document.activeElement?.closest('[data-review-attribute="understanding"]'));
    const now = (await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid })).review!;
    assert.deepEqual([now.reviewer, now.version, now.scores.understanding], ['Luis', 2, undefined], "taking his writes nothing");
    // The keyboard is back on the first unanswered attribute; her next answer builds on his version.
    await ana.page.keyboard.press('4');
    await saved(ana.page);
    const after = (await call<ResultOf<'reviews/get'>>(rig.service, 'reviews/get', { uid })).review!;
    assert.deepEqual([after.reviewer, after.version, after.scores.greeting, after.scores.understanding], ['Ana', 3, false, 4]);
    assert.deepEqual([...ana.errors, ...luis.errors], []);
  });

  async function historyOf(target: string) {
    const store = await openSqliteStore({ dbPath: join(anaDir, DB_FILE_NAME), readers: 'on-demand' });
    try {
      return await store.reviewHistory(target);
    } finally {
      await store.close();
    }
  }
});

/**
 * Opens the grid's first row. Two apps share one cache here, so the grid may reload under the click (the
 * other app's writes reach it through the change feed) and the click land on a row that is gone: the click
 * is made again until the panel is ready, a few times at most.
 */
async function openFirstRow(page: Page): Promise<void> {
  await page.getByTestId('grid').waitFor();
  const ready = page.locator('[data-testid="review-panel"][data-ready="true"]');
  for (let attempt = 0; attempt < 4 && !(await ready.isVisible()); attempt++) {
    await page.locator('.ag-row[row-index="0"] .ag-cell').first().click();
    await ready.waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
  await ready.waitFor();
}

/** Who saved and the two choices can be brought into the window (the rail scrolls), nothing sideways. */
async function assertInView(page: Page, width: number, height: number): Promise<void> {
  for (const id of ['review-conflict-who', 'conflict-keep-mine', 'conflict-take-theirs']) {
    const el = page.getByTestId(id);
    await el.scrollIntoViewIfNeeded();
    const b = (await el.boundingBox())!;
    assert.ok(b.x >= 0 && b.x + b.width <= width && b.y >= 0 && b.y + b.height <= height, `${id} is in view (${JSON.stringify(b)})`);
  }
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'the page does not scroll sideways');
}
