import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Names, not codes, and numbers in the UI's language, in real Chromium at 1280×720: the facets name
 * typifications "code · description" and channels by name (as the grid and the conversation do), the
 * finder finds a typification by its description, the survey reads 1 to 5 then no answer, counts read
 * "4,200" in English and "4.200" in Spanish (facets, the row count, Insights' tables and tooltips), and a
 * typification bar's open part, a survey answer, a volume part, a survey week and an audit week clicked
 * in Insights show as many rows as they count.
 */
type Facets = ResultOf<'facets/get'>;
type Insights = ResultOf<'insights/get'>;

const labels = (page: Page, field: string) => page.locator(`[data-testid="facet-${field}"] li .facet-label`).allTextContents();
const counts = (page: Page, field: string) => page.locator(`[data-testid="facet-${field}"] li .count`).allTextContents();

async function gridCountIs(page: Page, n: number): Promise<void> {
  await page.waitForFunction((total) => document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total') === String(total), n);
}

/**
 * A chart's box once its ECharts instance has drawn: the view says "ready" as its figures arrive, and each
 * chart is created and given its option in an effect React may run a task later (insights.test.ts's chartsReady).
 */
async function drawnChart(page: Page, chart: string) {
  const box = page.locator(`[data-testid="insights-${chart}"] .insights-canvas`);
  await box.locator('canvas').first().waitFor();
  return box;
}

/** What the chart's tooltip writes for a number: the option the app gave ECharts, asked in the page. */
async function tooltipText(page: Page, chart: string, value: number): Promise<string> {
  return (await drawnChart(page, chart)).evaluate((el, v) => {
    const c = (el as unknown as { insightsChart: { getOption(): { tooltip: { valueFormatter(x: unknown): string }[] } } }).insightsChart;
    return c.getOption().tooltip[0]!.valueFormatter(v);
  }, value);
}

/** Clicks a chart's canvas at a value of category `index` (horizontal bars: [value, index]; vertical ones and lines: [index, value]). */
async function clickBar(page: Page, chart: string, value: number, index: number, axes: { xAxisIndex: number; yAxisIndex: number } = { xAxisIndex: 0, yAxisIndex: 0 }, vertical = false): Promise<void> {
  const canvas = await drawnChart(page, chart);
  await canvas.scrollIntoViewIfNeeded();
  const point = await canvas.evaluate(
    (el, a) => {
      const c = (el as unknown as { insightsChart: { convertToPixel(finder: unknown, v: unknown): number[] } }).insightsChart;
      return c.convertToPixel(a.axes, a.vertical ? [a.index, a.value] : [a.value, a.index]);
    },
    { value, index, axes, vertical },
  );
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
}

describe('names, not codes; numbers in the UI language', () => {
  const dataDir = tempDir('wolkvox-e2e-names-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let total: number;
  let facets: Facets;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 600 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    assert.ok(total >= 1000, `${total} rows: enough for thousands separators`);
    facets = await call<Facets>(rig.service, 'facets/get', { filter: {}, fields: ['channel', 'cod_act', 'evaluation_survey'] });
    app = await openApp(rig, 'en-US');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('grid').waitFor();
  });
  after(async () => {
    await app?.context.close();
    await rig?.close();
  });

  test('facets name typifications and channels; the survey reads 1 to 5 then no answer; English numbers', async () => {
    const { page } = app;
    await gridCountIs(page, total);
    assert.equal(await page.getByTestId('row-count').textContent(), `${total.toLocaleString('en-US')} interactions`);
    // Channels by name: Facebook, never facebook_page.
    await page.locator('[data-testid="facet-channel"] li .count').first().waitFor();
    const channels = await labels(page, 'channel');
    assert.ok(channels.includes('Facebook') && channels.includes('Email'), channels.join('|'));
    assert.ok(!channels.some((c) => /_/.test(c)), channels.join('|'));
    // Typifications as "code · description", the description the store read.
    const typ = page.getByTestId('facet-cod_act');
    await typ.getByRole('button', { name: /Show all/ }).click();
    const shown = await labels(page, 'cod_act');
    const described = facets.cod_act!.filter((f) => f.label);
    assert.ok(described.length > 5);
    for (const f of described) assert.ok(shown.includes(`${f.value} · ${f.label}`), `${f.value} · ${f.label} in ${shown.join('|')}`);
    // The finder finds a code by its description, and by its code.
    const sample = described.find((f) => /Entrega/.test(f.label!)) ?? described[0]!;
    const word = sample.label!.split(/\s+/)[0]!.toLowerCase();
    await typ.locator('input.facet-filter').fill(word);
    const found = await labels(page, 'cod_act');
    assert.ok(found.length > 0 && found.every((l) => l.toLowerCase().includes(word)), found.join('|'));
    assert.ok(found.includes(`${sample.value} · ${sample.label}`));
    await typ.locator('input.facet-filter').fill(sample.value);
    assert.ok((await labels(page, 'cod_act')).includes(`${sample.value} · ${sample.label}`));
    await typ.locator('input.facet-filter').fill('');
    // The survey: 1..5, then no answer.
    const survey = await labels(page, 'evaluation_survey');
    assert.deepEqual(survey, ['1', '2', '3', '4', '5', '(empty)']);
    // Counts in English: "1,234".
    const big = facets.evaluation_survey!.find((f) => f.value === '')!.count;
    assert.ok(big >= 1000, `${big} unanswered`);
    assert.equal((await counts(page, 'evaluation_survey')).at(-1), big.toLocaleString('en-US'));
    // The grid names the channel as the facet does.
    await page.locator('[data-testid="facet-channel"] li').filter({ hasText: 'Facebook' }).locator('input').check();
    const fb = facets.channel!.find((f) => f.value === 'facebook_page')!.count;
    await gridCountIs(page, fb);
    await page.locator('.ag-row[row-index="0"] [col-id="channel"]').filter({ hasText: 'Facebook' }).waitFor();
    await screenshot(page, 'names-facets-en-1280');
    await page.locator('[data-testid="facet-channel"] li').filter({ hasText: 'Facebook' }).locator('input').uncheck();
    await gridCountIs(page, total);
  });

  test('in Spanish: "4.200 interacciones", facet counts, channel names, Insights tables and tooltips', async () => {
    const { page } = app;
    await page.getByTestId('lang-es').click();
    const es = (n: number) => new Intl.NumberFormat('es-CO').format(n);
    await page.getByTestId('row-count').filter({ hasText: `${es(total)} interacciones` }).waitFor();
    assert.match(es(total), /^\d{1,3}(\.\d{3})+$/, 'a dot between thousands');
    const big = facets.evaluation_survey!.find((f) => f.value === '')!.count;
    await page.locator('[data-testid="facet-evaluation_survey"] li .count').filter({ hasText: es(big) }).waitFor();
    assert.deepEqual(await labels(page, 'evaluation_survey'), ['1', '2', '3', '4', '5', '(vacío)']);
    assert.ok((await labels(page, 'channel')).includes('Correo'));
    // Every count of every facet in Spanish digits: thousands with a dot, never a comma.
    for (const field of ['agent_name', 'skill_id', 'channel', 'status', 'cod_act', 'evaluation_survey']) {
      const shown = await counts(page, field);
      assert.ok(shown.length > 0 && shown.every((c) => /^\d{1,3}(\.\d{3})*$/.test(c)), `${field}: ${shown.join('|')}`);
    }
    assert.ok((await counts(page, 'channel')).some((c) => c.includes('.')), 'a channel with thousands');
    await screenshot(page, 'names-facets-es-1280');

    await page.getByTestId('insights-open').click();
    await page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor();
    const figures = await call<Insights>(rig.service, 'insights/get', { filter: {}, zone: 'America/Bogota' });
    // The weekly survey average, rounded as the table shows it, with a decimal comma.
    const week = figures.survey.weekly.find((w) => w.averageEvaluation !== null && !Number.isInteger(w.averageEvaluation))!;
    const avg = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 2 }).format(week.averageEvaluation!);
    assert.match(avg, /^\d,\d{1,2}$/);
    await page.locator('[data-testid="insights-survey"] summary').click();
    const cells = await page.locator('[data-testid="insights-table-survey-weekly"] td[data-key="average"]').allTextContents();
    assert.ok(cells.includes(avg), `${avg} in ${cells.join('|')}`);
    assert.equal(await tooltipText(page, 'survey', week.averageEvaluation!), avg, 'the tooltip reads as the table');
    assert.equal(await tooltipText(page, 'agents', 12345.678), '12.345,68');
    // The agents' table: counts of a thousand and more with a dot.
    await page.locator('[data-testid="insights-agents"] summary').click();
    const first = figures.agents[0]!;
    const agentCells = await page.locator('[data-testid="insights-table-agents"] tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(agentCells.slice(0, 2), [first.agent, es(first.interactions)]);
    await page.locator('[data-testid="insights-survey"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'names-insights-es-1280');
  });

  test('a typification bar and a survey answer, clicked, show as many rows as they count', async () => {
    const { page } = app;
    const figures = await call<Insights>(rig.service, 'insights/get', { filter: {}, zone: 'America/Bogota' });
    const codes = figures.typifications.top.map((x) => x.code);
    assert.equal(new Set(codes).size, codes.length, 'one bar per code');
    // A code with a description: the bar counts every row of the code (some rows arrive without their description).
    const top = figures.typifications.top;
    const index = top.reduce((best, x, i) => (x.code !== '' && x.open > (top[best]?.open ?? -1) ? i : best), -1);
    const bar = figures.typifications.top[index]!;
    await page.locator('[data-testid="insights-typifications"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'names-insights-typifications-es-1280');
    // Its open part: the open rows of the code (the closed part comes first, from zero).
    assert.ok(bar.open > 0, JSON.stringify(bar));
    await clickBar(page, 'typifications', bar.closed + bar.open / 2, index);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await gridCountIs(page, bar.open);
    assert.equal((await call<{ total: number }>(rig.service, 'interactions/count', { filter: { typifications: [bar.code], closed: false } })).total, bar.open);
    assert.equal(await rowCount(page), bar.open);
    assert.equal((await page.getByTestId('closed-chip').textContent())?.replace('×', '').trim(), 'Sin fecha de cierre');
    await screenshot(page, 'names-drill-typification-open-es-1280');
    await page.getByTestId('insights-back').click();
    await page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor();

    // The survey's answers read 1..5 then no answer; the bar of "3" leads to the rows that answered 3.
    const three = figures.survey.distribution.find((d) => d.value === '3')!;
    await clickBar(page, 'survey', Math.max(1, three.count / 2), 2, { xAxisIndex: 0, yAxisIndex: 0 }, true);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await gridCountIs(page, three.count);
    await page.getByTestId('insights-back').click();
    await page.locator('[data-testid="insights-view"][data-state="ready"]').waitFor();
    assert.deepEqual(app.errors, []);
  });

  test("a channel's part of a day's volume, a survey week's average and an audit week's pass rate, clicked, show as many rows as they count", async () => {
    const { page } = app;
    // A few decided reviews, for the audit chart.
    const rows = await call<ResultOf<'interactions/page'>>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 8 });
    for (const [i, row] of rows.rows.entries()) {
      await call(rig.service, 'reviews/save', { uid: row.uid, scores: { greeting: true, understanding: 1 + (i % 5), resolution: i % 3 !== 0, tone: 4, typification: i % 2 === 0, response_time: 5 } });
    }
    await page.reload();
    await page.getByTestId('insights-open').click();
    const ready = () => page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor();
    await ready();
    const figures = await call<Insights>(rig.service, 'insights/get', { filter: {}, zone: 'America/Bogota' });
    const back = async () => {
      await page.getByTestId('insights-back').click();
      await ready();
    };

    // Volume: the first channel's part of its busiest day.
    const v = figures.volume;
    const day = v.points.reduce((best, p, i) => (p.counts[0]! > v.points[best]!.counts[0]! ? i : best), 0);
    await clickBar(page, 'volume', v.points[day]!.counts[0]! / 2, day, { xAxisIndex: 0, yAxisIndex: 0 }, true);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await gridCountIs(page, v.points[day]!.counts[0]!);
    await back();

    // The survey's weekly average: a point of the line on the right.
    const wi = figures.survey.weekly.findIndex((w) => w.evaluated > 0);
    const week = figures.survey.weekly[wi]!;
    await clickBar(page, 'survey', week.averageEvaluation!, wi, { xAxisIndex: 1, yAxisIndex: 1 }, true);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await gridCountIs(page, week.evaluated);
    await back();

    // The audit's weekly pass rate: its week's decided reviews.
    const ai = figures.audit.byWeek.findIndex((w) => w.reviewed > 0);
    const audit = figures.audit.byWeek[ai]!;
    assert.ok(audit.reviewed >= 8, JSON.stringify(audit));
    await clickBar(page, 'audit', audit.passRate! * 100, ai, { xAxisIndex: 1, yAxisIndex: 1 }, true);
    await page.locator('[data-testid="insights-view"]').waitFor({ state: 'detached' });
    await gridCountIs(page, audit.reviewed);
    await screenshot(page, 'names-drill-audit-week-es-1280');
    await back();
    assert.deepEqual(app.errors, []);
  });
});
