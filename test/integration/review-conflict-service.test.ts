import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDispatch } from '../../src-main/bridge/dispatch';
import type { Result, Review } from '../../src-main/core/api/contract';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openAppService } from '../helpers/open-service';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions } from '../sqlite/reviews-fixtures';

const NOW = 1_767_000_000_000;

/**
 * Two auditors' services on one cache file, each with its own settings (its own reviewer name), called
 * as the UI calls them (through the bridge's dispatch, the answer as JSON as the browser host sends it):
 * a save from a stale version fails as 'concurrency' carrying the other review; "keep mine" (their
 * version as the base) lands; a save with no base is not checked.
 */
test("the service refuses a save from a stale version with the other auditor's review, across the bridge", async () => {
  const cacheDir = tempDir('wolkvox-conflict-cache-');
  const dbPath = join(cacheDir, 'wolkvox-audit.sqlite');
  const db = openDatabase(dbPath);
  insertInteractions(db, [{ id: 1 << 16, uid: 'u-1', agent_name: 'Ana', channel: 'Email', status: 'close' }]);
  db.close();
  const open = (name: string, at: number) =>
    openAppService({ dataDir: tempDir(`wolkvox-conflict-${name}-`), dbPath, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, now: () => at, log: () => {} });
  const ana = await open('ana', NOW);
  const luis = await open('luis', NOW + 60_000);
  try {
    await ana.handlers['settings/set']({ key: 'reviewer', value: 'Ana' });
    await luis.handlers['settings/set']({ key: 'reviewer', value: 'Luis' });
    const asUi = (service: typeof ana) => {
      const dispatch = createDispatch(service.handlers);
      return async (args: unknown) => JSON.parse(JSON.stringify(await dispatch('reviews/save', args))) as Result<Review>;
    };
    const anaSave = asUi(ana);
    const luisSave = asUi(luis);

    const first = await anaSave({ uid: 'u-1', scores: { greeting: true }, note: 'ok', baseVersion: 0 });
    assert.ok(first.ok);
    assert.deepEqual([first.value.version, first.value.reviewer], [1, 'Ana']);

    const refused = await luisSave({ uid: 'u-1', scores: { greeting: false }, baseVersion: 0 });
    assert.ok(!refused.ok);
    assert.equal(refused.error.kind, 'concurrency');
    assert.match(refused.error.message, /^Ana saved this review at .+ while you were editing\. Your changes were not saved/);
    assert.deepEqual(refused.error.theirs, first.value, 'the other review, whole: who, when, scores, status, note');

    const kept = await luisSave({ uid: 'u-1', scores: { greeting: false }, baseVersion: refused.error.theirs!.version });
    assert.ok(kept.ok);
    assert.deepEqual([kept.value.version, kept.value.reviewer, kept.value.scores.greeting, kept.value.note], [2, 'Luis', false, 'ok']);
    const history = await ana.handlers['reviews/get']({ uid: 'u-1' });
    assert.equal(history.review?.version, 2);

    const unchecked = await anaSave({ uid: 'u-1', note: 'no base: not checked' });
    assert.ok(unchecked.ok);
    assert.deepEqual([unchecked.value.version, unchecked.value.reviewer], [3, 'Ana']);
    const bad = await anaSave({ uid: 'u-1', note: 'x', baseVersion: -1 });
    assert.ok(!bad.ok && bad.error.kind === 'bad-input' && bad.error.theirs === undefined);
  } finally {
    await luis.close();
    await ana.close();
  }
});
