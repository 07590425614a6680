/**
 * Search, as the Store port promises it (the parse is core/search/query.ts; these are its meanings):
 * - words match whole words, ignoring letter case and Latin accents ("ATENCIÓN" finds "atención");
 * - the last word, while typed (no space after it, three letters or more), also matches as a prefix;
 *   `word*` is a prefix anywhere; `"a phrase"` is consecutive words (an unclosed quote runs to the end);
 * - `-word` leaves rows out, `OR` in capitals accepts either; everything else is plain text: quotes,
 *   `*`, `-`, NEAR, parentheses, colons, `^` typed by a user never act as a query language's syntax and
 *   never raise an error;
 * - HTML fields are searched by their visible words; the case id and attachment names are searched too.
 * The truth (search-truth.ts) is written by hand over naive words, so it owes nothing to any index.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changed, recordOf } from '../integration/store-fixtures';
import { corpusRecords, CORPUS, expected, TRUTH } from './search-truth';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

/** Documents are told apart by cod_act, a field no search reads. */
const keys = (rows: readonly { cod_act: string }[]) => rows.map((r) => r.cod_act).sort();

const HOSTILE = ['"', '""', '"atención', 'atención"', '*', '**', 'pedido*', 'NEAR(pedido factura)', 'NEAR(', 'NEAR', '-', '--pedido', '-pedido',
  'pedido -factura', 'body:pedido', 'body:', ':', '^pedido', 'pedido OR', 'OR', 'pedido AND', 'NOT pedido', 'AND', '(pedido', ')', '()', '(pedido OR factura',
  "'; DROP TABLE interactions; --", '\u0000', '{body}: x', 'a"b"c', '"pedido" "', 'pedido" OR "factura', '\\', '%', '_', '+pedido', '~pedido', 'pedido^2', '[x]', '#', '@'];

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: every query of the hand-built truth finds exactly its rows, as a search, a filtered page in another order, a count and facets`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, corpusRecords());
      for (const [text, pred] of TRUTH) {
        const want = expected(pred);
        const label = JSON.stringify(text);
        assert.deepEqual(keys((await store.search(text, { limit: 1000 })).rows), want, `search ${label}`);
        assert.deepEqual(keys((await store.page({ filter: { text }, sort: { field: 'agent_name', dir: 'desc' }, limit: 1000 })).rows), want, `sorted page ${label}`);
        assert.equal(await store.count({ text }), want.length, `count ${label}`);
        const facet = (await store.facets({ text }, ['cod_act'])).cod_act ?? [];
        assert.deepEqual(facet.map((f) => f.value).sort(), want, `facet of ${label}`);
      }
    }));

  test(`${impl.name}: accents and letter case are ignored both ways; a typed prefix needs three letters; a space ends it`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, [
        recordOf({ cod_act: 'a', body: 'Atención al cliente' }),
        recordOf({ cod_act: 'b', body: 'ATENCION urgente' }),
        recordOf({ cod_act: 'c', body: 'atenciones varias' }),
        recordOf({ cod_act: 'd', body: 'Ñandú y pingüino' }),
        recordOf({ cod_act: 'e', body: 'at the desk' }),
      ]);
      const found = async (text: string) => keys((await store.search(text, { limit: 100 })).rows);
      for (const text of ['atención ', 'ATENCIÓN ', 'Atencion ', 'aTeNcIoN ']) assert.deepEqual(await found(text), ['a', 'b'], text);
      assert.deepEqual(await found('atencion'), ['a', 'b', 'c'], 'the word being typed is a prefix');
      assert.deepEqual(await found('ATENC'), ['a', 'b', 'c']);
      assert.deepEqual(await found('nandu pinguino '), ['d']);
      assert.deepEqual(await found('ÑANDÚ '), ['d']);
      assert.deepEqual(await found('at'), ['e'], 'two letters typed: a whole word, not every word starting "at"');
      assert.deepEqual(await found('aten*'), ['a', 'b', 'c'], 'a star makes a prefix anywhere');
      assert.deepEqual(await found('aten* urgente '), ['b']);
      assert.deepEqual(await found('"al cliente"'), ['a'], 'a phrase');
      assert.deepEqual(await found('"cliente al" '), [], 'a phrase keeps its order');
    }));

  test(`${impl.name}: text typed by a user is never syntax: no error, and the words it holds keep their plain meaning`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, corpusRecords());
      const total = Object.keys(CORPUS).length;
      for (const text of HOSTILE) {
        const label = JSON.stringify(text);
        const page = await store.search(text, { limit: 1000 });
        assert.equal(await store.count({ text }), page.rows.length, `count ${label}`);
        assert.ok(page.rows.length <= total, label);
        await store.facets({ text }, ['agent_name']);
      }
      const found = async (text: string) => keys((await store.search(text, { limit: 100 })).rows);
      // c13 holds the words "OR", "NEAR" and "body:x"; c01, c05, c06, c15 hold "pedido".
      assert.deepEqual(await found('NEAR( '), ['c13']);
      assert.deepEqual(await found('NEAR(pedido '), [], 'NEAR( is the word "near" followed by "pedido": no row holds both');
      assert.deepEqual(await found('body:x '), ['c13'], 'a colon is not a column filter');
      assert.deepEqual(await found('(pedido) '), expected((fs) => fs.some((f) => f.includes('pedido'))));
      assert.deepEqual(await found('"pedido'), await found('pedido'), 'an unbalanced quote runs to the end');
      assert.deepEqual(await found("'; DROP TABLE interactions; --"), [], 'three words no row holds');
      assert.equal(await store.count({}), total, 'and nothing was dropped');
      assert.deepEqual(await found('"'), keys((await store.page({ limit: 1000 })).rows), 'a lone quote searches nothing: every row');
    }));

  test(`${impl.name}: a search replaces the filter's own text, keeps its other choices, and says which fields matched`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, corpusRecords());
      const plain = await store.search('factura ', { limit: 100 });
      const replaced = await store.search('factura ', { filter: { text: 'pedido' }, limit: 100 });
      assert.deepEqual(replaced.rows.map((r) => r.uid), plain.rows.map((r) => r.uid));
      assert.deepEqual(keys((await store.search('pedido ', { filter: { typifications: ['c05', 'c02'] }, limit: 100 })).rows), ['c05']);
      const matched = async (text: string) => Object.fromEntries((await store.search(text, { limit: 100 })).rows.map((r) => [r.cod_act, r.matchedFields]));
      assert.deepEqual(await matched('factura '), { c02: ['body'], c08: ['attachments'] });
      assert.deepEqual(await matched('CASO-2026-00042'), { c07: ['case_id'] });
      assert.deepEqual(await matched('tarjeta '), { c11: ['body'], c14: ['subject', 'body'] });
      assert.deepEqual(await matched('ramirez OR gracias '), { c02: ['body'], c15: ['agent_name'], c16: ['answer'] });
      assert.ok((await store.page({ limit: 5 })).rows.every((r) => r.matchedFields === undefined), 'no search, no matched fields');
    }));

  test(`${impl.name}: the index follows the data: a row whose answer changes is found by its new words only, and the rebuild has nothing to do on a new cache`, () =>
    withStore(impl, async (store) => {
      const record = recordOf({ cod_act: 'x', answer: 'palabra antigua' });
      await syncRecords(store, [record, recordOf({ cod_act: 'y', body: 'otra cosa' })]);
      const progress: unknown[] = [];
      await store.rebuildSearchIndex((p) => progress.push(p));
      assert.equal(await store.count({ text: 'antigua ' }), 1);
      await syncRecords(store, [changed(record, { answer: 'palabra nueva' })]);
      assert.equal(await store.count({ text: 'antigua ' }), 0, 'the old words are gone');
      assert.deepEqual(keys((await store.search('nueva ', { limit: 10 })).rows), ['x']);
      assert.equal(await store.count({ text: 'palabra ' }), 1);
    }));
}
