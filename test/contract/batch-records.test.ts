/**
 * Whole interactions a batch at a time (what a selection taken offline reads from the team cache): by id,
 * in id order, exactly as one at a time gives them (hostile text included), ids that name none left out;
 * every interaction of several cases (conversations) in one read, in id order, a case on another server apart.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, recordOf, SERVER } from '../integration/store-fixtures';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: interactionsById and conversationsOf answer as interaction and conversation do, in one read`, () =>
    withStore(impl, async (store) => {
      const records = Array.from({ length: 9 }, (_, i) =>
        recordOf({ case_id: `C${i % 3}`, body: i === 4 ? 'nul\u0000 <b>😀</b>' : `cuerpo ${i}`, date_creation: `2026-01-0${1 + (i % 9)} 1${i}:00:00` }, i % 2 ? { extra: i } : undefined),
      );
      await syncRecords(store, records);
      await syncRecords(store, [recordOf({ case_id: 'C1', date_creation: '2026-01-05 09:00:00' })], { server: 'other' });
      const grid = (await store.page({ limit: 100 })).rows;
      const ids = grid.map((r) => r.id);
      const some = [ids[7]!, ids[2]!, ids[4]!, ids[2]!, 999_999_999_999, 1.5];
      const one = await Promise.all([...new Set(some.slice(0, 3))].sort((a, b) => a - b).map(async (id) => (await store.interaction(id))!));
      assert.deepEqual(await store.interactionsById(some), one);
      assert.deepEqual(await store.interactionsById([]), []);

      const cases = [{ caseId: 'C2', server: SERVER }, { caseId: 'C1', server: SERVER }, { caseId: 'none', server: SERVER }];
      const each = [...(await store.conversation('C2', SERVER)), ...(await store.conversation('C1', SERVER))].sort((a, b) => a.id - b.id);
      const batch = await store.conversationsOf(cases);
      assert.deepEqual(batch, each);
      assert.equal(batch.length, 6);
      assert.ok(batch.every((r) => r.server === SERVER), "another server's C1 is another conversation");
      assert.equal((await store.conversationsOf([{ caseId: 'C1', server: 'other' }])).length, 1);
      assert.deepEqual(await store.conversationsOf([]), []);
    }, () => NOW));
}
