import { exportAuditWorkbook } from '../reports/audit-workbook';
import { exportInteractions, type InteractionExportRequest } from '../reports/export-interactions';
import type { ExportResult } from '../export';
import { sampleByName } from '../reviews';
import { openDatabase } from '../store/database';
import { page, type Page } from '../store/queries';
import { purge, type PurgeCounts, type PurgeRequest } from '../store/retention';
import { stats, type StoreStats } from '../store/stats';

/**
 * What the CLI's one-shot commands do with the cache (search, stats, export, purge), on one connection
 * the root opens: read-only for the reading commands, so they start no writer thread and take no lock.
 */
export interface CliCache {
  search(text: string, limit: number): Page['rows'];
  stats(zone: string): StoreStats;
  /** The id of the audit sample with that name, or null. */
  sampleId(name: string): number | null;
  /** The grid's export, or with `reviews` the audit workbook (review columns, Summary and Scorecard sheets). */
  export(req: InteractionExportRequest, reviews: boolean): Promise<ExportResult>;
  /** Only on a cache opened for writing (purge). */
  purge(req: PurgeRequest): PurgeCounts;
  close(): void;
}

export function openCliCache(dbPath: string, access: 'read' | 'write', now: () => number): CliCache {
  const db = openDatabase(dbPath, access === 'read' ? { readonly: true } : { now });
  return {
    search: (text, limit) => page(db, { filter: { text }, limit }).rows,
    stats: (zone) => stats(db, { now: now(), zone }),
    sampleId: (name) => sampleByName(db, name)?.id ?? null,
    export: (req, reviews) => (reviews ? exportAuditWorkbook : exportInteractions)(db, req),
    purge: (req) => purge(db, req),
    close: () => db.close(),
  };
}
