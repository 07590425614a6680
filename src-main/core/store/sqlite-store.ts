/**
 * The SQLite implementation of Store (store.ts). It owns every connection and thread of the cache:
 * the serving connection (pages, details, reviews, settings: short statements on the caller's thread),
 * the writer thread with its preparer (sync windows, purges), and three reader threads (counts;
 * facets and review progress; insights) so a long aggregate never delays a page.
 */
import type { DrawSampleInput, SampleCandidate } from '../reviews/sampling';
import { openDatabase, type Db } from './database';
import type { FacetField } from './columns';
import type { InteractionFilter, SortSpec } from './filters';
import { iterateRows, page, type InteractionRecord, type PageRequest } from './queries';
import { openStoreReader, type StoreReader } from './reader';
import { conversation, getInteraction, history } from './records';
import { planPurge, planServerRemoval, type PurgeRequest } from './retention';
import { getReview, reviewHistory, reviewStatusesOf, saveReview } from './reviews-sql';
import { drawSample, listSamples, sampleByName, sampleMembers } from './samples-sql';
import { activeScorecard, listScorecards, saveScorecard, scorecardVersion } from './scorecards-sql';
import { selectRows } from './selection';
import { getSetting, setSetting } from './settings';
import type { SampleDraw, Store } from './store';
import { callsToday, getRun, recentRuns } from './sync-log';
import { openStoreWriter, type StoreWriter } from './writer';

export interface SqliteStoreOptions {
  dbPath: string;
  /** Worker entry of the writer and reader threads (the Electron build passes its bundled file). */
  workerUrl?: URL;
  now?: () => number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SqliteStore implements Store {
  private constructor(
    /**
     * The serving connection. Public only for collaborators not yet moved onto Store operations
     * (sync handlers, retention, exports, auto-sync, settings repo); new code uses the operations.
     */
    readonly handle: Db,
    readonly writer: StoreWriter,
    /** Counts: the grid waits for them, so they never queue behind facets. */
    readonly counter: StoreReader,
    /** Facets and review progress. */
    readonly faceter: StoreReader,
    /** Insights scan the whole selection: a thread of their own. */
    readonly charter: StoreReader,
  ) {}

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const now = options.now ?? Date.now;
    const db = openDatabase(options.dbPath, { now });
    // This connection serves the UI: it must never sleep in SQLite's busy handler while the writer
    // thread commits a window. Requests that meet the write lock are tried again on a timer (BusyRetry).
    db.pragma('busy_timeout = 0');
    const started: { close(): Promise<void> }[] = [];
    try {
      const writer = await openStoreWriter({ dbPath: options.dbPath, workerUrl: options.workerUrl, now });
      started.push(writer);
      const reader = async () => {
        const r = await openStoreReader({ dbPath: options.dbPath, workerUrl: options.workerUrl });
        started.push(r);
        return r;
      };
      return new SqliteStore(db, writer, await reader(), await reader(), await reader());
    } catch (error) {
      // A thread that failed to start must not leave the others (and the file) open.
      for (const s of started) await s.close().catch(() => undefined);
      db.close();
      throw error;
    }
  }

  get sync(): StoreWriter {
    return this.writer;
  }

  async page(req: PageRequest) {
    return page(this.handle, req);
  }

  async search(text: string, req: PageRequest = {}) {
    return page(this.handle, { ...req, filter: { ...req.filter, text } });
  }

  count(filter: InteractionFilter) {
    return this.counter.count(filter);
  }

  facets(filter: InteractionFilter, fields: readonly FacetField[]) {
    return this.faceter.facets(filter, [...fields]);
  }

  async hasAny() {
    return page(this.handle, { filter: {}, limit: 1 }).rows.length > 0;
  }

  async interaction(id: number) {
    return getInteraction(this.handle, id);
  }

  async interactionHistory(id: number) {
    return history(this.handle, id);
  }

  async conversation(caseId: string, server: string) {
    return conversation(this.handle, caseId, server);
  }

  insights(filter: InteractionFilter, zone: string) {
    return this.charter.insights(filter, zone);
  }

  async *exportWalk(filter: InteractionFilter, sort?: SortSpec, batchSize = 1000): AsyncGenerator<InteractionRecord[]> {
    let batch: InteractionRecord[] = [];
    for (const row of iterateRows(this.handle, filter, sort, batchSize)) {
      batch.push(row);
      if (batch.length < batchSize) continue;
      yield batch;
      batch = [];
      // Between batches the event loop serves other requests (the walk itself is synchronous SQLite).
      await nextTurn();
    }
    if (batch.length > 0) yield batch;
  }

  async getReview(uid: string) {
    return getReview(this.handle, uid) ?? null;
  }

  async saveReview(input: Parameters<typeof saveReview>[1], now: number) {
    return saveReview(this.handle, input, now);
  }

  async reviewHistory(uid: string) {
    return reviewHistory(this.handle, uid);
  }

  async reviewStatuses(uids: readonly string[]) {
    return reviewStatusesOf(this.handle, uids);
  }

  reviewCounts(filter: InteractionFilter) {
    return this.faceter.reviewCounts(filter);
  }

  async activeScorecard(now: number) {
    return activeScorecard(this.handle, now);
  }

  async saveScorecard(input: unknown, now: number) {
    return saveScorecard(this.handle, input, now);
  }

  async scorecardVersion(id: string, version: number) {
    return scorecardVersion(this.handle, id, version) ?? null;
  }

  async listScorecards() {
    return listScorecards(this.handle);
  }

  async drawSample({ filter, ...rest }: SampleDraw, now: number) {
    const candidates = selectRows<SampleCandidate>(this.handle, filter, 'i.uid AS uid, i.agent_name AS agent_name, i.channel AS channel, i.status AS status');
    const input: DrawSampleInput = { ...rest, candidates, filter };
    return drawSample(this.handle, input, now);
  }

  async listSamples() {
    return listSamples(this.handle);
  }

  async sampleByName(name: string) {
    return sampleByName(this.handle, name) ?? null;
  }

  async sampleMembers(id: number) {
    return sampleMembers(this.handle, id);
  }

  async recentRuns(limit?: number) {
    return recentRuns(this.handle, limit);
  }

  async getRun(id: number) {
    return getRun(this.handle, id);
  }

  async callsToday(now: number, zone: string, server?: string) {
    return callsToday(this.handle, now, zone, server);
  }

  async getSetting(key: string) {
    return getSetting(this.handle, key);
  }

  async setSetting(key: string, value: string | null) {
    setSetting(this.handle, key, value);
  }

  async planPurge(req: PurgeRequest) {
    return planPurge(this.handle, req);
  }

  /** On the writer thread, after any window in progress. */
  purge(req: PurgeRequest) {
    return this.writer.purge(req);
  }

  async planServerRemoval(server: string) {
    return planServerRemoval(this.handle, server);
  }

  removeServerData(server: string) {
    return this.writer.removeServerData(server);
  }

  async close() {
    // The writer first: a window in progress finishes (or rolls back) before the readers go.
    await this.writer.close();
    await this.counter.close();
    await this.faceter.close();
    await this.charter.close();
    this.handle.close();
  }
}

/** Opens the SQLite store (creating or migrating the cache file). */
export function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return SqliteStore.open(options);
}
