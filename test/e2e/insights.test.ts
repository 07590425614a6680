import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The Insights view in real Chromium against the real service: every chart drawn with its table of
 * numbers, a click on an agent's bar lands on the grid filtered to that agent (as many rows as the
 * service counts for the agent), a click on a heatmap cell on the grid filtered to that weekday and hour
 * (as many rows as the cell counts, a chip naming them), Esc comes back to the charts and the filters of before, the language
 * switch relabels the charts, a chart saves as a PNG download, and a selection with no rows shows the
 * empty state.
 */
type Insights = ResultOf<'insights/get'>;
const CHARTS = ['volume', 'heatmap', 'agents', 'typifications', 'survey', 'audit'] as const;

async function chartsReady(page: Page): Promise<void> {
  await page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor();
  for (const name of CHARTS) await page.locator(`[data-testid="insights-${name}"] canvas`).first().waitFor();
}

describe('Insights', () => {
  const dataDir = tempDir('wolkvox-e2e-insights-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let figures: Insights;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 40 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    // A few reviews, one with a failed critical attribute, for the audit chart.
    const page = await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 6 });
    for (const [i, row] of page.rows.entries()) {
      await call(rig.service, 'reviews/save', { uid: row.uid, scores: { greeting: true, understanding: 1 + i % 5, resolution: i !== 2, tone: 4, typification: i % 2 === 0, response_time: 5 }, status: i === 2 || i === 4 ? 'fail' : 'pass', reason: 'audit decision' });
    }
    figures = await call<Insights>(rig.service, 'insights/get', { filter: {} });
    assert.ok(figures.audit.total.reviewed >= 5 && figures.audit.total.criticalFailures === 1, JSON.stringify(figures.audit.total));
    assert.ok(figures.total > 50 && figures.agents.length > 1, 'the simulator gave several agents');
    app = await openApp(rig, 'en-US');
    await app.page.getByTestId('grid').waitFor();
  });
  after(async () => {
    await app?.context.close();
    await rig?.close();
  });

  test('every chart is drawn with its numbers', async () => {
    const { page } = app;
    await page.getByTestId('insights-open').click();
    await chartsReady(page);
    assert.equal(await page.getByTestId('insights-view').getAttribute('data-total'), String(figures.total));
    for (const name of CHARTS) {
      assert.ok((await page.locator(`[data-testid="insights-table-${name}"] tbody tr`).count()) > 0, `${name} has a table of numbers`);
    }
    // The tables hold the service's numbers, plain.
    const agentRows = await page.locator('[data-testid="insights-table-agents"] tbody tr').count();
    assert.equal(agentRows, figures.agents.length);
    const first = figures.agents[0]!;
    const cells = await page.locator('[data-testid="insights-table-agents"] tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 2), [first.agent, String(first.interactions)]);
    const volumeTotal = await page.locator('[data-testid="insights-table-volume"] td[data-key="total"]').allTextContents();
    assert.equal(volumeTotal.reduce((s, v) => s + Number(v), 0), figures.volume.points.reduce((s, p) => s + p.total, 0));
    const heat = await page.locator('[data-testid="insights-table-heatmap"] td.num').allTextContents();
    assert.equal(heat.reduce((s, v) => s + Number(v), 0), figures.heatmap.flat().reduce((a, b) => a + b, 0));
    await screenshot(page, 'insights-en');
  });

  test("a click on an agent's bar shows that agent's interactions; Esc comes back", async () => {
    const { page } = app;
    const agent = figures.agents[0]!;
    const canvas = page.locator('[data-testid="insights-agents"] .insights-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const point = await canvas.evaluate((el, value) => {
      const chart = (el as unknown as { insightsChart: { convertToPixel(finder: unknown, v: unknown): number[] } }).insightsChart;
      return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [value, 0]);
    }, Math.max(1, agent.closed / 2));
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    const expected = await call<{ total: number }>(rig.service, 'interactions/count', { filter: { agents: [agent.agent] } });
    assert.equal(expected.total, agent.interactions);
    await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(n), expected.total);
    assert.equal(await rowCount(page), agent.interactions);
    await page.getByTestId('insights-back').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await chartsReady(page);
    assert.equal(await page.getByTestId('insights-view').getAttribute('data-total'), String(figures.total), 'the filters of before are back');
  });

  test('a click on a heatmap cell shows that weekday and hour in the grid, with a chip; Esc comes back', async () => {
    const { page } = app;
    // The fullest cell: weekday (0 = Monday) and hour in the zone the heatmap was drawn in.
    let [weekday, hour, n] = [0, 0, 0];
    figures.heatmap.forEach((row, w) => row.forEach((c, h) => c > n && ([weekday, hour, n] = [w, h, c])));
    const expected = await call<{ total: number }>(rig.service, 'interactions/count', { filter: { createdSlot: { zone: figures.zone, weekday, hour } } });
    assert.equal(expected.total, n, "the filter selects as many rows as the heatmap's cell counts");
    const canvas = page.locator('[data-testid="insights-heatmap"] .insights-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const point = await canvas.evaluate((el, cell) => {
      const chart = (el as unknown as { insightsChart: { convertToPixel(finder: unknown, v: unknown): number[] } }).insightsChart;
      return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, cell);
    }, [hour, weekday]);
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await page.waitForFunction((total) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(total), n);
    assert.equal(await rowCount(page), n);
    const chip = page.getByTestId('slot-chip');
    const day = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][weekday]!;
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    assert.equal((await chip.textContent())?.replace('×', '').trim(), `${day} ${hh(hour)}–${hh(hour + 1)}`);
    await page.getByTestId('lang-es').click();
    const dia = ['Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado', 'Domingo'][weekday]!;
    await page.getByTestId('slot-chip').filter({ hasText: `${dia} ${hh(hour)}–${hh(hour + 1)}` }).waitFor();
    await page.getByTestId('lang-en').click();
    await chip.filter({ hasText: day }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await chartsReady(page);
    assert.equal(await page.getByTestId('insights-view').getAttribute('data-total'), String(figures.total), 'the filters of before are back');
    assert.equal(await page.getByTestId('slot-chip').count(), 0);
    // Again, and this time the chip's × removes the filter: every row is back, the chip gone.
    await canvas.scrollIntoViewIfNeeded();
    await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
    await page.waitForFunction((total) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(total), n);
    await page.getByTestId('slot-chip').getByRole('button').click();
    await page.waitForFunction((total) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(total), figures.total);
    assert.equal(await page.getByTestId('slot-chip').count(), 0);
    await page.getByTestId('insights-open').click();
    await chartsReady(page);
  });

  test('the language switch relabels the charts', async () => {
    const { page } = app;
    assert.equal(await page.locator('#insights-title-volume').textContent(), 'Volume over time');
    await page.getByTestId('lang-es').click();
    await page.locator('#insights-title-volume', { hasText: 'Volumen en el tiempo' }).waitFor();
    assert.equal(await page.getByTestId('insights-png-agents').textContent(), 'Guardar como PNG');
    await chartsReady(page);
    await screenshot(page, 'insights-es');
    await page.getByTestId('lang-en').click();
    await page.locator('#insights-title-volume', { hasText: 'Volume over time' }).waitFor();
  });

  test('a chart saves as a PNG', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insights-png-heatmap').click()]);
    assert.equal(download.suggestedFilename(), 'insights-heatmap.png');
    const bytes = readFileSync((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 2000, 'a real picture, not an empty canvas');
  });

  test('a selection with no rows shows the empty state', async () => {
    const { page } = app;
    const before = await rowCount(page);
    await page.getByTestId('search-input').fill('zzqqxxnothinglikethis');
    await rowCountChange(page, before);
    await page.locator('[data-testid="insights-view"][data-state="empty"]').waitFor();
    assert.deepEqual(app.errors, []);
  });
});
