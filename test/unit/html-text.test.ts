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
