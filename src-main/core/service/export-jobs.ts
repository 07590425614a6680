import { randomUUID } from 'node:crypto';
import { AppError, toErrorInfo } from '../errors';
import { exportAuditWorkbook, type AuditSource } from '../reports/audit-workbook';
import { exportInteractions } from '../reports/export-interactions';
import type { CsvSeparatorName } from '../api/constants';
import type { CsvSeparator } from '../export';
import type { HeaderStyle } from '../reports/interactions-sheet';
import type { ApiField } from '../wolkvox/fields';
import type { InteractionFilter, SortSpec } from '../store/filter';
import { ZoneConverter } from '../time/zone';
import { browserExportTarget } from './export-destination';
import type { ChooseExportPath, EmitFn } from './types';

export interface ExportJobRequest {
  filter: InteractionFilter;
  sort?: SortSpec;
  format: 'xlsx' | 'csv';
  headers: HeaderStyle;
  language?: 'en' | 'es';
  /** The interaction columns in order (the grid's visible ones); absent: all, in the API's order. */
  columns?: readonly ApiField[];
  separator?: CsvSeparatorName;
  reviews?: boolean;
  path?: string;
  /** Browser host: replace a file of that name the app did not write (the user confirmed). */
  overwrite?: boolean;
  zone: string;
}

/**
 * Exports started from the UI: run in the background, report progress, cancel without leaving a file behind.
 * Where the file goes depends on the host. The desktop app passes `chooseExportPath` (the native save dialog,
 * opened by the main process) and the renderer may name no path at all. The browser host writes into the
 * Downloads folder only (export-destination.ts), under the typed name if any. "Show in folder" reveals only files
 * these jobs wrote in this run.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, AbortController>();
  /** Files written by this instance's jobs: the only paths export/reveal accepts. */
  private readonly written = new Set<string>();

  constructor(
    private readonly deps: {
      /** The cache the files are written from. */
      store: AuditSource;
      emit: EmitFn;
      now: () => number;
      downloadsDir: string;
      /** The rows a filter selects, counted off this thread (a million-row count would hold it). */
      count: (filter: InteractionFilter) => Promise<number>;
      chooseExportPath?: ChooseExportPath;
      revealInFolder?: (path: string) => void;
      platform?: NodeJS.Platform;
    },
  ) {}

  /** A `cancelled` error when the user closed the save dialog without choosing (the UI says nothing). */
  async start(req: ExportJobRequest): Promise<{ jobId: string; path: string }> {
    // Usually at once: the grid has just counted this filter. Counted before the save dialog opens, so a
    // count that fails (a busy or broken cache) fails before the user has chosen a file.
    const total = await this.deps.count(req.filter);
    const path = await this.targetPath(req);
    const jobId = randomUUID();
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const started = this.deps.now();
    const write = req.reviews === false ? exportInteractions : exportAuditWorkbook;
    void write(this.deps.store, {
      ...req,
      separator: req.separator ? CSV_SEPARATOR[req.separator] : undefined,
      outPath: path,
      signal: controller.signal,
      onProgress: ({ rows }) => this.deps.emit('export/progress', { jobId, rows, total, elapsedMs: this.deps.now() - started }),
    })
      .then((r) => {
        this.written.add(r.path);
        this.deps.emit('export/finished', { jobId, path: r.path, rows: r.rows, error: null });
      })
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

  /** A file the service wrote outside these jobs (a chart's picture): "show in folder" accepts it too. */
  remember(path: string): void {
    this.written.add(path);
  }

  /** Opens the folder of a file one of these jobs wrote; any other path is refused (a UNC path would reach out over SMB). */
  reveal(path: string): void {
    if (!this.deps.revealInFolder) throw new AppError('bad-input', 'Showing files in their folder is only available in the desktop app.');
    if (!this.written.has(path)) throw new AppError('bad-input', 'Only a file this app exported in this session can be shown in its folder.');
    this.deps.revealInFolder(path);
  }

  private async targetPath(req: ExportJobRequest): Promise<string> {
    const choose = this.deps.chooseExportPath;
    if (choose) {
      if (req.path !== undefined) throw new AppError('bad-input', 'In the desktop app the export file is chosen in the save dialog, not passed as a path.');
      const chosen = await choose({ name: suggestedExportName(this.deps.now(), req.zone, req.format), format: req.format });
      if (!chosen) throw new AppError('cancelled', 'Export cancelled: no file was chosen.');
      return chosen;
    }
    const stamp = new ZoneConverter(req.zone).formatApi(this.deps.now());
    return browserExportTarget({
      typed: req.path || undefined,
      fallbackName: `wolkvox-audit-${stamp}.${req.format}`,
      format: req.format,
      overwrite: req.overwrite === true,
      downloadsDir: this.deps.downloadsDir,
      platform: this.deps.platform ?? process.platform,
      written: this.written,
    });
  }
}

export const CSV_SEPARATOR: Record<CsvSeparatorName, CsvSeparator> = { comma: ',', semicolon: ';', tab: '\t' };

/** `wolkvox-audit-YYYY-MM-DD.xlsx`, the date of the operation's zone: the save dialog's suggestion. */
export function suggestedExportName(nowMs: number, zone: string, format: 'xlsx' | 'csv'): string {
  return `wolkvox-audit-${new ZoneConverter(zone).format(nowMs).slice(0, 10)}.${format}`;
}
