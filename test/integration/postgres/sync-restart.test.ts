// The fault: PostgreSQL restarted in the middle of a sync. A real engine run (simulator, client,
// sync engine) writes into the team cache; while its third window's transaction is open (held at the change
// counter's row lock by another session), the server restarts as after a crash. The run ends with a network
// error, not a hang; the server's log keeps the run; the next run resumes from the checkpoint and pays
// for no window twice, and every interaction is there once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { FileTokenLock } from '../../../src-main/core/store/sqlite/locks/file-token-lock';
import type { SyncStore } from '../../../src-main/core/sync/sync-store';
import { runSync } from '../../../src-main/core/sync/sync-engine';
import { defaultSleep } from '../../../src-main/core/sync/token-lock';
import { Chat4Client } from '../../../src-main/core/wolkvox/client';
import { startSimulator } from '../../../src-main/sim/server';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { FAST_RETRY, NOW, range, TOKEN, ZONE } from '../../helpers/sync-rig';
import { tempDir } from '../../helpers/temp-dir';

// Durable: a test server's default (synchronous_commit off) may lose its last commits in an immediate restart, as a
// production server, which commits synchronously, does not.
const server = await startPostgres({ durable: true });

/** Resolves once some backend waits for a lock (the window's transaction, held by `blocker`). */
async function untilSomeoneWaits(sql: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted');
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('PostgreSQL restarted in the middle of a sync: the run fails as a network error, the next one resumes from its checkpoint with nothing twice', async () => {
  const db = server.createDatabase('restart');
  const store = await openPgStore(server, db, () => NOW);
  const sim = await startSimulator({ tokens: [TOKEN], now: () => NOW, quotaPerDay: 100_000, dataset: { from: '2025-10-01', to: '2026-02-28', rowsPerDay: 20 } });
  const lock = new FileTokenLock({ dir: tempDir('wolkvox-pg-restart-'), pollMs: 5 });
  let windows = 0;
  const inner = store.sync;
  // The third window's commit waits at the change counter's row lock, held by another session, and the
  // server restarts while it waits: its transaction is open on the server when the server goes.
  const sync: SyncStore = {
    parser: inner.parser,
    findResumableRun: (...a) => inner.findResumableRun(...a),
    startRun: (run) => inner.startRun(run),
    logCall: (runId, call) => inner.logCall(runId, call),
    finishRun: (runId, status, error) => inner.finishRun(runId, status, error),
    lastCoveredUtc: (s) => inner.lastCoveredUtc(s),
    async commitWindow(commit) {
      if (++windows !== 3) return inner.commitWindow(commit);
      const blocker = new pg.Client({ connectionString: server.url(db), options: '-c search_path=wolkvox' });
      blocker.on('error', () => undefined);
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT seq FROM change_counter FOR UPDATE');
      const committing = inner.commitWindow(commit);
      committing.catch(() => undefined);
      await untilSomeoneWaits(blocker);
      server.restart();
      await blocker.end().catch(() => undefined);
      return committing;
    },
  };
  const all = range('2025-10-01', '2026-03-01');
  const served = () => sim.stats().calls.filter((c) => c.status === 200 || c.status === 404).map((c) => c.dateIni);
  const run = () =>
    runSync(
      { client: new Chat4Client({ server: '0032', baseUrl: sim.url, parser: sync.parser }), store: sync, lock, now: () => NOW, sleep: defaultSleep, retry: FAST_RETRY },
      { server: '0032', token: TOKEN, zone: ZONE, range: all },
    );
  try {
    const first = await run();
    assert.equal(first.status, 'failed');
    assert.equal(first.error?.kind, 'network', JSON.stringify(first.error));
    const firstServed = served();
    assert.equal(firstServed.length, 3, 'two windows committed, the third fetched and lost with the restart');

    sim.resetStats();
    const second = await run();
    assert.equal(second.status, 'done', JSON.stringify(second.error));
    assert.equal(second.resumed, true);
    const secondServed = served();
    assert.equal(secondServed[0], firstServed[2], 'it goes on with the window the restart lost, not from the start');
    assert.equal(new Set([...firstServed.slice(0, 2), ...secondServed]).size, firstServed.slice(0, 2).length + secondServed.length, 'no committed window is asked again');

    const [total, distinct] = server.psql('SELECT count(*), count(DISTINCT uid) FROM wolkvox.interactions', db).split('|').map(Number);
    assert.equal(total, 151 * 20, 'every day of the range is in the team cache');
    assert.equal(distinct, total, 'nothing twice');
    const runs = server.psql("SELECT string_agg(status || ':' || coalesce(error_kind, ''), ',' ORDER BY id) FROM wolkvox.sync_runs", db);
    assert.equal(runs, 'failed:network,done:', 'the log keeps the stop and the finished run');
  } finally {
    await store.close();
    await sim.stop();
  }
});
