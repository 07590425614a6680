import { useCallback, useEffect, useRef, useState } from 'react';
import type { Filter, SampleSummary, WolkvoxApi } from '../../src-main/core/api/contract';
import { Modal } from '../components/Modal';
import { TakeSampleButtons, useMyParts } from '../offline/TakeSampleButtons';
import { useOffline } from '../state/offline-context';
import { useI18n } from '../i18n';
import { SampleDrawForm } from './SampleDialog';
import { SampleRow } from './SampleRow';

/**
 * The audit samples: each with how it was drawn, its size, date and progress; open, rename, delete; and
 * drawing a new one from the current filter.
 */
export function SamplesDialog(props: {
  api: WolkvoxApi;
  filter: Filter;
  zone: string;
  openSampleId: number | null;
  onOpen(sample: SampleSummary): void;
  onDrawn(sample: SampleSummary): void;
  onRenamed(sample: SampleSummary): void;
  onDeleted(id: number): void;
  onClose(): void;
}) {
  const { api } = props;
  const { t } = useI18n();
  const [samples, setSamples] = useState<SampleSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'list' | 'draw'>('list');
  const newButton = useRef<HTMLButtonElement>(null);
  const canTake = useOffline().status?.canTake ?? false;
  const myParts = useMyParts(api, samples, canTake);

  const load = useCallback(async () => {
    const r = await api.call('samples/list', {});
    if (r.ok) {
      setSamples(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  // Back from the draw form, the focus returns to the button that opened it.
  useEffect(() => {
    if (view === 'list') newButton.current?.focus();
  }, [view]);

  const nameOf = (id: number) => samples?.find((s) => s.id === id)?.name;
  const title = view === 'draw' ? t('sample.title') : t('sample.listTitle');

  return (
    <Modal title={title} onClose={props.onClose} testId="samples-dialog" wide>
      {view === 'draw' ? (
        <SampleDrawForm api={api} filter={props.filter} onDrawn={props.onDrawn} onBack={() => setView('list')} />
      ) : (
        <div className="samples-list">
          <div className="samples-head">
            <p className="muted small">{t('sample.listIntro')}</p>
            <button ref={newButton} type="button" className="primary" data-testid="sample-new" onClick={() => setView('draw')}>
              {t('sample.new')}
            </button>
          </div>
          {error && (
            <p className="notice error small" role="alert">
              {error}
            </p>
          )}
          {samples === null ? (
            !error && <p className="muted small">{t('sample.loading')}</p>
          ) : samples.length === 0 ? (
            <p className="muted" data-testid="samples-empty">
              {t('sample.empty')}
            </p>
          ) : (
            <div className="samples-scroll">
              <table className="samples-table" data-testid="samples-table">
                <thead>
                  <tr>
                    <th scope="col">{t('sample.colName')}</th>
                    <th scope="col">{t('sample.colRule')}</th>
                    <th scope="col" className="num">
                      {t('sample.colSize')}
                    </th>
                    <th scope="col">{t('sample.colCreated')}</th>
                    <th scope="col">{t('sample.colProgress')}</th>
                    <th scope="col">{t('sample.colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {samples.map((s) => (
                    <SampleRow
                      key={s.id}
                      sample={s}
                      zone={props.zone}
                      isOpen={s.id === props.openSampleId}
                      extra={<TakeSampleButtons sample={s} hasMyPart={myParts.has(s.id)} />}
                      sampleName={nameOf}
                      onOpen={() => props.onOpen(s)}
                      onRename={async (name) => {
                        const r = await api.call('samples/rename', { id: s.id, name });
                        if (!r.ok) return r.error.message;
                        props.onRenamed(r.value);
                        await load();
                        return null;
                      }}
                      onDelete={async () => {
                        const r = await api.call('samples/delete', { id: s.id });
                        if (!r.ok) return r.error.message;
                        props.onDeleted(s.id);
                        await load();
                        // The row and its buttons are gone: the focus stays in the dialog.
                        newButton.current?.focus();
                        return null;
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Modal>
  );
}
