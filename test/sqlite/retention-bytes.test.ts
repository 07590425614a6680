import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Profile, SyncRun } from '../../src-main/core/api/contract';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openAppService } from '../helpers/open-service';
import { resolvePaths } from '../../src-main/core/paths';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { recordOf, ZONE } from '../integration/store-fixtures';

/**
 * Purged means gone: after retention, the CLI's purge and a profile's removal, the texts of the removed
 * rows (body, agent name, case id, subject) are in no byte of the cache file, its -wal or its -shm, while
 * the app's store is still open (serving connection, writer, reader threads) and after it closed. The rows
 * are written the way a CLI sync writes them while the app runs (another connection), and analysed, so
 * before the operation the texts are in the files, the statistics (sqlite_stat4) included.
 */
const TOKEN = 'retention-bytes-token-5c1d';
const SERVER = '0032';
const DAY = 86_400_000;
const CANARIES = {
  body: 'zqxbodycanary',
  agent_name: 'Zqxagentcanary Pérez',
  case_id: 'ZQXCASECANARY',
  subject: 'zqxsubjectcanary',
};
const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);

/** A creation date `days` before now, as the API writes it (Bogota clock). */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * 400 old rows carrying the canaries, 4,000 recent ones, and one old row without them that is reviewed (a --keep-reviewed
 * purge keeps it, with its review and history). Written and analysed through a second connection, as a
 * CLI sync would while the app runs: the pages stay in the -wal.
 */
function seedCanaries(dbPath: string): string {
  const db = openDatabase(dbPath);
  try {
    const log = createSyncLog(db);
    const at = Date.now() - 50 * DAY;
    const records = Array.from({ length: 400 }, (_, i) =>
      recordOf({
        date_creation: daysAgo(60 + (i % 30)),
        body: `<p>Hola, ${CANARIES.body} número ${i}. ${'Texto largo del cliente. '.repeat(20)}</p>`,
        agent_name: `${CANARIES.agent_name} ${i % 7}`,
        case_id: `${CANARIES.case_id}${i}`,
        subject: `${CANARIES.subject} ${i}`,
      }),
    );
    // Recent rows in the same window (the same full-text segment): a purge removes under a tenth of the
    // segment, so FTS5 does not merge it of its own accord and the removed terms stay in it unless merged.
    const recent = Array.from({ length: 4000 }, (_, i) => recordOf({ date_creation: daysAgo(1 + (i % 5)), body: `Consulta reciente ${i}`, agent_name: 'Ana Gómez', subject: 'Reciente' }));
    const kept = recordOf({ date_creation: daysAgo(70), body: 'Fila revisada que se conserva', agent_name: 'Ana Revisora', case_id: 'KEPT1', subject: 'Conservada' });
    const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: at - 60 * DAY, rangeEndUtc: at, startedAt: at });
    log.commitWindow({
      runId, records: [...records, ...recent, kept], server: SERVER, zone: ZONE, now: at, cursorUtc: at,
      call: { server: SERVER, windowStartUtc: at - 60 * DAY, windowEndUtc: at, startedAt: at, durationMs: 10, outcome: 'ok', rows: records.length + recent.length + 1 },
    });
    log.finishRun(runId, 'done', at + 1);
    const keptUid = db.prepare("SELECT uid FROM interactions WHERE case_id = 'KEPT1'").pluck().get() as string;
    saveReview(db, { uid: keptUid, scores: PASSING_SCORES, note: 'Bien', reviewer: 'Ana' }, Date.now() - 40 * DAY);
    saveReview(db, { uid: keptUid, note: 'Revisado otra vez', reviewer: 'Ana' }, Date.now() - 39 * DAY);
    db.exec('ANALYZE');
    return keptUid;
  } finally {
    db.close();
  }
}

/** Where each canary is found: file suffix → canaries found in its bytes (case-insensitively, as FTS lowers them). */
function canariesIn(dbPath: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const file = dbPath + suffix;
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
    const hits = Object.entries(CANARIES).filter(([, text]) => lower.includes(Buffer.from(text.toLowerCase().split(' ')[0]!, 'utf8'))).map(([k]) => k);
    if (hits.length) found[`cache${suffix}`] = hits;
  }
  return found;
}

function assertFoundBefore(dbPath: string): void {
  const found = Object.values(canariesIn(dbPath)).flat();
  for (const key of Object.keys(CANARIES)) assert.ok(found.includes(key), `before the operation the ${key} canary is in the files: ${JSON.stringify(canariesIn(dbPath))}`);
  const db = openDatabase(dbPath, { readonly: true });
  const stat4 = db.prepare('SELECT count(*) FROM sqlite_stat4 WHERE CAST(sample AS TEXT) LIKE ?').pluck().get('%zqxagentcanary%') as number;
  db.close();
  assert.ok(stat4 > 0, 'sqlite_stat4 sampled the canary agent names');
}

/** Waits for a condition the writer reaches on its own timer (checked every 100 ms, at most 60 s). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function reviewsOf(dbPath: string, uid: string) {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return {
      rows: db.prepare('SELECT count(*) FROM interactions WHERE uid = ?').pluck().get(uid),
      reviews: db.prepare('SELECT status, note FROM reviews WHERE interaction_uid = ?').all(uid),
      history: db.prepare('SELECT count(*) FROM review_history WHERE interaction_uid = ?').pluck().get(uid),
    };
  } finally {
    db.close();
  }
}

test('every writing connection overwrites deleted content and keeps its WAL to a bounded size', () => {
  const path = join(tempDir('wolkvox-secure-delete-'), 'cache.sqlite');
  const db = openDatabase(path);
  try {
    assert.equal(db.pragma('secure_delete', { simple: true }), 1);
    assert.equal(db.pragma('journal_size_limit', { simple: true }), 64 * 1024 * 1024);
  } finally {
    db.close();
  }
});

describe('purged means gone: no byte of a removed row is left in the files', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 10_000, dataset: { rowsPerDay: 6 } });
  });
  after(() => sim.stop());

  async function openApp(): Promise<{ service: AppService; dataDir: string; dbPath: string; profile: Profile }> {
    const dataDir = tempDir('wolkvox-retention-bytes-');
    const service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: '0.0.0-test', env: {}, log: () => {} });
    const profile = await call<Profile>(service, 'profiles/save', { name: 'Operación', server: SERVER, zone: ZONE, baseUrl: sim.url });
    await call(service, 'token/set', { profileId: profile.id, token: TOKEN });
    return { service, dataDir, dbPath: resolvePaths({ dataDir, env: {} }).dbPath, profile };
  }

  test('retention after a sync', async () => {
    const { service, dbPath, profile } = await openApp();
    try {
      seedCanaries(dbPath);
      assertFoundBefore(dbPath);
      await call(service, 'retention/set', { profileId: profile.id, keepDays: 30, keepReviewed: false });
      const done = new Promise<SyncRun>((resolve) => {
        const off = service.subscribe((event, payload) => {
          if (event !== 'sync/finished') return;
          off();
          resolve((payload as { run: SyncRun }).run);
        });
      });
      await call(service, 'sync/start', { profileId: profile.id, range: { preset: 'last7' } });
      assert.equal((await done).status, 'done');
      const left = await call<{ total: number }>(service, 'interactions/count', { filter: { toUtc: Date.now() - 31 * DAY } });
      assert.equal(left.total, 0, 'retention removed the old rows');
      assert.deepEqual(canariesIn(dbPath), {}, 'while the app is open');
    } finally {
      await service.close();
    }
    assert.deepEqual(canariesIn(dbPath), {}, 'after the app closed');
  });

  test('the CLI purge (--keep-reviewed) while the app is open: reviews kept as before', async () => {
    const { service, dataDir, dbPath } = await openApp();
    try {
      const keptUid = seedCanaries(dbPath);
      const reviewedBefore = reviewsOf(dbPath, keptUid);
      assertFoundBefore(dbPath);
      const out = await runCliProcess(['purge', '--server', SERVER, '--older-than', '30', '--keep-reviewed', '--json'], { WOLKVOX_AUDIT_DATA_DIR: dataDir });
      assert.equal(out.code, 0, out.stderr);
      assert.equal(JSON.parse(out.stdout).removed.interactions, 400);
      assert.deepEqual(reviewsOf(dbPath, keptUid), reviewedBefore, 'the reviewed row, its review and review history stay');
      assert.equal(reviewedBefore.history, 2);
      assert.deepEqual(canariesIn(dbPath), {}, 'while the app is open');
      const page = await call<{ rows: { uid: string }[] }>(service, 'interactions/page', { filter: { toUtc: Date.now() - 31 * DAY }, offset: 0, limit: 10 });
      assert.deepEqual(page.rows.map((r) => r.uid), [keptUid], 'the app reads the file as the purge left it');
    } finally {
      await service.close();
    }
    assert.deepEqual(canariesIn(dbPath), {}, 'after the app closed');
  });

  test('a reader in a long read keeps the WAL until it ends; then the writer empties it by itself', async () => {
    const { service, dbPath, profile } = await openApp();
    const reader = openDatabase(dbPath, { readonly: true });
    try {
      seedCanaries(dbPath);
      // Another connection (a CLI export, a long aggregate) reads a snapshot from before the removal.
      reader.exec('BEGIN');
      assert.ok((reader.prepare('SELECT count(*) FROM interactions').pluck().get() as number) > 4000);
      await call(service, 'profiles/remove', { profileId: profile.id });
      assert.ok(existsSync(`${dbPath}-wal`) && readFileSync(`${dbPath}-wal`).length > 0, 'the checkpoint could not empty the WAL past the open read');
      reader.exec('COMMIT');
      await until(() => Object.keys(canariesIn(dbPath)).length === 0, 'the writer tried again once the read ended');
      assert.equal(readFileSync(`${dbPath}-wal`).length, 0, 'and truncated the WAL');
    } finally {
      reader.close();
      await service.close();
    }
    assert.deepEqual(canariesIn(dbPath), {});
  });

  test('removing a profile', async () => {
    const { service, dbPath, profile } = await openApp();
    try {
      seedCanaries(dbPath);
      assertFoundBefore(dbPath);
      const removed = await call<{ interactions: number }>(service, 'profiles/remove', { profileId: profile.id });
      assert.equal(removed.interactions, 4401);
      assert.deepEqual(canariesIn(dbPath), {}, 'while the app is open');
      const db = openDatabase(dbPath, { readonly: true });
      const stats = db.prepare('SELECT count(*) FROM sqlite_stat4 WHERE CAST(sample AS TEXT) LIKE ?').pluck().get('%zqx%');
      db.close();
      assert.equal(stats, 0, 'no statistics sample of a removed row');
    } finally {
      await service.close();
    }
    assert.deepEqual(canariesIn(dbPath), {}, 'after the app closed');
  });
});
