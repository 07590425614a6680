/**
 * Paging, as grid-order.ts states the order: keyset pages of random sizes, jumps to random depths and
 * the export walk, for several sorts and filters over a few thousand awkward rows, each compared with a
 * naive reading of all rows sorted in JS by the same rule. Null and tie orders on a small hand-made set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../src-main/core/random/prng';
import type { Store } from '../../src-main/core/store/store';
import { recordOf } from '../integration/store-fixtures';
import { awkwardRecords } from './grid-fixture';
import { compareBy, everyRow, matches, type Filter, type OrderedRow, type Sort } from './grid-order';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

const SORTS: Sort[] = [
  { field: 'created', dir: 'desc' },
  { field: 'created', dir: 'asc' },
  { field: 'agent_name', dir: 'asc' },
  { field: 'agent_name', dir: 'desc' },
  { field: 'close_date', dir: 'asc' },
  { field: 'close_date', dir: 'desc' },
  { field: 'body', dir: 'asc' },
  { field: 'status', dir: 'desc' },
  { field: 'cod_act', dir: 'asc' },
  { field: 'subject', dir: 'desc' },
];
const FILTERS: Filter[] = [{}, { channels: ['Email', 'Chat'], closed: true }, { agents: ['Ana', 'ana', '𝒜 script', ''], fromUtc: Date.UTC(2026, 0, 6) }];

const uids = (rows: readonly { uid: string }[]) => rows.map((r) => r.uid);

/** Walks every page with sizes drawn from `rnd`. */
async function walk(store: Store, filter: Filter, sort: Sort, rnd: () => number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const limit = 1 + Math.floor(rnd() * 400);
    const page = await store.page({ filter, sort, limit, ...(after ? { after } : {}) });
    seen.push(...uids(page.rows));
    if (page.nextCursor === null) return seen;
    assert.equal(page.rows.length, limit, 'a page that is not the last is full');
    after = page.nextCursor;
  }
  throw new Error('paging did not end');
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: keyset pages of random sizes, jumps to random depths and the export walk follow the stated order exactly`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, awkwardRecords(3000, 2026), { windowSize: 1000 });
      const all = await everyRow(store);
      assert.equal(all.length, 3000);
      assert.ok(all.some((r) => r.createdUtc === null) && all.some((r) => r.closedUtc === null), 'the data has null instants');
      const rnd = mulberry32(18);
      for (const filter of FILTERS) {
        const selected = all.filter((r) => matches(r, filter));
        assert.equal(await store.count(filter), selected.length, `count ${JSON.stringify(filter)}`);
        for (const sort of SORTS) {
          const label = `${JSON.stringify(filter)} by ${sort.field} ${sort.dir}`;
          const expected = uids([...selected].sort(compareBy(sort)));
          assert.deepEqual(await walk(store, filter, sort, rnd), expected, `pages ${label}`);
          for (let k = 0; k < 3; k++) {
            const offset = Math.floor(rnd() * selected.length);
            const limit = 1 + Math.floor(rnd() * 200);
            const jumped = await store.page({ filter, sort, limit, offset });
            assert.deepEqual(uids(jumped.rows), expected.slice(offset, offset + limit), `offset ${offset} ${label}`);
            assert.equal(jumped.nextCursor === null, offset + limit >= expected.length, `end of ${label}`);
            if (jumped.nextCursor) {
              const next = await store.page({ filter, sort, limit, after: jumped.nextCursor, offset: 3 });
              assert.deepEqual(uids(next.rows), expected.slice(offset + limit + 3, offset + 2 * limit + 3), `cursor then offset ${label}`);
            }
          }
        }
        const sort = SORTS[Math.floor(rnd() * SORTS.length)]!;
        const walked: string[] = [];
        for await (const batch of store.exportWalk(filter, sort, 97)) walked.push(...uids(batch));
        assert.deepEqual(walked, uids([...selected].sort(compareBy(sort))), `export walk ${JSON.stringify(filter)} ${sort.field}`);
      }
    }));

  test(`${impl.name}: nulls sort first ascending and last descending; ties keep id order in the sort's direction, one row per page too`, () =>
    withStore(impl, async (store) => {
      const at = (d: number, close = '') => recordOf({ agent_name: 'Same', date_creation: `2026-01-0${d} 10:00:00`, close_date: close });
      await syncRecords(store, [at(1, '2026-01-09 10:00:00'), at(2), at(2), at(3, '2026-01-08 10:00:00'), at(4), at(5, '2026-01-09 10:00:00'), recordOf({ agent_name: 'Same', date_creation: 'n/a' })]);
      const all = await everyRow(store);
      const byId = [...all].sort((a, b) => a.id - b.id);
      const created = byId.map((r) => r.createdUtc);
      assert.equal(created[0], null, 'no readable date: before every dated row');
      assert.deepEqual(created.slice(1), [...created.slice(1)].sort((a, b) => a! - b!), 'ids follow creation');
      const order = async (sort: Sort, limit: number) => {
        const seen: OrderedRow[] = [];
        let after: string | undefined;
        do {
          const page: { rows: OrderedRow[]; nextCursor: string | null } = await store.page({ sort, limit, ...(after ? { after } : {}) });
          seen.push(...page.rows);
          after = page.nextCursor ?? undefined;
        } while (after);
        return seen;
      };
      for (const limit of [1, 2, 100]) {
        const asc = await order({ field: 'close_date', dir: 'asc' }, limit);
        assert.deepEqual(asc.map((r) => r.closedUtc === null), [true, true, true, true, false, false, false], `nulls first ascending (pages of ${limit})`);
        assert.deepEqual(asc.slice(0, 4).map((r) => r.id), asc.slice(0, 4).map((r) => r.id).sort((a, b) => a - b), 'the null group by id ascending');
        assert.deepEqual(asc.slice(4).map((r) => r.closedUtc), [Date.UTC(2026, 0, 8, 15), Date.UTC(2026, 0, 9, 15), Date.UTC(2026, 0, 9, 15)]);
        assert.ok(asc[5]!.id < asc[6]!.id, 'a tie ascending: lower id first');
        const desc = await order({ field: 'close_date', dir: 'desc' }, limit);
        assert.deepEqual(uids(desc), uids([...asc].reverse()), `descending is the exact reverse (pages of ${limit})`);
        const ties = await order({ field: 'agent_name', dir: 'desc' }, limit);
        assert.deepEqual(ties.map((r) => r.id), byId.map((r) => r.id).reverse(), 'all tied: id descending');
      }
    }));

  test(`${impl.name}: a cursor belongs to its sort; a bad cursor or limit is refused as bad input`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, awkwardRecords(20, 5));
      const first = await store.page({ sort: { field: 'agent_name', dir: 'asc' }, limit: 5 });
      const badInput = (e: unknown) => (e as { kind?: string }).kind === 'bad-input';
      await assert.rejects(store.page({ sort: { field: 'status', dir: 'asc' }, limit: 5, after: first.nextCursor! }), badInput);
      await assert.rejects(store.page({ limit: 5, after: 'not a cursor' }), badInput);
      await assert.rejects(store.page({ sort: { field: 'nope' as 'status', dir: 'asc' } }), badInput);
      await assert.rejects(store.page({ limit: 0 }), badInput);
      await assert.rejects(store.page({ limit: 1001 }), badInput);
      assert.equal((await store.page({})).rows.length, 20, 'default limit covers a small cache');
    }));
}
