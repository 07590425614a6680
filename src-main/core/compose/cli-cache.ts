import { exportAuditWorkbook } from '../reports/audit-workbook';
import { exportInteractions, type InteractionExportRequest } from '../reports/export-interactions';
import type { ExportResult } from '../export';
import type { Page } from '../store/types';
import type { PurgeCounts, PurgeRequest } from '../store/types';
import type { StoreStats } from '../store/types';
import type { Store } from '../store/store';
import type { Scorecard } from '../reviews/types';
import { parseScorecardFile, serializeScorecard } from '../reviews/scorecard-file';
import { AppError } from '../errors';

/**
 * What the CLI's one-shot commands do with the cache (search, stats, export, purge), through the store
 * the root opens: read-only for the reading commands, so they take no lock and start no writer thread.
 */
export interface CliCache {
  search(text: string, limit: number): Promise<Page['rows']>;
  stats(zone: string): Promise<StoreStats>;
  /** The id of the audit sample with that name, or null. */
  sampleId(name: string): Promise<number | null>;
  /** The grid's export, or with `reviews` the audit workbook (review columns, Summary and Scorecard sheets). */
  export(req: InteractionExportRequest, reviews: boolean): Promise<ExportResult>;
  /** Only on a cache opened for writing (purge). */
  purge(req: PurgeRequest): Promise<PurgeCounts>;
  /** A scorecard file's text (reviews/scorecard-file.ts): the active version, or the given version of the active scorecard. On a cache opened for writing (a cache with none gets the default first). */
  scorecardFile(version?: number): Promise<{ card: Scorecard; text: string }>;
  /** A scorecard file's text saved as the next version of its scorecard. On a cache opened for writing. */
  importScorecard(text: string): Promise<Scorecard>;
  close(): Promise<void>;
}

export function cliCacheOf(store: Store, now: () => number): CliCache {
  return {
    search: async (text, limit) => (await store.search(text, { limit })).rows,
    stats: (zone) => store.stats(now(), zone),
    sampleId: async (name) => (await store.sampleByName(name))?.id ?? null,
    export: (req, reviews) => (reviews ? exportAuditWorkbook : exportInteractions)(store, req),
    purge: (req) => store.purge(req),
    scorecardFile: async (version) => {
      const active = await store.activeScorecard(now());
      const card = version === undefined ? active : await store.scorecardVersion(active.id, version);
      if (!card) throw new AppError('bad-input', `There is no version ${version} of the scorecard "${active.id}" (the active one is version ${active.version}).`);
      return { card, text: serializeScorecard(card) };
    },
    importScorecard: async (text) => store.saveScorecard(parseScorecardFile(text), now()),
    close: () => store.close(),
  };
}
