import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, htmlToText, looksLikeHtml, readableText } from '../../src-main/core/api/html-text';

test('blocks, <br>, list items and cells give line breaks and tabs; styles, scripts, head and comments vanish', () => {
  const html =
    '<!DOCTYPE html><html><head><title>Asunto</title><style>td{padding:0;border:1px} p{margin:0}</style></head><body>' +
    '<!-- a comment with <p>tags</p> --><p>Hola Ana</p><div>Line one<br>Line two</div>' +
    '<table><tr><td>Pedido</td><td>$120</td></tr></table><script>x("</p>")</script><ul><li>a</li><li>b</li></ul></body></html>';
  assert.equal(htmlToText(html), 'Hola Ana\nLine one\nLine two\nPedido\t$120\n• a\n• b');
  assert.equal(htmlToText('<p>a</p>\n\n\n\n<p>b</p>'), 'a\nb', 'white space between blocks is no text');
  assert.equal(htmlToText('a<br><br><br><br>b'), 'a\n\nb', 'runs of blank lines shrink to one');
  assert.equal(htmlToText('<P>  many   spaces\n and\tlines </P>'), 'many spaces and lines', 'white space collapses, tags in any case');
  assert.equal(htmlToText('<pre>keep\n  this</pre>'), 'keep\nthis', 'a <pre> keeps its line breaks');
});

test('character references decode; unknown ones stay; impossible code points become U+FFFD', () => {
  assert.equal(htmlToText('<p>&lt;b&gt; &amp; lleg&oacute; &#8212; &#x1F44D; caf&eacute;&nbsp;ok</p>'), '<b> & llegó — 👍 café ok');
  assert.equal(decodeEntities('&madeup; &#0; &#xD800; &#1114112;'), '&madeup; \ufffd \ufffd \ufffd');
});

test('attributes with > inside quotes, alt text of images, and the panel label', () => {
  const html = '<div title="a > b" data-x=\'c>d\'>Texto</div><img src="http://t.example/p.gif"><img alt="Logo &amp; marca" src=x>';
  assert.equal(htmlToText(html), 'Texto\nLogo & marca');
  assert.equal(htmlToText(html, { imageLabel: 'imagen' }), 'Texto\n[imagen] [imagen: Logo & marca]');
});

test('hostile input: unclosed tags and comments, stray <, a hidden element to the end, in linear time', () => {
  assert.equal(htmlToText('<p>3 < 5 and <3'), '3 < 5 and <3');
  assert.equal(htmlToText('<p>before<!-- never closed <p>x'), 'before');
  assert.equal(htmlToText('<p>before<style>p{} and the rest'), 'before');
  assert.equal(htmlToText('<p>before<STYLE>x</style >after'), 'beforeafter');
  assert.equal(htmlToText('<div title="never closed>'), '');
  const big = '<div><span style="a">x</span>'.repeat(20_000) + '<style>'.repeat(5_000);
  assert.equal(htmlToText(big).length, 20_000 * 2 - 1, 'every x, one per line');
});

test('plain text is left as it is: only an HTML body is converted', () => {
  assert.equal(looksLikeHtml('Precio 3 < 5 y 7 > 2'), false);
  assert.equal(readableText('Precio <3 <b no es html'), 'Precio <3 <b no es html');
  assert.equal(readableText('<b>negrita</b> y <i>cursiva</i>'), 'negrita y cursiva');
});


test('only the words a reader sees: no tags, styles, scripts, comments, attribute values', () => {
  const html =
    '<!DOCTYPE html><html><head><title>Asunto interno</title><style>td{padding:4px;border:1px}</style><meta name="x" content="metadato"></head>' +
    '<body class="html"><!-- comentario oculto --><table><tr><td>Hola</td><td>Ana</td></tr></table>' +
    '<img src="https://t.example/p.gif?id=trk93817" alt="pixel"><script>var secreto = "<p>no</p>";</script>' +
    '<p>Gracias<br>Soporte</p></body></html>';
  const text = htmlToText(html);
  assert.equal(text, 'Hola\tAna\npixel\nGracias\nSoporte', 'an image is its alt text, never its address');
  for (const hidden of ['padding', 'border', 'td', 'html', 'trk93817', 'secreto', 'comentario', 'metadato', 'Asunto']) {
    assert.ok(!text.includes(hidden), hidden);
  }
});

test('entities are decoded, numeric ones all, and the result is never re-read as markup', () => {
  assert.equal(htmlToText('<p>Tom &amp; Jerry &lt;b&gt;no&lt;/b&gt; &quot;x&quot; &#39;y&#39; &#x1F600; &aacute;rbol &ntilde; &nbsp;fin</p>'), 'Tom & Jerry <b>no</b> "x" \'y\' 😀 árbol ñ fin');
  assert.equal(decodeEntities('&#0; &#x110000; &#xD800; &bogus;'), '\ufffd \ufffd \ufffd &bogus;');
  assert.equal(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), '<script>alert(1)</script>');
});

test('hostile markup: unclosed tags, quotes holding >, stray <, case, control characters and emoji', () => {
  assert.equal(htmlToText('<p title="a > b">uno</p>dos <div class="x'), 'uno\ndos');
  assert.equal(htmlToText('<P>1 < 2 y 3 <4</P>'), '1 < 2 y 3 <4');
  assert.equal(htmlToText('<STYLE>p{}</STYLE><p>visible</p><ScRiPt>x</sCrIpT >después'), 'visible\ndespués');
  assert.equal(htmlToText('<p>a<script>sin fin'), 'a');
  assert.equal(htmlToText('<p>a<!-- sin fin <p>b</p>'), 'a');
  assert.equal(htmlToText('<p>NUL\u0000 ESC\u001b 🚚 مرحبا</p>'), 'NUL\u0000 ESC\u001b 🚚 مرحبا');
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
  assert.equal(readableText('Tom &amp; Jerry <3'), 'Tom &amp; Jerry <3');
  assert.equal(looksLikeHtml('<div>hola</div>'), true);
  assert.equal(readableText('<div>hola</div>'), 'hola');
});
