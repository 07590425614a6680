import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { after, before, describe, test } from 'node:test';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, rowCountChange, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Search that finds what people mean, in real Chromium over a synced cache: HTML markup is not searchable,
 * the syntax help under the box (both languages), highlights that mark only what matched, the "matched in"
 * column for hidden fields, accent-blind facet finders, and ↓ / Enter from the box to the first result.
 */
type Page = ResultOf<'interactions/page'>;

/** The grid's next page request for this search text (set up before the change that causes it). */
function pageRequest(page: Watched['page'], text: string) {
  return page.waitForRequest((r) => /\/api\/call\/interactions%2Fpage$/.test(r.url()) && JSON.parse(r.postData() ?? '{}')?.filter?.text === text);
}
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

describe('search', () => {
  const dataDir = tempDir('wolkvox-e2e-search-');
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
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('grid').waitFor();
    assert.equal(await rowCount(app.page), total);
  });
  after(async () => {
    await rig?.close();
  });

  const count = async (text: string) => (await call<{ total: number }>(rig.service, 'interactions/count', { filter: { text } })).total;

  test('markup words find nothing, the words of HTML e-mails do', async () => {
    const emails = (await call<Page>(rig.service, 'interactions/page', { filter: { channels: ['Email'] }, offset: 0, limit: 200 })).rows;
    assert.ok(emails.some((r) => r.body.includes('<style>td{padding')), 'the simulator sends HTML e-mails with styles');
    for (const word of ['padding ', 'border ', 'td ', 'html ', 'mailtrack ']) assert.equal(await count(word), 0, word);
    assert.ok((await count('iphone ')) > 0, 'the visible signature of the HTML e-mails is searchable');
  });

  test('the help line gives the syntax while the box has the focus', async () => {
    const { page } = app;
    const help = page.getByTestId('search-help');
    assert.equal(await help.isVisible(), false);
    await page.getByTestId('search-input').focus();
    await help.waitFor({ state: 'visible' });
    assert.match((await help.textContent()) ?? '', /Whole words.*word\*.*"exact phrase".*-word.*a OR b/);
    await screenshot(page, 'search-help-en-1280');
    await page.getByTestId('lang-es').click();
    await page.getByTestId('search-input').focus();
    await page.getByText('Palabras completas').waitFor();
    assert.match((await help.textContent()) ?? '', /Palabras completas.*palabra\*.*"frase exacta".*-palabra.*a OR b/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'search-help-es-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('lang-en').click();
    await page.getByText('Whole words').waitFor({ state: 'attached' });
  });

  test('highlights mark whole words only, and a phrase as a phrase', async () => {
    const { page } = app;
    const search = page.getByTestId('search-input');
    await search.fill('de ');
    const n = await rowCountChange(page, total);
    assert.equal(n, await count('de '));
    await page.locator('.ag-row mark').first().waitFor();
    const marks = await page.locator('.ag-row mark').allTextContents();
    assert.ok(marks.length > 0);
    assert.deepEqual([...new Set(marks.map(fold))], ['de'], 'never "de" inside another word');
    // Every marked "de" stands alone: the characters around it are not letters.
    const around = await page.locator('.ag-row mark').evaluateAll((els) =>
      els.map((m) => `${m.previousSibling?.textContent?.slice(-1) ?? ''}|${m.nextSibling?.textContent?.slice(0, 1) ?? ''}`),
    );
    for (const a of around) assert.doesNotMatch(a, /^\p{L}\||\|\p{L}$/u, a);
    await screenshot(page, 'search-highlight-1280');

    const asked = pageRequest(page, '"ver mi pedido"');
    await search.fill('"ver mi pedido"');
    await asked;
    const phrase = await count('"ver mi pedido"');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, phrase);
    if (phrase > 0) {
      await page.locator('.ag-row mark').first().waitFor();
      for (const m of await page.locator('.ag-row mark').allTextContents()) assert.equal(fold(m), 'ver mi pedido');
    }
    await search.fill('');
    await search.press('Escape');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, total);
  });

  test('a row says when it matched in a hidden field: an attachment name, found whole', async () => {
    const { page } = app;
    const rows = (await call<Page>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 1000 })).rows;
    const withFile = rows.find((r) => /^[a-z_]+\d+\.pdf$/i.test(r.attachments) && !r.body.includes(r.attachments));
    assert.ok(withFile, 'the simulator attaches files');
    const search = page.getByTestId('search-input');
    await search.fill(`${withFile.attachments} `);
    const expected = await count(`${withFile.attachments} `);
    assert.ok(expected >= 1);
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, expected);
    const marker = page.locator(`.ag-row[row-id="${withFile.id}"] [data-testid="matched-in"]`);
    await marker.waitFor();
    assert.equal(await marker.getAttribute('data-fields'), 'attachments');
    assert.equal(await marker.textContent(), 'Attachments');
    await screenshot(page, 'search-matched-in-1280');
    // The help line (the box has the focus), the highlights and the new column keep axe-core clean.
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);

    // The case id finds its rows too (its column is on screen, so no marker is needed there).
    const caseText = `${withFile.case_id} `;
    const byCase = (await call<Page>(rig.service, 'interactions/page', { filter: { text: caseText }, offset: 0, limit: 1000 })).rows;
    const at = byCase.findIndex((r) => r.id === withFile.id);
    assert.ok(at >= 0, 'a case id typed in the box finds its rows');
    await search.fill(caseText);
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, byCase.length);
    if (at < 10) await page.locator(`.ag-row[row-id="${withFile.id}"]`).first().waitFor();
    await search.press('Escape');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total')) === t, total);
    assert.equal(await page.locator('[col-id="matched_in"]').count(), 0, 'no "matched in" column without a search');
  });

  test('facet value finders ignore accents and case', async () => {
    const { page } = app;
    const facet = page.getByTestId('facet-agent_name');
    const finder = facet.locator('.facet-filter');
    await finder.fill('ramirez');
    await facet.getByText('Jorge Iván Ramírez').waitFor();
    await finder.fill('IVAN');
    await facet.getByText('Jorge Iván Ramírez').waitFor();
    await finder.fill('');
  });

  test('↓ or Enter from the search box puts the keyboard on the first result', async () => {
    const { page } = app;
    const search = page.getByTestId('search-input');
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-index') ?? null);
    await search.fill('pedido');
    await search.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-index') === '0');
    const first = (await call<Page>(rig.service, 'interactions/page', { filter: { text: 'pedido' }, offset: 0, limit: 1 })).rows[0]!;
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id')), String(first.id));
    // The keyboard then walks the results.
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-index') === '1');

    await search.focus();
    await search.fill('iphone');
    await search.press('Enter');
    const firstIphone = (await call<Page>(rig.service, 'interactions/page', { filter: { text: 'iphone' }, offset: 0, limit: 1 })).rows[0]!;
    await page.waitForFunction((id) => document.activeElement?.closest('.ag-row')?.getAttribute('row-id') === id, String(firstIphone.id));
    assert.equal(await focusedRow(), '0');
    await search.focus();
    await search.press('Escape');
  });
});
