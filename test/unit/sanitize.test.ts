import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DATA_PNG, HOSTILE_LINK_FORMS, PLAIN_LINK, TOP_LINK } from '../helpers/e2e-hostile';

/**
 * sanitize.ts needs a real DOM (DOMPurify, a detached document), so its unit tests run in Chromium: the
 * module is bundled as it is shipped and each case calls it in a blank page. No app, no network.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH): the sanitiser needs a real DOM`;
if (missing) console.log(`# skipped sanitize.ts unit tests: ${missing}`);

interface Sanitised {
  html: string;
  blockedImages: number;
}

describe('sanitize.ts in a real DOM', { skip: missing ?? false }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    const bundle = await build({
      entryPoints: [`${ROOT}src-renderer/conversation/sanitize.ts`],
      bundle: true,
      format: 'iife',
      globalName: 'Sanitize',
      write: false,
      platform: 'browser',
      logLevel: 'silent',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  after(async () => {
    await browser?.close();
  });

  const sanitise = (raw: string, terms: string[] = []) =>
    page.evaluate(
      ([r, t]) => (window as unknown as { Sanitize: { sanitiseEmail(a: string, b: string[], c: string): Sanitised } }).Sanitize.sanitiseEmail(r, t, 'image'),
      [raw, terms] as const,
    );
  /** Parses sanitised HTML in the page and answers questions about it. */
  const inspect = (html: string) =>
    page.evaluate((h) => {
      const div = document.createElement('div');
      div.innerHTML = h;
      const all = [...div.querySelectorAll('*')];
      return {
        tags: [...new Set(all.map((e) => e.localName))].sort(),
        anyLink: div.querySelectorAll(':any-link').length,
        addressAttrs: all.flatMap((e) =>
          [...e.attributes].filter((a) => /^(href|xlink:href|action|formaction|srcset|ping|data|usemap|target|http-equiv|srcdoc|cite)$/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`),
        ),
        anchors: [...div.querySelectorAll('a')].map((a) => ({
          text: a.textContent,
          dataHref: a.getAttribute('data-href'),
          mailto: a.getAttribute('data-mailto'),
          tabindex: a.getAttribute('tabindex'),
        })),
        images: [...div.querySelectorAll('img')].map((i) => i.getAttribute('src')),
        blocked: [...div.querySelectorAll('[data-blocked-image]')].map((e) => e.textContent),
        text: div.textContent ?? '',
      };
    }, html);

  test('an http(s) link keeps its words; its address moves out of href into data-href, focusable', async () => {
    const { html } = await sanitise(`<a href="${PLAIN_LINK}" target="_blank" ping="https://evil.example/p">Plain link</a>`);
    const seen = await inspect(html);
    assert.equal(seen.anyLink, 0, 'nothing the browser would follow');
    assert.deepEqual(seen.anchors, [{ text: 'Plain link', dataHref: PLAIN_LINK, mailto: null, tabindex: '0' }]);
    assert.deepEqual(seen.addressAttrs, []);
  });

  test('a mailto link shows its address but is no link', async () => {
    const { html } = await sanitise('<a href="mailto:ana@shop.example">write to Ana</a>');
    const seen = await inspect(html);
    assert.equal(seen.anyLink, 0);
    assert.deepEqual(seen.anchors, [{ text: 'write to Ana', dataHref: null, mailto: 'ana@shop.example', tabindex: null }]);
    assert.match(html, /title="mailto:ana@shop\.example"/);
  });

  test('javascript:, data: and relative links lose their address entirely', async () => {
    const { html } = await sanitise(
      '<a href="javascript:alert(1)">a</a><a href=" jav&#x09;ascript:alert(1)">b</a><a href="data:text/html,<script>1</script>">c</a><a href="/relative">d</a><a href="//evil.example/x">e</a>',
    );
    const seen = await inspect(html);
    assert.equal(seen.anyLink, 0);
    assert.deepEqual(seen.anchors.map((a) => [a.text, a.dataHref, a.mailto]), [['a', null, null], ['b', null, null], ['c', null, null], ['d', null, null], ['e', null, null]]);
    assert.ok(!/javascript|evil\.example|data:text/i.test(html), html);
  });

  test('embedded data: images stay; remote, odd or scripted images become a visible mark', async () => {
    const out = await sanitise(
      `<img src="${DATA_PNG}" alt="logo"><img src="http://evil.example/p.gif" alt="pixel"><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="><img src="x" onerror="window.__pwned=1">`,
    );
    const seen = await inspect(out.html);
    assert.deepEqual(seen.images, [DATA_PNG]);
    assert.equal(out.blockedImages, 3);
    assert.deepEqual(seen.blocked, ['[image: pixel]', '[image]', '[image]']);
    assert.ok(!/onerror|evil\.example|svg\+xml/.test(out.html));
  });

  test('every hostile link form is rendered inert: no followable element, no address attribute', async () => {
    for (const form of HOSTILE_LINK_FORMS) {
      const { html } = await sanitise(form.html);
      const seen = await inspect(html);
      assert.equal(seen.anyLink, 0, `${form.name}: ${html}`);
      assert.deepEqual(seen.addressAttrs, [], `${form.name}: ${html}`);
      for (const tag of ['area', 'map', 'form', 'button', 'input', 'base', 'meta', 'svg', 'math', 'iframe', 'object', 'embed', 'link', 'portal']) {
        assert.ok(!seen.tags.includes(tag), `${form.name} keeps <${tag}>: ${html}`);
      }
      assert.ok(!html.includes('evil.example'), `${form.name} keeps an evil address: ${html}`);
    }
  });

  test('only the http(s) anchors of the hostile forms keep an address, in data-href', async () => {
    const all = await sanitise(HOSTILE_LINK_FORMS.map((f) => f.html).join(''));
    const seen = await inspect(all.html);
    assert.deepEqual(seen.anchors.filter((a) => a.dataHref).map((a) => a.dataHref), [PLAIN_LINK, TOP_LINK]);
    assert.deepEqual(seen.anchors.filter((a) => a.mailto).map((a) => a.mailto), ['ana@shop.example?subject=hi']);
    // The words of removed controls may go with them; the words of links and text stay.
    for (const words of ['Plain link', 'Relative link', 'Script link', 'Mail link', 'Div with href']) assert.ok(seen.text.includes(words), words);
  });

  test('search words are marked in text, never inside attributes', async () => {
    const { html } = await sanitise(`<p title="pedido">Su pedido llegó</p><a href="${PLAIN_LINK}">pedido 77</a>`, ['pedido']);
    assert.equal((html.match(/<mark>/g) ?? []).length, 2);
    assert.match(html, /title="pedido"/);
  });
});
