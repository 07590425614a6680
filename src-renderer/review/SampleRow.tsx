import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SampleSummary } from '../../src-main/core/api/contract';
import { formatDateTime } from '../format/dates';
import { useI18n } from '../i18n';
import { describeFilter, describeProgress, describeRule } from './sample-words';

type Mode = 'view' | 'rename' | 'delete';

/**
 * One sample in the Samples list: name, rule, size, date, progress, and its actions. Renaming edits the
 * name in place (Enter saves); deleting asks first, in the row, and says the reviews stay.
 */
export function SampleRow(props: {
  sample: SampleSummary;
  zone: string;
  isOpen: boolean;
  sampleName(id: number): string | undefined;
  onOpen(): void;
  onRename(name: string): Promise<string | null>;
  onDelete(): Promise<string | null>;
  /** More actions under the row's own (taking the sample offline). */
  extra?: ReactNode;
}) {
  const { sample: s, zone, isOpen } = props;
  const { t, num, locale } = useI18n();
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(s.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const actionsStart = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  // The control of a new mode takes the focus; back in 'view', the focus returns to the row's actions.
  useEffect(() => {
    if (mode === 'rename') renameInput.current?.focus();
    else if (mode === 'delete') confirmButton.current?.focus();
    else if (moved.current) actionsStart.current?.focus();
    moved.current = mode !== 'view';
  }, [mode]);

  const finish = async (work: () => Promise<string | null>) => {
    setBusy(true);
    const failed = await work();
    setBusy(false);
    setError(failed);
    if (!failed) setMode('view');
  };
  const reviewed = s.members > 0 ? s.progress.reviewed / s.members : 0;

  return (
    <tr data-testid="sample-row" data-sample-id={s.id} data-sample-name={s.name} aria-current={isOpen ? 'true' : undefined} className={isOpen ? 'open' : undefined}>
      <th scope="row" className="sample-name-cell">
        {mode === 'rename' ? (
          <form
            className="sample-rename"
            onSubmit={(e) => {
              e.preventDefault();
              void finish(() => props.onRename(name));
            }}
          >
            <input ref={renameInput} type="text" data-testid="sample-rename-input" aria-label={t('sample.newName', { name: s.name })} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary" data-testid="sample-rename-save" disabled={busy || !name.trim()}>
              {t('sample.save')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <>
            <span className="sample-row-name">{s.name}</span>
            {isOpen && <span className="muted small"> ({t('sample.isOpen')})</span>}
          </>
        )}
        {error && (
          <p className="notice error small" role="alert">
            {error}
          </p>
        )}
      </th>
      <td>
        <div className="sample-rule">
          <span data-testid="sample-rule">{describeRule(t, num, s.rule, s.ruleRecorded)}</span>
          <span className="muted small" data-testid="sample-from">
            {t('sample.fromFilter', { filter: describeFilter(t, s.filter, zone, props.sampleName) })}
          </span>
        </div>
      </td>
      <td className="num" data-testid="sample-size">
        {num(s.members)}
      </td>
      <td className="small">{formatDateTime(s.createdAt, locale, zone)}</td>
      <td>
        <div className="sample-progress" data-testid="sample-progress" data-reviewed={s.progress.reviewed} data-passed={s.progress.passed}>
          <span className="review-meter" aria-hidden="true">
            <span style={{ width: `${Math.round(reviewed * 100)}%` }} />
          </span>
          <span className="small">{describeProgress(t, s)}</span>
        </div>
      </td>
      <td className="sample-actions">
        {mode === 'delete' ? (
          <div className="sample-confirm" role="group" aria-label={t('sample.deleteLabel', { name: s.name })}>
            <p className="small">{t('sample.deleteConfirm', { name: s.name, n: s.members })}</p>
            <button ref={confirmButton} type="button" className="danger" data-testid="sample-delete-confirm" disabled={busy} onClick={() => void finish(props.onDelete)}>
              {t('sample.deleteYes')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <>
            <button ref={actionsStart} type="button" className="primary" data-testid="sample-open" aria-label={t('sample.openLabel', { name: s.name })} onClick={props.onOpen}>
              {t('sample.open')}
            </button>
            <button
              type="button"
              data-testid="sample-rename"
              aria-label={t('sample.renameLabel', { name: s.name })}
              onClick={() => {
                setName(s.name);
                setError(null);
                setMode('rename');
              }}
            >
              {t('sample.rename')}
            </button>
            <button type="button" data-testid="sample-delete" aria-label={t('sample.deleteLabel', { name: s.name })} onClick={() => setMode('delete')}>
              {t('sample.delete')}
            </button>
            {props.extra}
          </>
        )}
      </td>
    </tr>
  );
}
