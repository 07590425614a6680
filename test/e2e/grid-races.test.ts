import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Route } from 'playwright-core';
import type { Filter, Profile, ResultOf } from '../../src-main/core/api/contract';
import { presetRange } from '../../src-renderer/format/dates';
import { call, openApp, rowCount, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The grid against filter changes that overtake its page requests, in real Chromium. Every interactions/page
 * answer is held by a Playwright route until the test releases it, so the order of the answers is the test's
 * choice, not the machine's. Whatever the order, the grid must end on the rows and the count of the last
 * filter: an answer for a filter the user has left may be ignored, but ag-grid must still be told the request
 * ended, or it stops asking (it runs at most two datasource requests at once) and shows "Counting…" forever.
 */
type Page = ResultOf<'interactions/page'>;
type Facets = Record<string, { value: string; count: number }[]>;
const ZONE = 'America/Bogota';
const PAGE_CALL = /\/api\/call\/interactions%2Fpage$/;

/** Holds the grid's page answers (fetched from the host when asked, delivered when released). */
interface PageGate {
  /** How many answers are held now. */
  held(): number;
  /** Waits until at least n answers are held. */
  heldAtLeast(n: number): Promise<void>;
  /** Delivers every held answer, oldest or newest first, and lets later requests through. */
  release(order: 'oldest-first' | 'newest-first'): Promise<void>;
  close(): Promise<void>;
}

async function holdPages(page: Watched['page']): Promise<PageGate> {
  const held: Array<{ route: Route; response: Awaited<ReturnType<Route['fetch']>> }> = [];
  let holding = true;
  const waiters: Array<() => void> = [];
  const handler = async (route: Route) => {
    if (!holding) return route.continue();
    const response = await route.fetch();
    if (!holding) return route.fulfill({ response });
    held.push({ route, response });
    for (const w of waiters.splice(0)) w();
  };
  await page.route(PAGE_CALL, handler);
  return {
    held: () => held.length,
    heldAtLeast: async (n) => {
      while (held.length < n) await new Promise<void>((r) => waiters.push(r));
    },
    release: async (order) => {
      holding = false;
      const batch = held.splice(0);
      if (order === 'newest-first') batch.reverse();
      for (const { route, response } of batch) await route.fulfill({ response });
    },
    close: () => page.unroute(PAGE_CALL, handler),
  };
}

describe('the grid under filter changes that overtake its pages', () => {
  const dataDir = tempDir('wolkvox-e2e-races-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 150 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    app = await openApp(rig, 'en-US');
    assert.equal(await rowCount(app.page), total);
  });
  after(async () => {
    await rig?.close();
  });

  /** The grid shows exactly what the service answers for this filter: its count and its first rows, in order. */
  async function showsFilter(page: Watched['page'], filter: Filter): Promise<void> {
    const expected = await call<Page>(rig.service, 'interactions/page', { filter, offset: 0, limit: 5 });
    assert.ok(expected.total > 0 && expected.total < total, `${expected.total} of ${total}`);
    await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(n), expected.total);
    const ids = expected.rows.map((r) => String(r.id));
    const shown = () => page.evaluate((n) => Array.from({ length: n }, (_, i) => document.querySelector(`.ag-row[row-index="${i}"]`)?.getAttribute('row-id') ?? null), ids.length);
    await page
      .waitForFunction((want) => want.every((id, i) => document.querySelector(`.ag-row[row-index="${i}"]`)?.getAttribute('row-id') === id), ids)
      .catch(async () => assert.deepEqual(await shown(), ids, 'the first rows are the final filter\'s'));
  }

  /** A fresh page: the filter lives in the page, so a reload starts from the whole cache. */
  async function freshGrid(page: Watched['page']): Promise<void> {
    await page.reload();
    await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(n), total);
  }

  for (const order of ['oldest-first', 'newest-first'] as const) {
    test(`three agents ticked while pages are held, answers released ${order}`, async () => {
      const { page } = app;
      await freshGrid(page);
      const facets = await call<Facets>(rig.service, 'facets/get', { filter: {}, fields: ['agent_name'] });
      const agents = facets.agent_name!.slice(0, 3).map((v) => v.value);
      assert.equal(agents.length, 3);
      const gate = await holdPages(page);
      try {
        for (const agent of agents) {
          const value = page.locator('[data-testid="facet-agent_name"] li').filter({ has: page.locator('.facet-label').getByText(agent, { exact: true }) });
          await value.locator('input[type="checkbox"]').check();
        }
        // The grid asked for the first filters' pages; those answers are held while the filter moved on.
        await gate.heldAtLeast(2);
        await gate.release(order);
        await showsFilter(page, { agents });
        await screenshot(page, `grid-race-agents-${order}`);
      } finally {
        await gate.close();
      }
    });

    test(`a custom range typed at typing speed while pages are held, answers released ${order}`, async () => {
      const { page } = app;
      await freshGrid(page);
      const now = Date.now();
      const today = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now) + 'T00:00:00Z');
      const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      const from = day(-4);
      const to = day(-2);
      const gate = await holdPages(page);
      try {
        await page.locator('[data-testid="facet-date"] [data-preset="custom"]').click();
        const [fromInput, toInput] = await page.locator('[data-testid="facet-date"] input[type="date"]').all();
        // Chromium's date field (en-US: month, day, year): each keystroke that completes a date changes the filter.
        await fromInput!.focus();
        await page.keyboard.type(usDate(from), { delay: 25 });
        await toInput!.focus();
        await page.keyboard.type(usDate(to), { delay: 25 });
        assert.equal(await toInput!.inputValue(), to);
        await gate.heldAtLeast(2);
        await gate.release(order);
        const range = presetRange('custom', ZONE, now, { from, to });
        await showsFilter(page, { fromUtc: range.fromUtc, toUtc: range.toUtc });
        await screenshot(page, `grid-race-dates-${order}`);
      } finally {
        await gate.close();
      }
    });
  }
});

/** yyyy-mm-dd as typed into an en-US date field. */
function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}${d}${y}`;
}
