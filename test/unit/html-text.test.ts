import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities } from '../../src-main/core/search/entities';
import { htmlToText, looksLikeHtml, visibleTextOf } from '../../src-main/core/search/html-text';

test('only the words a reader sees: no tags, styles, scripts, comments, attribute values', () => {
  const html =
    '<!DOCTYPE html><html><head><title>Asunto interno</title><style>td{padding:4px;border:1px}</style><meta name="x" content="metadato"></head>' +
    '<body class="html"><!-- comentario oculto --><table><tr><td>Hola</td><td>Ana</td></tr></table>' +
    '<img src="https://t.example/p.gif?id=trk93817" alt="pixel"><script>var secreto = "<p>no</p>";</script>' +
    '<p>Gracias<br>Soporte</p></body></html>';
  const text = htmlToText(html);
  assert.equal(text, 'Hola\tAna\nGracias\nSoporte');
  for (const hidden of ['padding', 'border', 'td', 'html', 'trk93817', 'secreto', 'comentario', 'metadato', 'Asunto', 'pixel']) {
    assert.ok(!text.includes(hidden), hidden);
  }
});

test('entities are decoded, numeric ones all, and the result is never re-read as markup', () => {
  assert.equal(htmlToText('<p>Tom &amp; Jerry &lt;b&gt;no&lt;/b&gt; &quot;x&quot; &#39;y&#39; &#x1F600; &aacute;rbol &ntilde; &nbsp;fin</p>'), 'Tom & Jerry <b>no</b> "x" \'y\' 😀 árbol ñ fin');
  assert.equal(decodeEntities('&#0; &#x110000; &#xD800; &bogus; &amp &copy &aacute'), '\ufffd \ufffd \ufffd &bogus; & © &aacute');
  assert.equal(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), '<script>alert(1)</script>');
});

test('hostile markup: unclosed tags, quotes holding >, stray <, case, control characters and emoji', () => {
  assert.equal(htmlToText('<p title="a > b">uno</p>dos <div class="x'), 'uno\ndos');
  assert.equal(htmlToText('<P>1 < 2 y 3 <4</P>'), '1 < 2 y 3 <4');
  assert.equal(htmlToText('<STYLE>p{}</STYLE><p>visible</p><ScRiPt>x</sCrIpT >después'), 'visible\ndespués');
  assert.equal(htmlToText('<p>a<script>sin fin'), 'a');
  assert.equal(htmlToText('<p>a<!-- sin fin <p>b</p>'), 'a');
  assert.equal(htmlToText('<p>NUL\u0000 ESC\u001b 🚚 مرحبا</p>'), 'NUL\u0000 ESC\u001b 🚚 مرحبا');
  assert.equal(htmlToText('<p>x</p></ y>z</>w'), 'x\nzw');
  assert.equal(htmlToText('<b>İstanbul</b> <style>x</style>ok'), 'İstanbul ok');
});

test('a 100 KB e-mail and pathological input convert in one pass', () => {
  const row = '<tr><td style="padding:4px">Producto</td><td>&euro; 10,00</td></tr>';
  const big = `<html><body><table>${row.repeat(Math.ceil(100_000 / row.length))}</table></body></html>`;
  const text = htmlToText(big);
  assert.ok(text.startsWith('Producto\t€ 10,00\nProducto'));
  assert.ok(!text.includes('padding'));
  // Many unclosed quotes and tags: must end (linear scan), keeping what precedes them.
  assert.equal(htmlToText('<p>ok</p>' + '<a "'.repeat(50_000)), 'ok');
  assert.equal(htmlToText('<'.repeat(100_000)).length, 100_000);
});

test('plain text is left as it is; HTML is recognised as the UI recognises it', () => {
  assert.equal(looksLikeHtml('precio < 5 & > 2'), false);
  assert.equal(visibleTextOf('Tom &amp; Jerry <3'), 'Tom &amp; Jerry <3');
  assert.equal(looksLikeHtml('<div>hola</div>'), true);
  assert.equal(visibleTextOf('<div>hola</div>'), 'hola');
});
