import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, visibleRows, type Rig, type Watched } from '../helpers/e2e-app';
import { EVIL_HOST, HOSTILE_MARKER, hostileFetch } from '../helpers/e2e-hostile';
import { tempDir } from '../helpers/temp-dir';
import { facetOrder } from '../../src-renderer/components/facet-values';

/**
 * Reading the cache after a sync, in real Chromium: the grid (paged from SQLite), search with and without
 * accents, every facet, dates, sorting, the conversation, hostile e-mail, the keyboard, and going offline.
 */
type Page = ResultOf<'interactions/page'>;
const ZONE = 'America/Bogota';

describe('browsing the cache', () => {
  const dataDir = tempDir('wolkvox-e2e-browse-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 200 } }, fetch: hostileFetch() });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    assert.ok(total > 500);
    app = await openApp(rig, 'en-US');
    await app.page.getByTestId('grid').waitFor();
  });
  after(async () => {
    await rig?.close();
  });

  test('the grid shows the whole cache, counted by SQLite, dates on the profile clock', async () => {
    const { page } = app;
    assert.equal(await rowCount(page), total);
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').waitFor();
    const first = await call<Page>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1 });
    const created = first.rows[0]!.createdUtc!;
    const expected = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(created);
    // The browser runs in Asia/Tokyo: only the profile's zone can give this text.
    assert.equal(await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').textContent(), expected);
    await screenshot(page, 'grid');
  });

  test('scrolling to the end loads the last rows on demand', async () => {
    const { page } = app;
    await page.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = await call<Page>(rig.service, 'interactions/page', { filter: {}, offset: total - 1, limit: 1 });
    await page.locator(`.ag-row[row-index="${total - 1}"][row-id="${last.rows[0]!.id}"] [col-id="date_creation"]`).waitFor();
    await page.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => el.scrollTo(0, 0));
  });

  test('search ignores accents and case, and marks the matches', async () => {
    const { page } = app;
    const search = page.getByTestId('search-input');
    await search.fill('devolución');
    const withAccent = await rowCountChange(page, total);
    assert.ok(withAccent > 0 && withAccent < total, `${withAccent} of ${total}`);
    assert.equal((await call<{ total: number }>(rig.service, 'interactions/count', { filter: { text: 'devolución' } })).total, withAccent);
    await page.locator('.ag-row mark').first().waitFor();
    const marked = await page.locator('.ag-row mark').first().textContent();
    assert.match(marked ?? '', /^devoluci[oó]n$/i);
    // The same count again: wait for the grid's own request with the new text rather than for a change.
    const asked = countRequest(page, 'DEVOLUCION');
    await search.fill('DEVOLUCION');
    await asked;
    await countIs(page, withAccent);
    await screenshot(page, 'search');
    await search.press('Escape');
    assert.equal(await rowCountChange(page, withAccent), total);
    assert.equal(await search.inputValue(), '');
  });

  const FACETS = ['agent_name', 'skill_id', 'channel', 'status', 'cod_act', 'evaluation_survey'] as const;
  for (const field of FACETS) {
    test(`facet ${field}: its counts are the grid's counts, combinable with search`, async () => {
      const { page } = app;
      const facet = page.getByTestId(`facet-${field}`);
      // Facet counts arrive from a reader thread after the grid's: wait until this facet shows the counts of
      // the whole cache again (the previous test unchecked its value).
      await countIs(page, total);
      const whole = await call<Record<string, { value: string; count: number }[]>>(rig.service, 'facets/get', { filter: {}, fields: [field] });
      // The value listed first: the busiest, or the survey's "1" (facet-values.ts facetOrder).
      const top = facetOrder(field, whole[field]!)[0]!.count;
      await page.waitForFunction(
        ([f, n]) => {
          const first = document.querySelector(`[data-testid="facet-${f}"] li .count`)?.textContent ?? '';
          return Number(first.replace(/\D/g, '')) === n;
        },
        [field, top] as const,
      );
      // Pin the value by its label: the list re-sorts as counts change.
      const label = (await facet.locator('li .facet-label').first().textContent()) ?? '';
      const value = facet.locator('li').filter({ has: page.locator('.facet-label').getByText(label, { exact: true }) });
      const shown = Number(((await value.locator('.count').textContent()) ?? '').replace(/\D/g, ''));
      assert.ok(shown > 0);
      await value.locator('input[type="checkbox"]').check();
      assert.equal(await rowCountChange(page, total), shown);
      // Other facets now count within this choice.
      const asked = countRequest(page, 'devolucion');
      await page.getByTestId('search-input').fill('devolucion');
      // The grid shows what the service counts for the filter the page sent: the value and the text together.
      const { filter: sent } = JSON.parse((await asked).postData() ?? '{}') as { filter: Record<string, unknown> };
      assert.equal(sent.text, 'devolucion');
      assert.equal(Object.keys(sent).length, 2, JSON.stringify(sent));
      const combined = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: sent })).total;
      assert.ok(combined <= shown, `${combined} of ${shown}`);
      await countIs(page, combined);
      await page.getByTestId('search-input').fill('');
      await countIs(page, shown);
      await value.locator('input[type="checkbox"]').uncheck();
      await countIs(page, total);
    });
  }

  test('date presets narrow the range in the profile time zone', async () => {
    const { page } = app;
    await page.locator('[data-testid="facet-date"] [data-preset="yesterday"]').click();
    const yesterday = await rowCountChange(page, total);
    assert.ok(yesterday > 0 && yesterday < total);
    await page.locator('[data-testid="facet-date"] [data-preset="last7"]').click();
    const week = await rowCountChange(page, yesterday);
    assert.ok(week > yesterday);
    await page.locator('[data-testid="facet-date"] [data-preset="all"]').click();
    await countIs(page, total);
  });

  test('sorting happens in SQLite, both ways', async () => {
    const { page } = app;
    const header = page.locator('.ag-header-cell[col-id="agent_name"] .ag-header-cell-label');
    for (const dir of ['asc', 'desc'] as const) {
      await header.click();
      const expected = await call<Page>(rig.service, 'interactions/page', { filter: {}, sort: { field: 'agent_name', dir }, offset: 0, limit: 5 });
      // Rows are compared by id: a row still loading shows empty cells, like a row with no agent.
      const ids = expected.rows.map((r) => String(r.id));
      await page.waitForFunction(
        (want) => want.every((id, i) => document.querySelector(`.ag-row[row-index="${i}"]`)?.getAttribute('row-id') === id),
        ids,
      );
      const rows = await visibleRows(page, ['agent_name']);
      assert.deepEqual(
        rows.slice(0, 5).map((r) => r.agent_name),
        expected.rows.map((r) => r.agent_name),
      );
    }
    await header.click(); // back to unsorted
  });

  test('column choices are remembered', async () => {
    const { page } = app;
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/call/settings%2Fset') && (r.request().postData() ?? '').includes('ui.gridColumns'));
    await page.getByTestId('columns-button').click();
    await page.locator('.popover label', { hasText: 'Skill' }).locator('input').uncheck();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.ag-header-cell[col-id="skill_id"]').count(), 0);
    await saved;
    await page.reload();
    await page.locator('.ag-row[row-index="0"]').waitFor();
    assert.equal(await page.locator('.ag-header-cell[col-id="skill_id"]').count(), 0);
    await page.getByTestId('columns-button').click();
    await page.locator('.popover label', { hasText: 'Skill' }).locator('input').check();
    await page.keyboard.press('Escape');
  });

  test('keyboard: arrows move, Enter opens the conversation, Esc closes, / searches and Esc clears', async () => {
    const { page } = app;
    const rows = await call<Page>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 3 });
    const cell = page.locator('.ag-row[row-index="0"] [col-id="date_creation"]');
    await cell.click();
    await page.locator(`[data-testid="conversation-panel"] .message.current[data-id="${rows.rows[0]!.id}"]`).waitFor();
    await cell.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="conversation-panel"] .message.current[data-id="${rows.rows[2]!.id}"]`).waitFor();
    const background = (id: number) =>
      page.locator(`.ag-row[row-id="${id}"]`).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await background(rows.rows[2]!.id), await background(rows.rows[1]!.id), 'the open row is marked');
    await page.keyboard.press('Escape');
    await page.getByTestId('conversation-panel').waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-input');
    // Focus stays in the search box: what is typed next lands there, not in the grid.
    await page.keyboard.type('atencion');
    assert.equal(await page.getByTestId('search-input').inputValue(), 'atencion');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-input');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('search-input').inputValue(), '');
  });

  test('the conversation shows every interaction of the case in time order', async () => {
    const { page } = app;
    // A row near the top of the grid whose case has several interactions.
    const rows = await call<Page>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 15 });
    let index = 0;
    let conv = await call<ResultOf<'conversation/get'>>(rig.service, 'conversation/get', { id: rows.rows[0]!.id });
    for (const [i, r] of rows.rows.entries()) {
      const c = await call<ResultOf<'conversation/get'>>(rig.service, 'conversation/get', { id: r.id });
      if (c.items.length > conv.items.length) {
        index = i;
        conv = c;
      }
    }
    const pick = rows.rows[index]!;
    assert.ok(conv.items.length >= 2, 'a case with several interactions');
    await page.locator(`.ag-row[row-index="${index}"] [col-id="channel"]`).click();
    const panel = page.getByTestId('conversation-panel');
    await panel.locator('.message').nth(conv.items.length - 1).waitFor();
    const ids = await panel.locator('.message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    const expected = [...conv.items].sort((a, b) => (a.createdUtc ?? 0) - (b.createdUtc ?? 0) || a.id - b.id).map((i) => i.id);
    assert.deepEqual(ids, expected);
    assert.equal(await panel.locator('.message.current').getAttribute('data-id'), String(pick.id));
    await screenshot(page, 'conversation');
    await page.locator('.conv-head .icon-button').click();
  });

  test('a hostile e-mail executes nothing and loads nothing', async () => {
    const { page, requests, dialogs } = app;
    const before = requests.length;
    await page.getByTestId('search-input').fill(HOSTILE_MARKER);
    const hits = await rowCountChange(page, total);
    assert.ok(hits >= 1 && hits < 20, `${hits} hostile records`);
    await page.locator('.ag-row[row-index="0"] [col-id="subject"] mark').first().waitFor();
    await page.locator('.ag-row[row-index="0"] [col-id="channel"]').click();
    const panel = page.getByTestId('conversation-panel');
    const body = panel.locator('.message.current .mail-html').first();
    await body.waitFor();
    // Whatever the message could trigger would run once its images have loaded or failed: wait for that.
    await body.evaluate((el) =>
      Promise.all(
        [...el.querySelectorAll('img')].map((img) =>
          img.complete
            ? null
            : new Promise((r) => {
                img.addEventListener('load', r, { once: true });
                img.addEventListener('error', r, { once: true });
              }),
        ),
      ),
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined, 'no script, handler or link ran');
    assert.deepEqual(dialogs, []);
    const outside = requests.slice(before).filter((u) => !u.startsWith(rig.host.origin) && !u.startsWith('data:'));
    assert.deepEqual(outside, [], 'no request left for another host');
    assert.ok(!requests.some((u) => u.includes(EVIL_HOST)));
    const dom = await body.innerHTML();
    for (const bad of ['<script', 'onerror', 'onload', 'javascript:', '<iframe', '<object', '<form', '<svg', '<style', 'style=', 'evil.example', 'srcset', 'background=']) {
      assert.ok(!dom.toLowerCase().includes(bad), `sanitised body contains ${bad}`);
    }
    assert.ok((await body.locator('[data-blocked-image]').count()) >= 1, 'remote images replaced by a visible mark');
    await body.locator('mark').first().waitFor();

    // Links open only after a confirmation, and only in the system browser.
    await body.getByText('Ver mi pedido').click();
    const confirm = page.getByTestId('link-confirm');
    await confirm.getByText('www.tiendaaurora.example').first().waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await confirm.count(), 0);
    await body.getByText('Haga clic aquí').click();
    assert.equal(await page.getByTestId('link-confirm').count(), 0, 'a javascript: link is not a link');

    // Right-to-left text, control characters, emoji and a 100 KB answer keep the layout.
    const panelBox = (await panel.boundingBox())!;
    const answer = panel.locator('.message.current .answer .mail-plain');
    assert.ok(((await answer.boundingBox())?.width ?? 0) <= panelBox.width);
    assert.match((await body.textContent()) ?? '', /⸮ reversed ␇ bell/);
    assert.equal(await panel.locator('.message.current .answer').getByText(/Show the whole message \(\d+ KB\)/).count(), 1);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(scrollWidth, 'no horizontal overflow of the page');
    await screenshot(page, 'hostile-email');

    // Plain text shows the words, still inert.
    await panel.getByTestId('plain-toggle').check();
    await panel.locator('.message.current .mail-plain').first().getByText(HOSTILE_MARKER).waitFor();
    assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined);
    await panel.getByTestId('plain-toggle').uncheck();
    await page.locator('.conv-head .icon-button').click();
    await page.getByTestId('search-input').fill('');
  });

  test('offline after a sync: everything but sync still works, and the app says so calmly', async () => {
    const { page } = app;
    await rig.sim.stop();
    await page.reload();
    assert.equal(await rowCount(page), total);
    await page.getByTestId('search-input').fill('devolución');
    const found = await rowCountChange(page, total);
    assert.ok(found > 0);
    await page.locator('.ag-row[row-index="0"] [col-id="channel"]').click();
    await page.getByTestId('conversation-panel').locator('.message').first().waitFor();
    await page.locator('.conv-head .icon-button').click();
    await page.getByTestId('search-input').fill('');

    await page.getByTestId('sync-button').click();
    await page.locator('[data-testid="sync-panel"] [data-preset="today"]').click();
    await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
    await page.getByTestId('sync-start').click();
    await page.getByTestId('sync-status').getByText(/Wolkvox could not be reached/).waitFor({ timeout: 120_000 });
    await page.getByTestId('offline-notice').waitFor();
    assert.match((await page.getByTestId('offline-notice').textContent()) ?? '', /can still be searched, read and reviewed/);
    assert.equal(await rowCount(page), total, 'the cache is untouched');
    await screenshot(page, 'offline');
  });
});

function countIs(page: Watched['page'], n: number): Promise<unknown> {
  return page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, n);
}

/** The grid's next page or count request whose filter has this search text (set up before the change that causes it). */
function countRequest(page: Watched['page'], text: string) {
  return page.waitForRequest((r) => /\/api\/call\/interactions%2F(page|count)$/.test(r.url()) && JSON.parse(r.postData() ?? '{}')?.filter?.text === text);
}
