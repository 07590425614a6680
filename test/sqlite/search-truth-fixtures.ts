/**
 * The search truth (test/contract/search-truth.ts) checked on a SQLite connection directly.
 */
import assert from 'node:assert/strict';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import { count, page } from '../../src-main/core/store/sqlite/reads/queries';
import { expected, TRUTH } from '../contract/search-truth';

export { CORPUS, corpusRecords, expected, TRUTH } from '../contract/search-truth';

/** Documents are told apart by cod_act (a field no search reads). */
const caseIds = (rows: { cod_act: string }[]) => rows.map((r) => r.cod_act).sort();

/** Every query of the truth finds exactly its cases, in date order and in a sorted order, and counts them. */
export function checkTruth(db: Db): void {
  for (const [text, pred] of TRUTH) {
    const want = expected(pred);
    assert.deepEqual(caseIds(page(db, { filter: { text }, limit: 1000 }).rows), want, `search ${JSON.stringify(text)}`);
    assert.deepEqual(caseIds(page(db, { filter: { text }, sort: { field: 'agent_name', dir: 'asc' }, limit: 1000 }).rows), want, `sorted search ${JSON.stringify(text)}`);
    assert.equal(count(db, { text }), want.length, `count of ${JSON.stringify(text)}`);
  }
}
