import { join } from 'node:path';
import { after } from 'node:test';
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import { openStoreWriter, type StoreWriter, type StoreWriterOptions } from '../../src-main/core/store/sqlite/threads/writer';
import { runSync, type SyncSpan, type SyncResult } from '../../src-main/core/sync/sync-engine';
import { FileTokenLock } from '../../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../../src-main/core/sync/token-lock';
import { ZoneConverter } from '../../src-main/core/time/zone';
import type { AnswerParser } from '../../src-main/core/wolkvox/answer';
import { Chat4Client } from '../../src-main/core/wolkvox/client';
import { startSimulator, type SimOptions, type Simulator } from '../../src-main/sim/server';
import { tempDir } from './temp-dir';

export const TOKEN = 'sync-rig-secret-token-0d9e';
export const ZONE = 'America/Bogota';
export const bogota = new ZoneConverter(ZONE);
/** The simulated "now": 2026-03-01 12:00 in Bogota. */
export const NOW = bogota.parseToUtc('2026-03-01 12:00:00')!;
export const FAST_RETRY = { attempts: 6, baseMs: 5, maxMs: 20 };

export interface Rig {
  sim: Simulator;
  dir: string;
  dbPath: string;
  writer: StoreWriter;
  /** `parser`: how answers are read (default: the writer's, as the app does). */
  sync(range: SyncSpan, extra?: { signal?: AbortSignal; now?: number; parser?: AnswerParser }): Promise<SyncResult>;
  read(): Db;
}

/**
 * A simulator, a real SQLite file with the worker writer, and the real lock, torn down after the file's tests.
 * `writerOptions`: the store writer's options beyond its file (a worker entry of the test's, say).
 */
export async function syncRig(simOptions: SimOptions = {}, writerOptions: Omit<StoreWriterOptions, 'dbPath'> = {}): Promise<Rig> {
  const dir = tempDir('wolkvox-sync-');
  const dbPath = join(dir, 'cache.sqlite');
  let now = NOW;
  const sim = await startSimulator({ tokens: [TOKEN], now: () => now, quotaPerDay: 100_000, ...simOptions });
  const writer = await openStoreWriter({ ...writerOptions, dbPath });
  const lock = new FileTokenLock({ dir: join(dir, 'locks'), pollMs: 5 });
  const readers: Db[] = [];
  after(async () => {
    for (const r of readers) r.close();
    await writer.close();
    await sim.stop();
  });
  return {
    sim,
    dir,
    dbPath,
    writer,
    sync(range, extra = {}) {
      if (extra.now !== undefined) now = extra.now;
      // The client's own (production) time limits: a tighter one could expire under load and change a test's call count.
      const client = new Chat4Client({ server: '0032', baseUrl: sim.url, parser: extra.parser ?? writer.parser });
      return runSync(
        { client, store: writer, lock, now: () => now, sleep: defaultSleep, retry: FAST_RETRY },
        { server: '0032', token: TOKEN, zone: ZONE, range, signal: extra.signal },
      );
    },
    read() {
      const db = openDatabase(dbPath, { readonly: true });
      readers.push(db);
      return db;
    },
  };
}

export function range(from: string, to: string): SyncSpan {
  return { kind: 'range', startUtc: bogota.parseToUtc(`${from} 00:00:00`)!, endUtc: bogota.parseToUtc(`${to} 00:00:00`)! };
}
