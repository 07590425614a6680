import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { AppError, toErrorInfo } from '../errors';
import { exportAuditWorkbook } from '../reports/audit-workbook';
import { exportInteractions } from '../reports/export-interactions';
import type { HeaderStyle } from '../reports/interactions-sheet';
import type { Db } from '../store/database';
import type { InteractionFilter, SortSpec } from '../store/filters';
import { ZoneConverter } from '../time/zone';
import type { EmitFn } from './types';

export interface ExportJobRequest {
  filter: InteractionFilter;
  sort?: SortSpec;
  format: 'xlsx' | 'csv';
  headers: HeaderStyle;
  reviews?: boolean;
  path?: string;
  zone: string;
}

/** Exports started from the UI: run in the background, report progress, cancel without leaving a file behind. */
export class ExportJobs {
  private readonly jobs = new Map<string, AbortController>();

  constructor(
    private readonly deps: {
      db: Db;
      emit: EmitFn;
      now: () => number;
      downloadsDir: string;
      /** The rows a filter selects, counted off this thread (a million-row count would hold it). */
      count: (filter: InteractionFilter) => Promise<number>;
    },
  ) {}

  async start(req: ExportJobRequest): Promise<{ jobId: string; path: string }> {
    const path = this.targetPath(req);
    // Usually at once: the grid has just counted this filter.
    const total = await this.deps.count(req.filter);
    const jobId = randomUUID();
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const started = this.deps.now();
    const write = req.reviews === false ? exportInteractions : exportAuditWorkbook;
    void write(this.deps.db, {
      ...req,
      outPath: path,
      signal: controller.signal,
      onProgress: ({ rows }) => this.deps.emit('export/progress', { jobId, rows, total, elapsedMs: this.deps.now() - started }),
    })
      .then((r) => this.deps.emit('export/finished', { jobId, path: r.path, rows: r.rows, error: null }))
      .catch((error: unknown) => this.deps.emit('export/finished', { jobId, path: null, rows: 0, error: toErrorInfo(error) }))
      .finally(() => this.jobs.delete(jobId));
    return { jobId, path };
  }

  cancel(jobId: string): void {
    this.jobs.get(jobId)?.abort();
  }

  cancelAll(): void {
    for (const c of this.jobs.values()) c.abort();
  }

  private targetPath(req: ExportJobRequest): string {
    if (!req.path) {
      const stamp = new ZoneConverter(req.zone).formatApi(this.deps.now());
      return join(this.deps.downloadsDir, `wolkvox-audit-${stamp}.${req.format}`);
    }
    if (!isAbsolute(req.path)) throw new AppError('bad-input', 'Choose a full path for the export file.');
    if (extname(req.path).toLowerCase() !== `.${req.format}`) throw new AppError('bad-input', `The file name must end in .${req.format}.`);
    const dir = dirname(req.path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('bad-input', `The folder ${dir} does not exist.`);
    return req.path;
  }
}
