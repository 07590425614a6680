import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TeamStatus } from '../../src-main/core/api/contract';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { seriousViolations } from '../helpers/axe';
import { call, openApp, rowCount, screenshot, startRig, type Rig, type Watched } from '../helpers/e2e-app';
import { startPostgres } from '../helpers/postgres-server';
import { tabTo } from '../helpers/review-e2e';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { fillTeamCache, type FilledTeamCache } from '../helpers/team-cache';
import { tempDir } from '../helpers/temp-dir';

/**
 * Joining a team from the desktop, in real Chromium against the real service and a real PostgreSQL
 * server (behind a TCP proxy, to cut the network): an auditor with no profile and no token types the team
 * cache's connection with the keyboard alone on the first-run card, connects, uses it, and works on the
 * grid the sync host filled (store.sync); the sync area shows the host's last run and today's calls; the
 * network cut shows a banner while the window stays usable, and "Try again" brings the data back; the
 * password never comes back to the page; Leave returns to this computer's cache. English and Spanish,
 * 1280×720 and 1440×900, axe over each new view.
 */
const server = await startPostgres();

/** The search box, by its key (/): the start of the header's Tab order, from anywhere outside a text field. */
async function toSearch(page: Page): Promise<void> {
  const focusedSearch = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'search-input');
  if (!(await focusedSearch())) await page.keyboard.press('/');
  assert.ok(await focusedSearch(), '/ focuses the search box');
}

async function keyType(page: Page, testId: string, text: string): Promise<void> {
  await tabTo(page, `[data-testid="${testId}"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('a team cache joined from the desktop', () => {
  const dataDir = tempDir('wolkvox-e2e-team-');
  let rig: Rig;
  let app: Watched;
  let team: FilledTeamCache;
  let proxy: TcpProxy;

  before(async () => {
    team = await fillTeamCache(server, 40);
    proxy = await startTcpProxy({ targetPort: server.port });
    rig = await startRig({ dataDir });
    app = await openApp(rig, 'en-US', { captureBodies: true });
    await app.page.setViewportSize({ width: 1280, height: 720 });
  });
  after(async () => {
    await rig?.close();
    await proxy?.close();
  });

  test('first run: the connection typed with the keyboard alone, a wrong password said so, then connected and used', { timeout: 180_000 }, async () => {
    const { page } = app;
    await page.getByTestId('first-run').waitFor();
    await tabTo(page, '[data-testid="first-run-team"] summary');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-form').waitFor();
    await keyType(page, 'team-host', '127.0.0.1');
    await keyType(page, 'team-port', String(proxy.port));
    await keyType(page, 'team-database', team.database);
    await keyType(page, 'team-user', server.user);
    await tabTo(page, '[data-testid="team-tls"]');
    // TLS off is offered for a server on this computer only; the select moves with the arrow keys.
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByTestId('team-tls').inputValue(), 'disable');
    await keyType(page, 'team-password', 'not-the-password');
    await page.keyboard.press('Enter');
    const message = page.getByTestId('team-message');
    await message.getByText('The server refused this user name or password.').waitFor();
    await message.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-first-run-wrong-password-1280x720');
    assert.deepEqual(await seriousViolations(page, 'first run with the team form'), []);

    await keyType(page, 'team-password', server.password);
    await page.keyboard.press('Enter');
    await message.getByText('Connected: the team cache answers with this user and password.').waitFor();
    assert.equal(await page.getByTestId('team-password').inputValue(), '', 'the password field is emptied once sent');
    await tabTo(page, '[data-testid="team-use"]');
    await page.keyboard.press('Enter');

    // The app reopens on the team cache: the grid the sync host filled, no profile needed.
    await page.getByTestId('team-chip').waitFor();
    assert.equal(await rowCount(page), team.rows);
    await app.bodiesRead();
    assert.ok(app.bodies.length > 0);
    assert.ok(!app.bodies.some((b) => b.includes(server.password) || b.includes('not-the-password')), 'no answer ever carries the password');
    await screenshot(page, 'team-grid-1280x720');
  });

  test('on the team cache, the conversation opens from the grid and Insights charts its rows', { timeout: 120_000 }, async () => {
    const { page } = app;
    const first = await call<{ rows: { id: number; body: string }[] }>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1 });
    const cell = page.locator('.ag-row[row-index="0"] [col-id="date_creation"]');
    await cell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('conversation-panel');
    await panel.locator(`.message.current[data-id="${first.rows[0]!.id}"]`).waitFor();
    await panel.getByText(first.rows[0]!.body).first().waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await toSearch(page);
    await tabTo(page, '[data-testid="insights-open"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="insights-view"][data-state="ready"]').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('insights-view').waitFor({ state: 'detached' });
  });

  test('the sync area shows the sync host\'s last run and the calls spent today; nothing to start here', async () => {
    const { page } = app;
    await toSearch(page);
    await tabTo(page, '[data-testid="sync-button"]');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('team-sync-panel');
    await panel.waitFor();
    assert.equal(await page.getByTestId('team-calls-today').getAttribute('data-calls'), '1');
    assert.match((await page.getByTestId('team-sync-last').textContent()) ?? '', new RegExp(`${team.rows}`));
    assert.equal(await page.getByTestId('sync-start').count(), 0);
    assert.equal(await page.getByTestId('auto-sync').count(), 0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'team-sync-panel-1440x900');
    assert.deepEqual(await seriousViolations(page, 'team sync panel', '[data-testid="team-sync-panel"]'), []);
    await panel.getByRole('button', { name: 'Close' }).press('Enter');
    await panel.waitFor({ state: 'detached' });
  });

  test('the network cut: a banner says so and the window stays usable; Try again brings the data back', { timeout: 120_000 }, async () => {
    const { page } = app;
    proxy.setOffline(true);
    const answered = (channel: string) => page.waitForResponse((r) => r.url().includes(`/api/call/${encodeURIComponent(channel)}`));
    const failed = Promise.all([answered('interactions/page'), answered('facets/get')]);
    // Any read of the team cache now meets the cut (a search asks the grid again).
    await toSearch(page);
    await page.keyboard.type('equipo');
    const banner = page.getByTestId('team-notice');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-reason'), 'unreachable');
    // Said once, by the banner: the grid and the facets, their failed answers handled (two frames later), say nothing.
    await failed;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await page.locator('.notice.error').allTextContents(), []);
    // Not frozen: Settings opens and closes with the keyboard meanwhile.
    await tabTo(page, '[data-testid="settings-button"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-team').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'team-offline-banner-1440x900');
    assert.deepEqual(await seriousViolations(page, 'team offline banner'), []);

    proxy.setOffline(false);
    await tabTo(page, '[data-testid="team-retry"]');
    await page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('team-chip').waitFor();
    assert.equal(await rowCount(page), team.rows);
  });

  test('Settings in Spanish at 1280×720 shows the team cache in use; Leave returns to this computer\'s cache', { timeout: 120_000 }, async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Escape');
    await page.locator('body').focus();
    await toSearch(page);
    await tabTo(page, '[data-testid="lang-es"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await tabTo(page, '[data-testid="settings-button"]');
    await page.keyboard.press('Enter');
    const section = page.getByTestId('settings-team');
    await section.waitFor();
    await section.getByText('La aplicación trabaja en la caché compartida').waitFor();
    // The reviewer's name gives way to the team cache's user, who signs the reviews (the server enforces it).
    const reviewer = page.getByTestId('settings-reviewer');
    await reviewer.getByText(`sus revisiones se firman con su usuario en ella, ${server.user}`).waitFor();
    assert.equal(await reviewer.locator('input').count(), 0, 'no name to type on the team cache');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-settings-es-1280x720');
    assert.deepEqual(await seriousViolations(page, 'settings with the team cache (es)', '[data-testid="settings-dialog"]'), []);
    // What the UI shows of the password: whether one is saved, nothing more.
    const status = await call<TeamStatus>(rig.service, 'team/status', {});
    assert.equal(status.passwordSaved, true);
    assert.ok(!JSON.stringify(status).includes(server.password));

    await tabTo(page, '[data-testid="team-leave"]');
    await page.keyboard.press('Enter');
    // This computer's cache is empty and has no profile: the first-run card again.
    await page.getByTestId('first-run').waitFor();
    assert.equal((await call<TeamStatus>(rig.service, 'team/status', {})).using, 'local');
  });
});

describe('a team cache chosen but unreachable at start', () => {
  const dataDir = tempDir('wolkvox-e2e-team-start-');
  let rig: Rig;
  let app: Watched;
  let team: FilledTeamCache;
  let proxy: TcpProxy;

  before(async () => {
    team = await fillTeamCache(server, 10);
    proxy = await startTcpProxy({ targetPort: server.port });
    // A first start joins the team cache (as Settings does), then the network goes before the next start.
    const secrets = new MemorySecretStore();
    const first = await startRig({ dataDir, secrets });
    await call(first.service, 'team/save', { host: '127.0.0.1', port: proxy.port, database: team.database, user: server.user, tls: 'disable' });
    await call(first.service, 'team/password', { password: server.password });
    assert.equal((await call<TeamStatus>(first.service, 'team/use', {})).using, 'team');
    await first.close();
    proxy.setOffline(true);
    rig = await startRig({ dataDir, secrets });
    app = await openApp(rig, 'es-CO');
  });
  after(async () => {
    await rig?.close();
    await proxy?.close();
  });

  test('the window opens on this computer\'s cache with a banner that says why; Try again opens the team cache once it is back', { timeout: 120_000 }, async () => {
    const { page } = app;
    const banner = page.getByTestId('team-notice');
    await banner.waitFor().catch(async (error: unknown) => {
      await screenshot(page, 'team-start-fallback-failure');
      const status = await call<TeamStatus>(rig.service, 'team/status', {});
      throw new Error(`no banner: ${JSON.stringify(status)}; page: ${(await page.locator('body').innerText()).slice(0, 500)}`, { cause: error });
    });
    assert.equal(await banner.getAttribute('data-reason'), 'unreachable');
    await banner.getByText('así que la aplicación trabaja en la caché de este equipo').waitFor();
    await screenshot(page, 'team-start-fallback-es-1440x900');
    assert.deepEqual(await seriousViolations(page, 'team start fallback (es)'), []);

    proxy.setOffline(false);
    await tabTo(page, '[data-testid="team-retry"]');
    await page.keyboard.press('Enter');
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('team-chip').waitFor();
    assert.equal(await rowCount(page), team.rows);
  });
});
