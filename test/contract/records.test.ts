/**
 * Whole interactions through the port: text from the API is hostile (HTML, scripts, control characters,
 * emoji, 100 KB emails) and is stored and given back exactly; the grid gets long text cut to 2,000
 * characters and says so, the detail, the conversation and the export walk get it whole. The export walk
 * uses the grid's order (newest first by default; grid-order.ts) and yields full batches but the last.
 * A re-sync that changes a row keeps its earlier version, oldest first, with the fields that changed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changed, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

const HOSTILE = [
  `<script>alert(1)</script><img src=x onerror="alert(2)"> ${'ñ😀'.repeat(10)}`,
  'tab\there\r\nnew line\u0007bell\u202Ebidi\u200Bzero width\uFEFF',
  '=cmd|" /C calc"!A0 +1 -1 @SUM(1)',
  `${'lorem ipsum dolor '.repeat(6000)}FIN`,
];

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: hostile text is given back exactly; the grid cuts long text and says so; detail, conversation and export walk are whole`, () =>
    withStore(impl, async (store) => {
      const subject = 'asunto\u0000con NUL\u0007';
      const comments = 'nota\u0000oculta';
      const records = HOSTILE.map((body, i) => recordOf({ case_id: 'H1', subject, body, answer: body, comments: i === 3 ? body : comments, date_creation: `2026-01-0${i + 1} 10:00:00` }, { extra_field: 'kept in raw' }));
      await syncRecords(store, records);
      const grid = (await store.page({ sort: { field: 'created', dir: 'asc' } })).rows;
      for (const [i, row] of grid.entries()) {
        const long = [...HOSTILE[i]!].length > 2000;
        assert.equal(row.truncated, long, `row ${i} cut`);
        assert.equal(row.body, long ? HOSTILE[i]!.slice(0, 2000) : HOSTILE[i]);
        assert.equal(row.subject, subject, 'a NUL is text like any other');
        const detail = (await store.interaction(row.id))!;
        assert.deepEqual([detail.subject, detail.body, detail.answer, detail.uid, detail.server, detail.zone], [subject, HOSTILE[i], HOSTILE[i], row.uid, SERVER, ZONE]);
        assert.equal(detail.comments, i === 3 ? HOSTILE[3] : comments);
        assert.deepEqual(JSON.parse(detail.raw), JSON.parse(records[i]!.raw), 'the record as the API sent it, extra fields too');
      }
      assert.equal(HOSTILE[3]!.length > 100_000, true);
      const talk = await store.conversation('H1', SERVER);
      assert.deepEqual(talk.map((r) => r.body), HOSTILE, 'a conversation: whole, in creation order');
      assert.deepEqual(await store.conversation('H1', 'another server'), []);
      const walked: string[] = [];
      for await (const batch of store.exportWalk({})) walked.push(...batch.map((r) => `${r.subject}|${r.comments}|${r.body}`));
      assert.deepEqual(walked, HOSTILE.map((b, i) => `${subject}|${i === 3 ? b : comments}|${b}`).reverse(), 'the export walk: whole, newest first by default');
      assert.equal(await store.interaction(Number.MAX_SAFE_INTEGER), null);
    }));

  test(`${impl.name}: a NUL inside a long text does not end the grid's cut early (2,000 characters, by code point)`, () =>
    withStore(impl, async (store) => {
      const long = `antes\u0000después 😀 ${'x'.repeat(3000)}`;
      const short = `nota\u0000${'y'.repeat(1990)}😀😀`;
      await syncRecords(store, [recordOf({ body: long, answer: short, comments: 'sin NUL' })]);
      const [row] = (await store.page({})).rows;
      assert.equal(row!.body, [...long].slice(0, 2000).join(''));
      assert.equal(row!.answer, short, 'exactly 1,997 characters (2,001 UTF-16 units): not cut');
      assert.equal(row!.truncated, true);
      const detail = (await store.interaction(row!.id))!;
      assert.deepEqual([detail.body, detail.answer], [long, short]);
    }));

  test(`${impl.name}: the export walk follows the page order of its filter and sort, in full batches but the last; an empty selection yields nothing`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, Array.from({ length: 45 }, (_, i) => recordOf({ agent_name: ['b', 'a', 'C'][i % 3]!, date_creation: `2026-01-${String(1 + (i % 20)).padStart(2, '0')} 10:00:00` })));
      for (const [sort, batchSize] of [[undefined, 10], [{ field: 'agent_name', dir: 'desc' }, 7], [{ field: 'created', dir: 'asc' }, 45]] as const) {
        const sizes: number[] = [];
        const uids: string[] = [];
        for await (const batch of store.exportWalk({ agents: ['a', 'C'] }, sort, batchSize)) {
          sizes.push(batch.length);
          uids.push(...batch.map((r) => r.uid));
        }
        assert.deepEqual(uids, (await store.page({ filter: { agents: ['a', 'C'] }, ...(sort ? { sort } : {}), limit: 1000 })).rows.map((r) => r.uid));
        assert.equal(uids.length, 30);
        assert.ok(sizes.slice(0, -1).every((n) => n === batchSize) && sizes.at(-1)! <= batchSize, `batches ${sizes.join(',')}`);
      }
      let batches = 0;
      for await (const _ of store.exportWalk({ agents: ['nobody'] })) batches++;
      assert.equal(batches, 0);
    }));

  test(`${impl.name}: earlier versions of an interaction are kept oldest first, with what changed; an unchanged re-sync adds none`, () =>
    withStore(impl, async (store) => {
      const record = recordOf({ status: 'open', answer: '' }, { extra: 1 });
      await syncRecords(store, [record], { now: NOW });
      const id = (await store.page({})).rows[0]!.id;
      assert.deepEqual(await store.interactionHistory(id), []);
      const second = changed(record, { status: 'closed', close_date: '2026-01-19 08:00:00' });
      await syncRecords(store, [second], { now: NOW + 1000 });
      await syncRecords(store, [second], { now: NOW + 2000 });
      const third = { fields: { ...second.fields, answer: 'resuelto' }, raw: JSON.stringify({ ...JSON.parse(second.raw), answer: 'resuelto', extra: 2 }) };
      await syncRecords(store, [third], { now: NOW + 3000 });
      const history = await store.interactionHistory(id);
      assert.equal(history.length, 2);
      assert.deepEqual(history.map((h) => [...h.changedFields].sort()), [['close_date', 'status'], ['answer']]);
      assert.deepEqual([history[0]!.oldFields.status, history[1]!.oldFields.status, history[1]!.oldFields.answer], ['open', 'closed', '']);
      assert.deepEqual(JSON.parse(history[0]!.oldRaw), JSON.parse(record.raw));
      assert.ok(history[0]!.changedAt <= history[1]!.changedAt);
      const detail = (await store.interaction(id))!;
      assert.deepEqual([detail.status, detail.answer, detail.closedUtc], ['closed', 'resuelto', Date.UTC(2026, 0, 19, 13)]);
    }));
}
