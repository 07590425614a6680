import { AppError, type ErrorInfo } from '../../../errors';
import type { FacetField } from '../reads/columns';
import type { InteractionFilter } from '../reads/filters';
import type { FacetCount } from '../reads/queries';
import type { Insights } from '../../../insights/insights-types';
import type { ReviewStatusCounts } from '../../../reviews/types';
import type { SampleRule } from '../../../reviews/sample-rule';
import type { AuditSummary, SamplePreview } from '../../store';
import { startWorker } from './writer';

export interface StoreReader {
  count(filter: InteractionFilter): Promise<number>;
  facets(filter: InteractionFilter, fields: FacetField[]): Promise<Record<string, FacetCount[]>>;
  /** Review progress of the rows a filter selects ("38 of 120 reviewed"). */
  reviewCounts(filter: InteractionFilter): Promise<ReviewStatusCounts>;
  /** The audit workbook's Summary and the scorecards used (a scan of the selection's reviews). */
  auditSummary(filter: InteractionFilter): Promise<AuditSummary>;
  /** The Insights view's figures (insights.ts) in a time zone. */
  insights(filter: InteractionFilter, zone: string): Promise<Insights>;
  /** What a sample draw would take (samples-sql.ts previewSample). */
  previewSample(filter: InteractionFilter, rule: SampleRule): Promise<SamplePreview>;
  close(): Promise<void>;
}

/** Counts and facets on a worker thread (see reader-thread.ts); the same worker entry as the writer. */
export async function openStoreReader(options: { dbPath: string; workerUrl?: URL | string }): Promise<StoreReader> {
  const worker = startWorker(options.workerUrl ?? new URL('./writer-worker.ts', import.meta.url), { role: 'read', dbPath: options.dbPath });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: AppError) => void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: ErrorInfo }) => {
      if (m.ready) return resolve();
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new AppError(m.error!.kind, m.error!.message));
    });
  });
  worker.on('error', (error) => {
    for (const p of pending.values()) p.reject(new AppError('storage', `The cache reader stopped: ${error.message}`));
    pending.clear();
  });
  const ask = <T>(req: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  return {
    count: (filter) => ask<number>({ op: 'count', filter }),
    facets: (filter, fields) => ask<Record<string, FacetCount[]>>({ op: 'facets', filter, fields }),
    reviewCounts: (filter) => ask<ReviewStatusCounts>({ op: 'reviewCounts', filter }),
    auditSummary: (filter) => ask<AuditSummary>({ op: 'auditSummary', filter }),
    insights: (filter, zone) => ask<Insights>({ op: 'insights', filter, zone }),
    previewSample: (filter, rule) => ask<SamplePreview>({ op: 'samplePreview', filter, rule }),
    async close() {
      worker.postMessage({ op: 'close' });
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    },
  };
}
