/**
 * The SQLite implementation of Store (store.ts). It owns every connection and thread of the cache:
 * the serving connection (pages, details, reviews, settings: short statements on the caller's thread),
 * the writer thread with its preparer (sync windows, purges), and three reader threads (counts;
 * facets and review progress; insights) so a long aggregate never delays a page.
 *
 * The serving connection never sleeps in SQLite's busy handler (busy_timeout = 0): while the writer
 * commits a window, a statement that meets the lock is tried again (busy.ts), writes in the order they
 * were made, each at the writer's next gap between slices (write-gate.ts). Callers never see SQLITE_BUSY.
 */
import type { SampleRule } from '../../reviews/sample-rule';
import type { ScorecardLanguage } from '../../reviews/types';
import { AppError } from '../../errors';
import { BusyRetry } from './connection/busy';
import { announcingWriter, watchChanges, type ChangeWatch } from './connection/change-feed';
import { openDatabase, type Db } from './connection/database';
import { driverError, withKinds } from './connection/driver-errors';
import type { FacetField } from '../sql/columns';
import type { InteractionFilter, SortSpec } from './reads/filters';
import { iterateRows, page, type InteractionRecord, type PageRequest } from './reads/queries';
import { createStoreReader, type StoreReader } from './threads/reader';
import { conversation, getInteraction, history } from './reads/records';
import { planPurge, planServerRemoval, type PurgeRequest } from './writes/retention';
import { getReview, reviewHistory, reviewMarksOf, reviewsOf, reviewStatusesOf, saveReview } from './audit/reviews-sql';
import { sqliteSamples, type SamplesPart } from './audit/samples-part';
import { activeScorecard, listScorecards, newestScorecard, saveScorecard, scorecardVersion } from './audit/scorecards-sql';
import { sqliteAssignments, type AssignmentsPart } from './audit/assignments-part';
import { sqliteOffline } from './offline/offline-part';
import type { OfflineStore } from '../offline-copy';
import { getSetting, setSetting, updateSettings } from './writes/settings';
import { stats } from './reads/stats';
import type { ChangeKind, SettingValues, SettingsChange, StoreChange } from '../store';
import { lastCoveredUtc, oldestOpenSince, rowsPerDay } from './writes/sync-estimates';
import { callsToday, getRun, recentRuns } from './writes/sync-log';
import type { SearchIndexProgress } from './reads/search-index';
import { openStoreWriter, type StoreWriter } from './threads/writer';
import { checkpointFollower, createWriteGate } from './connection/write-gate';

export interface SqliteStoreOptions {
  dbPath: string;
  /** Worker entry of the writer and reader threads (the Electron build passes its bundled file). */
  workerUrl?: URL;
  now?: () => number;
  /**
   * 'read' opens the file read-only (it must exist) with no writer thread: a CLI command that only
   * reads takes no lock and cannot change the cache. Default 'write'.
   */
  access?: 'read' | 'write';
  /** 'on-demand' starts the reader threads at their first aggregate (a CLI sync needs none). Default 'now'. */
  readers?: 'now' | 'on-demand';
  /** Rows of a sync window per transaction (writer.ts); the default lets saves in between slices. */
  sliceRows?: number;
  /**
   * A ceiling (MB) on the JavaScript heap of each of the cache's threads (writer, preparer, readers). A thread
   * that reaches it stops alone, its request fails with a clear error and the next one starts a fresh thread,
   * instead of the whole app growing until the OS kills it. Default: Node's own limit, sized from the machine.
   */
  threadHeapMb?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
type ReaderRole = 'counter' | 'faceter' | 'charter';

export class SqliteStore implements OfflineStore {
  private readonly busy: BusyRetry;
  private readonly readers = new Map<ReaderRole, StoreReader>();
  private closing: Promise<void> | null = null;
  private readonly watch: ChangeWatch;
  private readonly writer: StoreWriter | null;
  /** Turns this connection's automatic checkpoint off while the sync's writer holds checkpoints (write-gate.ts). */
  private readonly followCheckpoints: () => void;
  // Assignments and calibration (audit/assignments-part.ts), samples (audit/samples-part.ts): set in the constructor.
  declare readonly currentUser: AssignmentsPart['currentUser'];
  declare readonly knownAuditors: AssignmentsPart['knownAuditors'];
  declare readonly assignSample: AssignmentsPart['assignSample'];
  declare readonly sampleAssignment: AssignmentsPart['sampleAssignment'];
  declare readonly assignedMembers: AssignmentsPart['assignedMembers'];
  declare readonly createCalibration: AssignmentsPart['createCalibration'];
  declare readonly listCalibrations: AssignmentsPart['listCalibrations'];
  declare readonly calibrationMembers: AssignmentsPart['calibrationMembers'];
  declare readonly saveCalibrationScore: AssignmentsPart['saveCalibrationScore'];
  declare readonly calibrationScores: AssignmentsPart['calibrationScores'];
  declare readonly calibrationAgreement: AssignmentsPart['calibrationAgreement'];
  declare readonly deleteCalibration: AssignmentsPart['deleteCalibration'];
  declare readonly drawSample: SamplesPart['drawSample'];
  declare readonly listSamples: SamplesPart['listSamples'];
  declare readonly sampleByName: SamplesPart['sampleByName'];
  declare readonly sampleById: SamplesPart['sampleById'];
  declare readonly sampleMembers: SamplesPart['sampleMembers'];
  declare readonly renameSample: SamplesPart['renameSample'];
  declare readonly deleteSample: SamplesPart['deleteSample'];
  declare readonly offline: OfflineStore['offline']; // selections taken from a team cache (offline/offline-part.ts)

  private constructor(
    /** The serving connection. */
    private readonly db: Db,
    writer: StoreWriter | null,
    private readonly options: SqliteStoreOptions,
    gate: SharedArrayBuffer,
  ) {
    this.busy = new BusyRetry({ gate });
    this.followCheckpoints = checkpointFollower(gate, db);
    this.watch = watchChanges(db);
    this.writer = writer && announcingWriter(writer, this.watch);
    const serving = { read: <T>(work: () => T) => this.read(work), write: <T>(kinds: readonly ChangeKind[], work: () => T) => this.write(kinds, work) };
    Object.assign(this, sqliteAssignments(db, serving), sqliteSamples(db, serving), { offline: sqliteOffline(db, serving) });
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const now = options.now ?? Date.now;
    const readOnly = options.access === 'read';
    const db = openDatabase(options.dbPath, readOnly ? { readonly: true } : { now });
    // The app's serving connection never sleeps in SQLite's busy handler (BusyRetry instead). A read-only
    // store serves a CLI command, with no UI to keep answering: it keeps SQLite's own short busy wait.
    if (!readOnly) db.pragma('busy_timeout = 0');
    let writer: StoreWriter | null = null;
    let store: SqliteStore | null = null;
    try {
      // A write of this connection that meets the sync's lock waits for the writer's next slice (write-gate.ts).
      const gate = createWriteGate();
      if (!readOnly) writer = await openStoreWriter({ dbPath: options.dbPath, workerUrl: options.workerUrl, now, heapMb: options.threadHeapMb, sliceRows: options.sliceRows, gate });
      store = new SqliteStore(db, writer, options, gate);
      const opened = store;
      // Counts are what the grid waits for first: started now, they are ready when it asks.
      if ((options.readers ?? 'now') === 'now' && !readOnly) await Promise.all((['counter', 'faceter', 'charter'] as const).map(async (r) => (await opened.reader(r)).ready()));
      return store;
    } catch (error) {
      // A thread that failed to start must not leave the others (and the file) open.
      if (store) await store.close().catch(() => undefined);
      else {
        await writer?.close().catch(() => undefined);
        db.close();
      }
      throw error;
    }
  }

  /** Counts (the grid waits for them, so they never queue behind facets); facets and review progress; insights. */
  private reader(role: ReaderRole): Promise<StoreReader> {
    if (this.closing) return Promise.reject(new AppError('storage', 'The cache is closed.'));
    let reader = this.readers.get(role);
    if (!reader) {
      // Its thread starts at the first read, and again at the first read after it stopped (reader.ts).
      reader = createStoreReader({ dbPath: this.options.dbPath, workerUrl: this.options.workerUrl, heapMb: this.options.threadHeapMb });
      this.readers.set(role, reader);
    }
    return Promise.resolve(reader);
  }

  // The serving connection's driver errors leave the store as kinds (driver-errors.ts).
  private read<T>(work: () => T): Promise<T> {
    return withKinds(() => this.busy.run(async () => work(), 'read'));
  }

  /** A write on the serving connection; `kinds` what it may change (the change feed does not report it). */
  private async write<T>(kinds: readonly ChangeKind[], work: () => T): Promise<T> {
    if (!this.writer) throw readOnlyError();
    const ended = this.watch.ownWrite(kinds);
    try {
      return await withKinds(() =>
        this.busy.run(async () => {
          this.followCheckpoints();
          return work();
        }, 'write'),
      );
    } finally {
      ended();
    }
  }

  private requireWriter(): StoreWriter {
    if (!this.writer) throw readOnlyError();
    return this.writer;
  }

  get sync(): StoreWriter {
    return this.requireWriter();
  }

  page(req: PageRequest) {
    return this.read(() => page(this.db, req));
  }

  search(text: string, req: PageRequest = {}) {
    return this.read(() => page(this.db, { ...req, filter: { ...req.filter, text } }));
  }

  async count(filter: InteractionFilter) {
    return (await this.reader('counter')).count(filter);
  }

  async facets(filter: InteractionFilter, fields: readonly FacetField[]) {
    return (await this.reader('faceter')).facets(filter, [...fields]);
  }

  hasAny() {
    return this.read(() => page(this.db, { filter: {}, limit: 1 }).rows.length > 0);
  }

  interaction(id: number) {
    return this.read(() => getInteraction(this.db, id));
  }

  interactionHistory(id: number) {
    return this.read(() => history(this.db, id));
  }

  conversation(caseId: string, server: string) {
    return this.read(() => conversation(this.db, caseId, server));
  }

  interactionsById(ids: readonly number[]) {
    return this.read(() => [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => getInteraction(this.db, id) ?? []));
  }

  conversationsOf(cases: readonly { caseId: string; server: string }[]) {
    return this.read(() => cases.flatMap((c) => conversation(this.db, c.caseId, c.server)).sort((a, b) => a.id - b.id));
  }

  async insights(filter: InteractionFilter, zone: string) {
    return (await this.reader('charter')).insights(filter, zone);
  }

  async *exportWalk(filter: InteractionFilter, sort?: SortSpec, batchSize = 1000): AsyncGenerator<InteractionRecord[]> {
    let batch: InteractionRecord[] = [];
    try {
      for (const row of iterateRows(this.db, filter, sort, batchSize)) {
        batch.push(row);
        if (batch.length < batchSize) continue;
        yield batch;
        batch = [];
        // Between batches the event loop serves other requests (the walk itself is synchronous SQLite).
        await nextTurn();
      }
    } catch (error) {
      throw driverError(error);
    }
    if (batch.length > 0) yield batch;
  }

  getReview(uid: string) {
    return this.read(() => getReview(this.db, uid) ?? null);
  }

  saveReview(input: Parameters<typeof saveReview>[1], now: number) {
    return this.write(['reviews', 'scorecards'], () => saveReview(this.db, input, now));
  }

  reviewHistory(uid: string) {
    return this.read(() => reviewHistory(this.db, uid));
  }

  reviewStatuses(uids: readonly string[]) {
    return this.read(() => reviewStatusesOf(this.db, uids));
  }

  reviewMarks(uids: readonly string[]) {
    return this.read(() => reviewMarksOf(this.db, uids));
  }

  async reviewCounts(filter: InteractionFilter) {
    return (await this.reader('faceter')).reviewCounts(filter);
  }

  reviewRows(uids: readonly string[]) {
    return this.read(() => reviewsOf(this.db, uids));
  }

  /** On the facets' reader thread: a summary of a million rows takes seconds, which the UI must not wait for. */
  async auditSummary(filter: InteractionFilter) {
    return (await this.reader('faceter')).auditSummary(filter);
  }

  /** A read; a write only the first time, when no scorecard exists yet (the default one is saved). */
  async activeScorecard(now: number, language?: ScorecardLanguage) {
    return (await this.read(() => newestScorecard(this.db))) ?? this.write(['scorecards'], () => activeScorecard(this.db, now, language));
  }

  saveScorecard(input: unknown, now: number) {
    return this.write(['scorecards'], () => saveScorecard(this.db, input, now));
  }

  scorecardVersion(id: string, version: number) {
    return this.read(() => scorecardVersion(this.db, id, version) ?? null);
  }

  listScorecards() {
    return this.read(() => listScorecards(this.db));
  }

  /** On the facets' reader thread: a grouped count over the filter's rows, which may be a million. */
  async previewSample(filter: InteractionFilter, rule: SampleRule) {
    return (await this.reader('faceter')).previewSample(filter, rule);
  }

  recentRuns(limit?: number) {
    return this.read(() => recentRuns(this.db, limit));
  }

  getRun(id: number) {
    return this.read(() => getRun(this.db, id));
  }

  callsToday(now: number, zone: string, server?: string) {
    return this.read(() => callsToday(this.db, now, zone, server));
  }

  lastCoveredUtc(server: string) {
    return this.read(() => lastCoveredUtc(this.db, server));
  }

  rowsPerDay(server: string, now: number) {
    return this.read(() => rowsPerDay(this.db, server, now));
  }

  oldestOpenSince(server: string, since: number) {
    return this.read(() => oldestOpenSince(this.db, server, since));
  }

  stats(now: number, zone: string) {
    return this.read(() => stats(this.db, { now, zone }));
  }

  getSetting(key: string) {
    return this.read(() => getSetting(this.db, key));
  }

  setSetting(key: string, value: string | null) {
    return this.write(['settings'], () => setSetting(this.db, key, value));
  }

  updateSettings<T>(keys: readonly string[], change: (current: SettingValues) => SettingsChange<T>) {
    return this.write(['settings'], () => updateSettings(this.db, keys, change));
  }

  planPurge(req: PurgeRequest) {
    return this.read(() => planPurge(this.db, req));
  }

  /** On the writer thread, after any window in progress. */
  async purge(req: PurgeRequest) {
    return this.requireWriter().purge(req);
  }

  planServerRemoval(server: string) {
    return this.read(() => planServerRemoval(this.db, server));
  }

  async removeServerData(server: string) {
    return this.requireWriter().removeServerData(server);
  }

  async rebuildSearchIndex(onProgress: (progress: SearchIndexProgress) => void): Promise<void> {
    // Read-only: nothing may be written; searches keep the index the file has.
    if (!this.writer) return;
    for (;;) {
      if (this.closing) return;
      const progress = await this.writer.searchIndexStep();
      onProgress(progress);
      if (progress.done) return;
      // Each batch is its own operation on the writer's queue, so a sync window waiting there goes next.
      await nextTurn();
    }
  }

  changes(listener: (change: StoreChange) => void): () => void {
    return this.watch.listen(listener);
  }

  /** Once, whoever asks; every thread and the connection are closed even when one of them fails to. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.watch.close();
      try {
        // The writer first: a window in progress finishes (or rolls back) before the readers go.
        await this.writer?.close();
      } finally {
        for (const reader of this.readers.values()) await reader.close().catch(() => undefined);
        this.db.close();
      }
    })();
    return this.closing;
  }
}

const readOnlyError = () => new AppError('bad-input', 'The cache was opened read-only; this command cannot change it.');

/** Opens the SQLite store (creating or migrating the cache file, unless opened for reading). */
export function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return SqliteStore.open(options);
}
