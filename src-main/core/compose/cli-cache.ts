import { exportAuditWorkbook } from '../reports/audit-workbook';
import { exportInteractions, type InteractionExportRequest } from '../reports/export-interactions';
import type { ExportResult } from '../export';
import type { Page } from '../store/queries';
import type { PurgeCounts, PurgeRequest } from '../store/retention';
import type { StoreStats } from '../store/stats';
import type { Store } from '../store/store';

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
  close(): Promise<void>;
}

export function cliCacheOf(store: Store, now: () => number): CliCache {
  return {
    search: async (text, limit) => (await store.search(text, { limit })).rows,
    stats: (zone) => store.stats(now(), zone),
    sampleId: async (name) => (await store.sampleByName(name))?.id ?? null,
    export: (req, reviews) => (reviews ? exportAuditWorkbook : exportInteractions)(store, req),
    purge: (req) => store.purge(req),
    close: () => store.close(),
  };
}
