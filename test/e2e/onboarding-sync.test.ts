import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIResponse, Page, Route } from 'playwright-core';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { addDays, localDayOf } from '../../src-main/sim/days';
import { call, openApp, rowCount, screenshot, startRig, TOKEN, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * A supervisor's first hour, in real Chromium against the browser host: nothing set up, a profile and a
 * token (which never comes back), a sync watched and cancelled, a full sync, both languages.
 */
describe('first run, token, sync', () => {
  const dataDir = tempDir('wolkvox-e2e-onboard-');
  let rig: Rig;
  let app: Watched;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 120 } } });
    app = await openApp(rig, 'en-US', { captureBodies: true });
  });
  after(async () => {
    await rig?.close();
  });

  test('the interface follows the browser language', async () => {
    const es = await rig.browser.newContext({ locale: 'es-CO' });
    const page = await es.newPage();
    await page.goto(rig.host.url);
    await page.getByText('Bienvenido a Wolkvox Audit').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await es.close();
  });

  test('first run without a profile: a welcome and the profile form, nothing else', async () => {
    const { page } = app;
    await page.getByTestId('first-run').waitFor();
    await page.getByText('Welcome to Wolkvox Audit').waitFor();
    assert.equal(await page.getByTestId('profile-settings').isVisible(), true);
    assert.equal(await page.getByTestId('grid').count(), 0);
    assert.equal(await page.getByTestId('token-input').count(), 0, 'no token field before there is a profile');
    await screenshot(page, 'first-run');
  });

  test('a bad server name is refused in words', async () => {
    const { page } = app;
    await page.getByTestId('profile-name').fill('Servicio al cliente');
    await page.getByTestId('profile-server').fill('demo.example');
    await page.getByTestId('profile-save').click();
    await page.getByText('letters and digits').first().waitFor();
  });

  test('profile and token saved; the token is never readable back', async () => {
    const { page } = app;
    await page.getByTestId('profile-server').fill('demo');
    await page.getByText('Advanced').click();
    await page.getByTestId('profile-base-url').fill(rig.sim.url);
    await page.getByTestId('profile-save').click();
    await page.getByTestId('token-input').waitFor();
    await page.getByTestId('token-input').fill(TOKEN);
    await page.getByTestId('token-save').click();
    await page.getByTestId('token-status').getByText('Token saved in the system keychain').waitFor();
    assert.equal(await page.getByTestId('token-input').count(), 0, 'the field is gone once saved');
    await screenshot(page, 'token-saved');

    await assertNoToken(app, 'after saving');

    // Replace shows an empty field, never the old value.
    await page.getByTestId('token-replace').click();
    assert.equal(await page.getByTestId('token-input').inputValue(), '');
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    await page.getByTestId('first-run-done').click();
    await page.getByTestId('grid').waitFor();

    // A reload goes straight to the app; the settings say the token is saved, and that is all.
    await page.reload();
    await page.getByTestId('grid').waitFor();
    await page.getByTestId('settings-button').click();
    await page.getByTestId('token-status').getByText('Token saved in the system keychain').waitFor();
    await assertNoToken(app, 'after a reload');
    await page.keyboard.press('Escape');
    await assertNoToken(app, 'in the main screen');
  });

  test('a sync shows its cost first, then progress, and can be cancelled', async () => {
    const { page } = app;
    // 90 days are three 31-day windows; a slow simulator leaves time to watch them.
    rig.sim.setFaults({ latencyMs: 4000 });
    await page.getByTestId('sync-button').click();
    await page.getByTestId('sync-panel').waitFor();
    await page.locator('[data-testid="sync-panel"] [data-preset="custom"]').click();
    const today = localDayOf(new ZoneConverter('America/Bogota'), Date.now());
    await page.locator('[data-testid="sync-panel"] input[type="date"]').first().fill(addDays(today, -90));
    await page.locator('[data-testid="sync-panel"] input[type="date"]').last().fill(addDays(today, -1));
    await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
    const plan = await page.getByTestId('sync-plan').textContent();
    assert.match(plan ?? '', /3 windows, about 3 API calls/);
    // The state refresh the panel asks once the sync has started is answered while the sync runs, but that
    // answer reaches the page only after the sync ended (see staleStateAnswers).
    const stale = await staleStateAnswers(page);
    await page.getByTestId('sync-start').click();
    const progress = page.getByTestId('sync-progress');
    await progress.waitFor();
    await page.waitForFunction(() => /windows [1-9]\d* of 3/.test(document.querySelector('[data-testid="sync-progress"]')?.textContent ?? ''));
    // From here every new request hangs until the cancel: the sync cannot finish first, however slow the machine.
    rig.sim.setFaults({ latencyMs: 4000, hangMs: 600_000 });
    await stale.answerNow();
    assert.match((await progress.textContent()) ?? '', /windows \d of 3 · [\d,]+ rows? · \d+ calls?/);
    assert.ok(Number(await progress.locator('progress').getAttribute('value')) > 0);
    await screenshot(page, 'sync-progress');
    await page.getByTestId('sync-cancel').click();
    await page.getByTestId('sync-status').getByText(/cancelled/i).waitFor();
    assert.equal(await progress.count(), 0);
    // A state refresh asked before the sync ended must not bring its progress bar back.
    assert.ok((await stale.deliver()) >= 1, 'a state answer that says the sync runs reached the page after the sync ended');
    assert.equal(await progress.count(), 0);
  });

  test('a full sync fills the grid and says so in plain words', async () => {
    const { page } = app;
    rig.sim.setFaults({});
    await page.locator('[data-testid="sync-panel"] [data-preset="last7"]').click();
    await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
    await page.getByTestId('sync-start').click();
    await page.getByTestId('sync-status').getByText(/^Synced/).waitFor({ timeout: 60_000 });
    assert.match((await page.getByTestId('sync-status').textContent()) ?? '', /Synced .*: [\d,]+ interactions \([\d,]+ new, [\d,]+ updated\) in \d+ calls?\./);
    assert.ok((await page.getByTestId('sync-history').locator('li').count()) >= 2);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') || 0) > 0);
    assert.ok((await rowCount(page)) > 100);
    await screenshot(page, 'sync-done');
    // Auto-sync every 5 minutes is one switch, kept by the service.
    // The switch moves at once; the service's state follows when its save lands.
    // Polled until it holds, with no deadline of its own (a loaded machine may take long; the test timeout guards a hang).
    const autoSyncBecomes = async (want: boolean) => {
      while ((await call<{ autoSync: boolean }>(rig.service, 'sync/state', {})).autoSync !== want) await page.waitForTimeout(20);
    };
    await page.getByTestId('auto-sync').check();
    await autoSyncBecomes(true);
    assert.equal(await page.getByTestId('auto-sync').isChecked(), true);
    await page.getByTestId('auto-sync').uncheck();
    await autoSyncBecomes(false);
    assert.equal(await page.getByTestId('auto-sync').isChecked(), false);
    await page.getByTestId('sync-panel').getByRole('button', { name: 'Close' }).click();
  });

  test('a rejected token is explained, not shown', async () => {
    const { page } = app;
    await page.getByTestId('settings-button').click();
    await page.getByTestId('token-replace').click();
    await page.getByTestId('token-input').fill('not-the-right-token');
    await page.getByTestId('token-save').click();
    await page.getByTestId('token-status').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('sync-button').click();
    await page.locator('[data-testid="sync-panel"] [data-preset="today"]').click();
    await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
    await page.getByTestId('sync-start').click();
    await page.getByTestId('sync-status').getByText('Token rejected by Wolkvox: check it in Settings.').waitFor({ timeout: 30_000 });
    const html = await page.content();
    assert.ok(!html.includes('not-the-right-token'));
    await page.getByTestId('sync-panel').getByRole('button', { name: 'Close' }).click();
  });

  test('Spanish and English: labels, the grid header and dates switch with the language, and the choice is kept across a reload', async () => {
    const { page } = app;
    await page.getByTestId('lang-es').click();
    await page.getByTestId('sync-button').getByText('Sincronizar').waitFor();
    await page.getByText('Filtros').waitFor();
    assert.match((await page.getByTestId('row-count').textContent()) ?? '', /^[\d.,\s]+ interacciones$/);
    await agentHeaderReads(page, 'Agente');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    const spanishDate = await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').textContent();
    assert.match(spanishDate ?? '', /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}/, 'day/month/year in Spanish');
    await screenshot(page, 'spanish');
    // The choice is remembered.
    await page.reload();
    await page.getByText('Filtros').waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByText('Filters').waitFor();
    // After a reload the counter says "Counting…" until the grid's first page answers, later than the facets.
    await rowCount(page);
    assert.match((await page.getByTestId('row-count').textContent()) ?? '', /^[\d,]+ interactions$/);
    await agentHeaderReads(page, 'Agent');
  });
});

/**
 * Waits until the grid's Agent header reads `label`. ag-grid takes new column definitions in an effect after
 * React's render, and redraws its header in a render of its own: the header follows the rest of the screen a
 * moment later, so it is waited for, not read once (a header that never changes language still fails here).
 */
async function agentHeaderReads(page: Page, label: string): Promise<void> {
  await page.waitForFunction((l) => document.querySelector('.ag-header-cell[col-id="agent_name"]')?.textContent?.trim() === l, label);
  assert.equal((await page.locator('.ag-header-cell[col-id="agent_name"]').textContent())?.trim(), label);
}

/**
 * Makes a stale sync state happen on purpose: every `sync/state` call the page makes from now on is held.
 * Once `answerNow` is called (the sync has progress, so the service says it runs) each is answered by the
 * service, and that answer is kept from the page until `deliver`, which hands them all over (the stale
 * ones last) and resolves,
 * with how many said the sync was running, once the page has received them and run its queued work
 * (two animation frames and a task), so whatever they would change has been changed.
 */
async function staleStateAnswers(page: Page) {
  let answerNow!: () => void;
  const mayAnswer = new Promise<void>((resolve) => (answerNow = resolve));
  let firstAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
  const held: Array<{ route: Route; response: APIResponse; running: boolean }> = [];
  const handling = new Set<Promise<void>>();
  let holding = true;
  // The channel is one encoded path segment (sync%2Fstate).
  const url = (u: URL) => decodeURIComponent(u.pathname) === '/api/call/sync/state';
  await page.route(url, (route) => {
    if (!holding) return route.continue();
    const handled = (async () => {
      await mayAnswer;
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: { running: unknown } };
      held.push({ route, response, running: body.ok && body.value?.running != null });
      firstAnswered();
    })();
    handling.add(handled);
    return handled;
  });
  return {
    /** Resolves once the first held call has its answer from the service. */
    async answerNow() {
      answerNow();
      await answered;
    },
    async deliver(): Promise<number> {
      holding = false;
      await Promise.all(handling);
      // The answers that say the sync runs go last, after the ones asked once it ended: the worst order.
      for (const { route, response } of [...held.filter((h) => !h.running), ...held.filter((h) => h.running)]) {
        await route.fulfill({ response });
        await (await route.request().response())?.finished();
      }
      // Only now: taking the route away would let the paused calls through unanswered by us.
      await page.unroute(url);
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
      return held.filter((h) => h.running).length;
    },
  };
}

/** The token in none of: the page's HTML, input values, storage, IndexedDB, cookies, any answer. */
async function assertNoToken({ page, context, bodies, bodiesRead }: Watched, when: string): Promise<void> {
  const html = await page.content();
  assert.ok(!html.includes(TOKEN), `DOM ${when}`);
  const found = await page.evaluate(async (token) => {
    const hits: string[] = [];
    for (const input of document.querySelectorAll('input')) if (input.value.includes(token)) hits.push('input');
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const k = store.key(i) ?? '';
        if (k.includes(token) || (store.getItem(k) ?? '').includes(token)) hits.push('storage');
      }
    }
    const dbs = await indexedDB.databases();
    if (dbs.length > 0) hits.push(`indexeddb:${dbs.map((d) => d.name).join(',')}`);
    if (document.cookie.includes(token)) hits.push('cookie');
    return hits;
  }, TOKEN);
  assert.deepEqual(found, [], `storage ${when}`);
  const cookies = await context.cookies();
  assert.ok(!cookies.some((c) => c.value.includes(TOKEN)), `cookies ${when}`);
  // Every response that came before the checks above (they were round trips to the same browser) is read.
  await bodiesRead();
  assert.ok(bodies.length > 0);
  assert.ok(!bodies.some((b) => b.includes(TOKEN)), `responses ${when}`);
}
