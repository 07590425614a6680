import { useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { API_FIELDS, type ApiField, type CsvSeparatorName } from '../../src-main/core/api/constants';
import type { EventOf, Filter, Row, WolkvoxApi } from '../../src-main/core/api/contract';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useEvent } from '../state/use-events';
import { gridSort } from './grid-review';

type Job = { jobId: string; path: string; rows: number; total: number; elapsedMs: number };

/** The grid's visible interaction columns in the grid's order: what the export writes. */
function visibleColumns(gridApi: GridApi<Row> | null): ApiField[] | undefined {
  if (!gridApi) return undefined;
  const fields = gridApi.getAllDisplayedColumns().map((c) => c.getColId()).filter((id): id is ApiField => (API_FIELDS as readonly string[]).includes(id));
  return fields.length > 0 ? fields : undefined;
}
type Finished = EventOf<'export/finished'>;

const CSV_SEPARATOR_CHOICES: readonly CsvSeparatorName[] = ['semicolon', 'comma', 'tab'];

/**
 * Export of exactly the current view (filter, search, sample, sort, visible columns in their order) to an Excel workbook (the audit
 * workbook with the review columns, Summary and Scorecard sheets) or to CSV, the exact data. Progress, time left, cancel, and the
 * finished file's path (with "show in folder" in the desktop app). In the desktop app the renderer names
 * no path: the main process asks with the native save dialog, and closing it (a `cancelled` answer) just
 * leaves this dialog as it was. The browser host keeps a typed path.
 */
export function ExportButton({ api, filter, gridApi, viewTotal }: { api: WolkvoxApi; filter: Filter; gridApi: GridApi<Row> | null; viewTotal: number | null }) {
  const { t, num, lang } = useI18n();
  const { info } = useApp();
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [reviews, setReviews] = useState(true);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  // Excel splits a double-clicked CSV on the regional list separator: a semicolon in Spanish, a comma in English.
  const [separator, setSeparator] = useState<CsvSeparatorName>(lang === 'es' ? 'semicolon' : 'comma');
  const [job, setJob] = useState<Job | null>(null);
  const [done, setDone] = useState<(Finished & { interactions: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);
  // Interactions in the exported view (the finished event counts the rows of every sheet).
  const interactions = useRef<number | null>(null);
  // Events of a job that finish before export/start has answered (a small export).
  const early = useRef(new Map<string, Finished>());

  const finish = (e: Finished) => {
    jobId.current = null;
    setJob(null);
    if (e.error) setError(e.error.kind === 'cancelled' ? t('export.cancelled') : e.error.message);
    else setDone({ ...e, interactions: interactions.current ?? e.rows });
  };

  useEvent(api, 'export/progress', (p) => {
    if (p.jobId === jobId.current) interactions.current = p.total;
    if (p.jobId === jobId.current) setJob((j) => (j ? { ...j, rows: p.rows, total: p.total, elapsedMs: p.elapsedMs } : j));
  });
  useEvent(api, 'export/finished', (e) => {
    if (e.jobId === jobId.current) finish(e);
    else early.current.set(e.jobId, e);
  });

  const desktop = info?.host === 'electron';
  const start = async () => {
    setError(null);
    setDone(null);
    interactions.current = viewTotal;
    const target = desktop ? '' : path.trim();
    const r = await api.call('export/start', {
      filter,
      sort: gridApi ? gridSort(gridApi) : undefined,
      format,
      reviews,
      language: lang,
      columns: visibleColumns(gridApi),
      ...(format === 'csv' ? { separator } : {}),
      ...(target ? { path: target } : {}),
      ...(!desktop && overwrite ? { overwrite: true } : {}),
    });
    if (!r.ok) {
      // The save dialog closed without a file: the user changed their mind, nothing to report.
      if (r.error.kind !== 'cancelled') setError(r.error.message);
      return;
    }
    jobId.current = r.value.jobId;
    setJob({ jobId: r.value.jobId, path: r.value.path, rows: 0, total: 0, elapsedMs: 0 });
    const finished = early.current.get(r.value.jobId);
    if (finished) {
      early.current.delete(r.value.jobId);
      finish(finished);
    }
  };

  const cancel = () => {
    if (jobId.current) void api.call('export/cancel', { jobId: jobId.current });
  };

  const percent = job && job.total > 0 ? Math.min(100, Math.round((100 * job.rows) / job.total)) : 0;
  const secondsLeft = job && job.rows > 0 && job.total > job.rows ? Math.ceil(((job.total - job.rows) * job.elapsedMs) / job.rows / 1000) : null;

  return (
    <>
      <button type="button" data-testid="export-button" className={job ? 'busy' : ''} onClick={() => setOpen(true)}>
        {job ? t('export.buttonRunning', { percent }) : t('export.button')}
      </button>
      {open && (
        <Modal title={t('export.title')} onClose={() => setOpen(false)} testId="export-dialog">
          <p className="muted small">{t('export.intro')}</p>
          <fieldset className="export-format">
            <legend>{t('export.format')}</legend>
            {(['xlsx', 'csv'] as const).map((f) => (
              <label key={f} className="toggle">
                <input type="radio" name="export-format" data-testid={`export-format-${f}`} checked={format === f} onChange={() => setFormat(f)} />
                {t(f === 'xlsx' ? 'export.formatXlsx' : 'export.formatCsv')}
              </label>
            ))}
          </fieldset>
          <p className="muted small" data-testid="export-format-hint">
            {t(format === 'xlsx' ? 'export.hintXlsx' : 'export.hintCsv')}
          </p>
          {format === 'csv' && (
            <label className="review-field">
              <span>{t('export.separator')}</span>
              <select data-testid="export-separator" value={separator} onChange={(e) => setSeparator(e.target.value as CsvSeparatorName)}>
                {CSV_SEPARATOR_CHOICES.map((s) => (
                  <option key={s} value={s}>
                    {t(`export.separator.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div>
            {desktop ? (
              <p className="muted small" data-testid="export-save-hint">
                {t('export.saveDialogHint')}
              </p>
            ) : (
              <>
                <label className="review-field">
                  <span>{t('export.path')}</span>
                  <input
                    type="text"
                    data-testid="export-path-input"
                    aria-describedby="export-path-hint"
                    value={path}
                    placeholder={t('export.pathPlaceholder')}
                    onChange={(e) => setPath(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !job) void start();
                    }}
                  />
                </label>
                <p id="export-path-hint" className="muted small">
                  {t('export.pathHint')}
                </p>
              </>
            )}
            {!desktop && (
              <label className="toggle">
                <input type="checkbox" data-testid="export-overwrite" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
                {t('export.overwrite')}
              </label>
            )}
            <label className="toggle">
              <input type="checkbox" data-testid="export-reviews" checked={reviews} onChange={(e) => setReviews(e.target.checked)} />
              {t('export.reviews')}
            </label>
          </div>
          {job && (
            <div className="export-progress" data-testid="export-progress" data-rows={job.rows} data-total={job.total}>
              <progress max={job.total || 1} value={job.rows} aria-label={t('export.progressLabel')} />
              <p className="small">
                {t('export.progress', { rows: job.rows, total: job.total })}
                {secondsLeft !== null && ` · ${t('export.left', { seconds: num(secondsLeft) })}`}
              </p>
            </div>
          )}
          {error && (
            <p className="notice error small" role="alert" data-testid="export-error">
              {error}
            </p>
          )}
          {done && (
            <div className="notice small" role="status" data-testid="export-done" data-path={done.path ?? ''}>
              {t('export.done', { rows: done.interactions })}
              <div className="link-url">{done.path}</div>
              {desktop && done.path && (
                <button type="button" className="link-button" onClick={() => void api.call('export/reveal', { path: done.path! })}>
                  {t('export.reveal')}
                </button>
              )}
            </div>
          )}
          <div className="actions">
            {job ? (
              <button type="button" data-testid="export-cancel" onClick={cancel}>
                {t('export.cancel')}
              </button>
            ) : (
              <button type="button" className="primary" data-testid="export-start" onClick={() => void start()}>
                {t('export.start')}
              </button>
            )}
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
