import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import type { Profile } from '../../src-main/core/api/contract';
import { presetRange } from '../../src-renderer/format/dates';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, TOKEN, type Rig } from '../helpers/e2e-app';
import { seriousViolations } from '../helpers/axe';
import { tempDir } from '../helpers/temp-dir';

/**
 * A calm screen, in real Chromium, in English and Spanish, at 1280×720 and 1440×900: a toolbar that stays put
 * whatever the count says, chips for what narrows or orders the grid, pinned columns, one side panel at a time,
 * a sync status that belongs to its run, and a backwards range refused where it is typed.
 */
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;
const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'es', locale: 'es-CO' },
] as const;
const ZONE = 'America/Bogota';
const ACTIONS = ['previous-row', 'next-unreviewed', 'sample-button', 'export-button', 'columns-button', 'insights-open'];

describe('a calm screen', () => {
  const dataDir = tempDir('wolkvox-e2e-calm-');
  let rig: Rig;
  let profile: Profile;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 150 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
  });
  after(async () => {
    await rig?.close();
  });

  async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    const app = await openApp(rig, locale);
    await app.page.setViewportSize(viewport);
    assert.equal(await rowCount(app.page), total);
    return app.page;
  }

  const actionBoxes = (page: Page) =>
    Promise.all(
      ACTIONS.map(async (id) => {
        const box = await page.getByTestId(id).boundingBox();
        assert.ok(box, id);
        return { id, x: Math.round(box.x), y: Math.round(box.y), w: Math.round(box.width) };
      }),
    );

  for (const { lang, locale } of LANGS) {
    for (const viewport of VIEWPORTS) {
      test(`${lang} ${viewport.width}×${viewport.height}: the toolbar's buttons stay on one row, in place, whatever the count says`, async () => {
        const page = await open(locale, viewport);
        try {
          const whole = await actionBoxes(page);
          assert.equal(new Set(whole.map((b) => b.y)).size, 1, `one row: ${JSON.stringify(whole)}`);
          const right = whole.at(-1)!;
          assert.ok(right.x + right.w <= viewport.width, 'inside the window');
          await screenshot(page, `toolbar-${lang}-${viewport.width}`);

          // "Counting…": the next page answer is held until the boxes are measured.
          const held: Route[] = [];
          let hold = true;
          const holding = (route: Route) => (hold ? void held.push(route) : route.continue());
          await page.route(/\/api\/call\/interactions%2Fpage$/, holding);
          const agent = page.locator('[data-testid="facet-agent_name"] li').first();
          await agent.locator('input[type="checkbox"]').check();
          await page.waitForFunction(() => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === '');
          assert.deepEqual(await actionBoxes(page), whole, 'while counting');
          hold = false;
          for (const route of held.splice(0)) await route.continue();
          await page.unroute(/\/api\/call\/interactions%2Fpage$/, holding);
          const some = await rowCountChange(page, total);
          assert.ok(some < total);
          assert.deepEqual(await actionBoxes(page), whole, `with ${some}`);

          // A search says "matches", the longest wording; none match.
          await page.getByTestId('search-input').fill('zzqxnomatchzzqx');
          await rowCountChange(page, some);
          assert.deepEqual(await actionBoxes(page), whole, 'with 0 matches');
          await screenshot(page, `toolbar-${lang}-${viewport.width}-filtered`);
        } finally {
          await page.context().close();
        }
      });
    }
  }

  for (const { lang, locale } of LANGS) {
    test(`${lang}: chips show each filter and the sort above the grid; × removes each; the sort's chip survives a reload`, async () => {
      const page = await open(locale, { width: 1280, height: 720 });
      const words =
        lang === 'en'
          ? { agent: /^Agent: /, date: 'Created: Yesterday', search: 'Search: “pedido”', sort: /^Sorted by Agent, (ascending|descending)$/, remove: 'Remove' }
          : { agent: /^Agente: /, date: 'Creación: Ayer', search: 'Búsqueda: «pedido»', sort: /^Ordenado por Agente, (ascendente|descendente)$/, remove: 'Quitar' };
      try {
        const chips = page.getByTestId('filter-chip');
        assert.equal(await chips.count(), 0);
        const agentName = (await page.locator('[data-testid="facet-agent_name"] li .facet-label').first().textContent()) ?? '';
        await page.locator('[data-testid="facet-agent_name"] li').first().locator('input[type="checkbox"]').check();
        await page.locator('[data-testid="facet-date"] [data-preset="yesterday"]').click();
        await page.getByTestId('search-input').fill('pedido');
        await page.locator('.ag-header-cell[col-id="agent_name"] .ag-header-cell-label').click();
        await page.locator('[data-chip="sort"]').waitFor();
        const chip = (key: string) => page.locator(`[data-chip="${key}"]`);
        assert.match((await chip(`facet:agent_name:${agentName}`).locator('bdi').textContent()) ?? '', words.agent);
        assert.equal(await chip('date').locator('bdi').textContent(), words.date);
        assert.equal(await chip('text').locator('bdi').textContent(), words.search);
        assert.match((await chip('sort').locator('bdi').textContent()) ?? '', words.sort);
        const yesterday = presetRange('yesterday', ZONE, Date.now());
        const expected = await call<{ total: number }>(rig.service, 'interactions/count', { filter: { agents: [agentName], text: 'pedido', ...yesterday } });
        await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(n), expected.total);
        const narrowed = expected.total;
        await screenshot(page, `chips-${lang}`);
        assert.deepEqual(await seriousViolations(page, 'chips', '.results-state'), []);

        // Each × removes its own filter, and the grid widens.
        await chip('text').getByRole('button', { name: new RegExp(words.remove) }).click();
        // The box takes the filter's text in an effect, whose update React renders after the click's own render.
        await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.value === '');
        const withoutText = await rowCountChange(page, narrowed);
        await chip('date').getByRole('button').click();
        assert.equal(await page.locator('[data-testid="facet-date"] [data-preset="all"]').getAttribute('aria-checked'), 'true');
        const withoutDate = await rowCountChange(page, withoutText);
        await chip(`facet:agent_name:${agentName}`).getByRole('button').click();
        assert.equal(await rowCountChange(page, withoutDate), total);
        assert.equal(await page.locator('[data-testid="facet-agent_name"] input:checked').count(), 0);

        // The sort is saved with the columns: after a reload it is still there, and its chip says so.
        await page.reload();
        await chip('sort').waitFor();
        assert.equal(await chips.count(), 1);
        await chip('sort').getByRole('button').click();
        await chip('sort').waitFor({ state: 'detached' });
        const ariaSort = await page.locator('.ag-header-cell[col-id="agent_name"]').getAttribute('aria-sort');
        assert.ok(ariaSort !== 'ascending' && ariaSort !== 'descending', `aria-sort ${ariaSort}`);
      } finally {
        await page.context().close();
      }
    });
  }

  test('a column pinned from the column chooser stays on the left, and stays pinned after a reload', async () => {
    const page = await open('en-US', { width: 1280, height: 720 });
    try {
      await page.getByTestId('columns-button').click();
      await page.getByTestId('pin-agent_name').click();
      assert.equal(await page.getByTestId('pin-agent_name').getAttribute('aria-pressed'), 'true');
      assert.deepEqual(await seriousViolations(page, 'column chooser', '.column-chooser'), []);
      await page.keyboard.press('Escape');
      // ag-grid 36 keeps pinned columns in place with sticky cells, marked by a class on the last pinned one.
      const header = page.locator('.ag-header-cell[col-id="agent_name"]');
      await page.locator('.ag-header-cell-last-left-pinned[col-id="agent_name"]').waitFor();
      // Scrolled to the far right, the pinned column is still at the grid's left edge.
      const scrolled = await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => {
        el.scrollTo(el.scrollWidth, 0);
        return el.scrollLeft;
      });
      assert.ok(scrolled > 0, 'the grid scrolls sideways at this width');
      // The unpinned first column has scrolled out to the left; the pinned one has not.
      await page.waitForFunction(() => {
        const grid = document.querySelector('[data-testid="grid"]')!.getBoundingClientRect();
        const created = document.querySelector('.ag-header-cell[col-id="date_creation"]')?.getBoundingClientRect();
        return !created || created.right <= grid.left + 1 || created.left < grid.left - 1;
      });
      const grid = (await page.getByTestId('grid').boundingBox())!;
      const box = (await header.boundingBox())!;
      assert.ok(box.x >= grid.x && box.x < grid.x + 10, `pinned at the left edge: ${box.x} vs ${grid.x}`);
      await screenshot(page, 'pinned-column');
      await page.reload();
      await page.locator('.ag-header-cell-last-left-pinned[col-id="agent_name"]').waitFor();
      await page.getByTestId('columns-button').click();
      await page.getByTestId('pin-agent_name').click();
      await page.locator('.ag-header-cell-last-left-pinned[col-id="agent_name"]').waitFor({ state: 'detached' });
    } finally {
      await page.context().close();
    }
  });

  test('one side panel at a time: the sync panel and the conversation close each other', async () => {
    const page = await open('en-US', { width: 1280, height: 720 });
    try {
      await page.locator('.ag-row[row-index="0"] [col-id="agent_name"]').click();
      await page.getByTestId('conversation-panel').waitFor();
      await screenshot(page, 'toolbar-conversation-1280');
      await page.getByTestId('sync-button').click();
      await page.getByTestId('sync-panel').waitFor();
      assert.equal(await page.getByTestId('conversation-panel').count(), 0);
      await screenshot(page, 'one-panel-sync');
      await page.locator('.ag-row[row-index="1"] [col-id="agent_name"]').click();
      await page.getByTestId('conversation-panel').waitFor();
      assert.equal(await page.getByTestId('sync-panel').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  for (const { lang, locale } of LANGS) {
    test(`${lang}: a backwards range is refused where it is typed, in words, in the grid's dates and the sync panel`, async () => {
      const page = await open(locale, { width: 1280, height: 720 });
      const refusal = lang === 'en' ? 'The first day is after the last one' : 'El primer día es posterior al último';
      try {
        await page.locator('[data-testid="facet-date"] [data-preset="custom"]').click();
        await page.getByTestId('date-from').fill(dayFromToday(-4));
        const from = await rowCountChange(page, total);
        await page.getByTestId('date-to').fill(dayFromToday(-5));
        await page.getByTestId('date-backwards').getByText(refusal).waitFor();
        assert.equal(await page.getByTestId('date-to').getAttribute('aria-invalid'), 'true');
        // The grid keeps the last range that made sense instead of silently showing nothing.
        assert.equal(await rowCount(page), from);
        await page.getByTestId('date-to').fill(dayFromToday(-2));
        await page.getByTestId('date-backwards').waitFor({ state: 'detached' });
        assert.ok((await rowCountChange(page, from)) < from);

        await page.getByTestId('sync-button').click();
        await page.locator('[data-testid="sync-panel"] [data-preset="custom"]').click();
        const days = page.locator('[data-testid="sync-panel"] input[type="date"]');
        await days.first().fill('2026-05-03');
        await days.last().fill('2026-05-01');
        await page.getByTestId('sync-backwards').getByText(refusal).waitFor();
        const panel = (await page.getByTestId('sync-panel').textContent()) ?? '';
        assert.ok(!panel.includes('--'), panel);
        assert.ok(!/Working out|Calculando/.test(panel), panel);
        assert.equal(await page.getByTestId('sync-start').isDisabled(), true);
        await screenshot(page, `backwards-${lang}`);
      } finally {
        await page.context().close();
      }
    });
  }

  test('a banner belongs to its run: a rejected token is not shown above the next sync while it runs', async () => {
    const page = await open('en-US', { width: 1280, height: 720 });
    try {
      await call(rig.service, 'token/set', { profileId: profile.id, token: 'not-the-right-token' });
      await page.getByTestId('sync-button').click();
      await page.locator('[data-testid="sync-panel"] [data-preset="today"]').click();
      await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
      await page.getByTestId('sync-start').click();
      await page.getByTestId('sync-status').getByText('Token rejected by Wolkvox: check it in Settings.').waitFor();

      await call(rig.service, 'token/set', { profileId: profile.id, token: TOKEN });
      // Every call of the next sync hangs until it is cancelled: it is running for as long as the test looks.
      rig.sim.setFaults({ hangMs: 600_000 });
      await page.getByTestId('sync-plan').getByText(/API calls?/).waitFor();
      await page.getByTestId('sync-start').click();
      await page.getByTestId('sync-cancel').waitFor();
      await page.getByTestId('sync-status').getByText(/^Syncing since/).waitFor();
      // The history below still lists the rejected run, as history; nothing above the running sync speaks of it.
      const above = await page.getByTestId('sync-panel').evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelector('[data-testid="sync-history"]')?.remove();
        return copy.textContent ?? '';
      });
      assert.ok(!above.includes('Token rejected'), above);
      await screenshot(page, 'banner-running');
      await page.getByTestId('sync-cancel').click();
      await page.getByTestId('sync-status').getByText(/cancelled/i).waitFor();
    } finally {
      rig.sim.setFaults({});
      await page.context().close();
    }
  });
});

/** A day of the profile's zone, `offset` days from today, as YYYY-MM-DD. */
function dayFromToday(offset: number): string {
  const today = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(Date.now()) + 'T00:00:00Z');
  return new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}
