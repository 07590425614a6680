import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { openApp, rowCountChange, seedProfile, startRig, syncNow, call, type Rig, type Watched } from '../helpers/e2e-app';
import { EVIL_HOST, HOSTILE_LINKS_BODY, LINKS_MARKER, PLAIN_LINK, TOP_LINK, hostileFetch } from '../helpers/e2e-hostile';
import { tempDir } from '../helpers/temp-dir';

/**
 * Every way a message could navigate, rendered in real Chromium through the browser host: image maps,
 * forms and formaction, <base>, meta refresh, SVG and MathML links, frames, plugins, <link>, srcset, ping,
 * target and plain anchors. The page must never navigate nor open a tab unless the user confirmed an
 * http(s) address in LinkConfirm; a click, a middle click, a ctrl/shift/meta-click and Enter on a link all
 * ask first.
 */
describe('hostile links in a message', () => {
  const dataDir = tempDir('wolkvox-e2e-links-');
  let rig: Rig;
  let app: Watched;
  let body: Locator;
  const newPages: string[] = [];
  const navigations: string[] = [];
  let startUrl = '';

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 40 } }, fetch: hostileFetch({ body: HOSTILE_LINKS_BODY, marker: LINKS_MARKER }) });
    const profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    const total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    app = await openApp(rig, 'en-US');
    const { page, context } = app;
    context.on('page', (p) => newPages.push(p.url() || '(blank)'));
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await page.getByTestId('grid').waitFor();
    await page.getByTestId('search-input').fill(LINKS_MARKER);
    const hits = await rowCountChange(page, total);
    assert.ok(hits >= 1, `${hits} hostile records`);
    await page.locator('.ag-row[row-index="0"] [col-id="subject"] mark').first().waitFor();
    await page.locator('.ag-row[row-index="0"] [col-id="channel"]').click();
    body = page.getByTestId('conversation-panel').locator('.message.current .mail-html').first();
    await body.getByText(`${LINKS_MARKER}: links of every kind`).waitFor();
    startUrl = page.url();
    navigations.length = 0;
  });
  after(async () => {
    await rig?.close();
  });

  /** Nothing moved: same address, no navigation of the page, no new tab, no request to the evil host. */
  function assertStill(what: string) {
    assert.equal(app.page.url(), startUrl, `${what}: the page navigated`);
    assert.deepEqual(navigations, [], `${what}: the page navigated`);
    assert.deepEqual(newPages, [], `${what}: a new page opened`);
    assert.ok(!app.requests.some((u) => u.includes(EVIL_HOST)), `${what}: a request reached ${EVIL_HOST}`);
  }

  async function confirmAppearsFor(what: string, url: string, act: () => Promise<void>) {
    const confirm = app.page.getByTestId('link-confirm');
    await act();
    await confirm.waitFor();
    assert.equal(await confirm.locator('.link-url').textContent(), url, `${what}: the confirmation names the address`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assertStill(what);
  }

  test('the rendered message holds nothing the browser could follow, load or submit', async () => {
    const seen = await body.evaluate((root) => ({
      anyLink: root.querySelectorAll(':any-link').length,
      tags: [...new Set([...root.querySelectorAll('*')].map((e) => e.localName))],
      attrs: [...root.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes].filter((a) => /^(href|xlink:href|action|formaction|srcset|ping|usemap|target|http-equiv|srcdoc|data)$/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`),
      ),
      forms: document.forms.length,
      bases: document.querySelectorAll('base').length,
      refresh: document.querySelectorAll('meta[http-equiv]').length,
    }));
    assert.equal(seen.anyLink, 0, 'no element is a link to the browser (nothing for the context menu to open)');
    assert.deepEqual(seen.attrs, []);
    for (const tag of ['area', 'map', 'form', 'button', 'input', 'base', 'meta', 'svg', 'math', 'iframe', 'object', 'embed', 'link', 'portal']) {
      assert.ok(!seen.tags.includes(tag), `<${tag}> rendered`);
    }
    assert.equal(seen.forms, 0, 'no form anywhere in the page');
    assert.equal(seen.bases, 0);
    assert.equal(seen.refresh, 0);
    assertStill('rendering');
  });

  test('a click, a middle click, a modified click and Enter on a link all ask first', async () => {
    const plain = body.getByText('Plain link');
    await confirmAppearsFor('click', PLAIN_LINK, () => plain.click());
    await confirmAppearsFor('middle click', PLAIN_LINK, () => plain.click({ button: 'middle' }));
    await confirmAppearsFor('ctrl-click', PLAIN_LINK, () => plain.click({ modifiers: ['Control'] }));
    await confirmAppearsFor('meta-click', PLAIN_LINK, () => plain.click({ modifiers: ['Meta'] }));
    await confirmAppearsFor('shift-click', PLAIN_LINK, () => plain.click({ modifiers: ['Shift'] }));
    await confirmAppearsFor('Enter', PLAIN_LINK, async () => {
      await plain.focus();
      await app.page.keyboard.press('Enter');
    });
    await confirmAppearsFor('target=_top', TOP_LINK, () => body.getByText('Top link').click({ button: 'middle' }));
  });

  test('links without an http(s) address do nothing at all', async () => {
    const confirm = app.page.getByTestId('link-confirm');
    for (const words of ['Relative link', 'Script link', 'Mail link', 'Div with href']) {
      const el = body.getByText(words);
      await el.click();
      await el.click({ button: 'middle' });
      await el.click({ modifiers: ['Control'] });
      assert.equal(await confirm.count(), 0, `${words} asked to open something`);
    }
    // The image of the (removed) map, where the area was: a click there is a click on a picture.
    await body.getByAltText('Map image').click({ position: { x: 5, y: 5 } });
    // Where the form's controls and the SVG's and MathML's links were, at most their words stay, as text.
    for (const words of ['Form submit', 'Formaction button', 'SVG xlink', 'SVG href', 'Math link']) {
      const found = body.getByText(words);
      if ((await found.count()) === 0) continue;
      const inside = await found.evaluate((el) => {
        const root = el.closest('.mail-html');
        const control = el.closest('a, button, input, form, svg, math, area, [tabindex]');
        return control && root?.contains(control) ? control.localName : null;
      });
      assert.equal(inside, null, `${words} is still inside a control`);
      await found.click();
      await found.click({ button: 'middle' });
      assert.equal(await confirm.count(), 0, `${words} asked to open something`);
    }
    assert.equal(await body.locator('input, button, textarea, select').count(), 0, 'no control to submit with');
    // Enter in the message where a form field was submits nothing.
    await body.click({ position: { x: 2, y: 2 } });
    await app.page.keyboard.press('Enter');
    assert.equal(await confirm.count(), 0);
    // A known event after all of these: had any of them navigated, the page would no longer answer on the
    // same document. (The meta refreshes never reach the DOM: the first test found no meta[http-equiv].)
    await confirmAppearsFor('control click', PLAIN_LINK, () => body.getByText('Plain link').click());
    assert.equal(await app.page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined);
    assertStill('inert forms');
  });

  test('only a confirmed http(s) address opens, in a new tab, once', async () => {
    const confirm = app.page.getByTestId('link-confirm');
    const opened = app.context.waitForEvent('page');
    const asked = app.context.waitForEvent('request', (r) => r.url() === PLAIN_LINK);
    await body.getByText('Plain link').click({ button: 'middle' });
    await confirm.getByRole('button', { name: 'Open in browser' }).click();
    const tab = await opened;
    await asked;
    assert.equal(newPages.length, 1);
    assert.equal(app.page.url(), startUrl, 'the app itself stays where it was');
    await tab.close();
  });
});
