import { useCallback, useEffect, useState } from 'react';
import type { CalibrationView, SampleSummary, WolkvoxApi } from '../../../src-main/core/api/contract';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';
import { useDataVersion } from '../../state/use-events';
import { AuditorPicker, pickedNames } from './AuditorPicker';
import { CalibrationDetailView } from './CalibrationDetail';
import './assignments.css';

/**
 * Calibrations: the list with each auditor's progress, a new one (a sample's interactions, two or more
 * auditors), and one opened: its agreement, and the asker's own scores when they take part.
 */
export function CalibrationDialog(props: {
  api: WolkvoxApi;
  /** The calibration shown (kept by the caller, so the dialog reopens on it after reading a conversation). */
  current: number | null;
  onCurrent(id: number | null): void;
  /** Opens an interaction's conversation (the dialog closes meanwhile). */
  onRead(id: number, uid: string): void;
  onClose(): void;
}) {
  const { api, onClose } = props;
  const { t, num } = useI18n();
  const [list, setList] = useState<CalibrationView[] | null>(null);
  const [samples, setSamples] = useState<SampleSummary[]>([]);
  const [people, setPeople] = useState<{ me: string; known: string[] }>({ me: '', known: [] });
  const openId = props.current;
  const setOpenId = props.onCurrent;
  const [name, setName] = useState('');
  const [sampleId, setSampleId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [others, setOthers] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [c, s, p] = await Promise.all([api.call('calibrations/list', {}), api.call('samples/list', {}), api.call('assignments/auditors', {})]);
    if (c.ok) setList(c.value);
    else setError(c.error.message);
    if (s.ok) {
      setSamples(s.value);
      setSampleId((current) => current ?? s.value[0]?.id ?? null);
    }
    if (p.ok) setPeople(p.value);
  }, [api]);
  // Calibrations made, scored or deleted elsewhere (the team cache's feed): the list and its progress reload.
  const dataVersion = useDataVersion(api, 500);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const create = async () => {
    if (sampleId === null) return;
    const r = await api.call('calibrations/create', { name, sampleId, auditors: pickedNames(chosen, others) });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setName('');
    setOthers('');
    setChosen(new Set());
    await load();
    setOpenId(r.value.id);
  };
  const remove = async (id: number) => {
    const r = await api.call('calibrations/delete', { id });
    if (!r.ok) return setError(r.error.message);
    await load();
  };

  if (openId !== null) {
    return (
      <Modal title={t('calib.title')} onClose={onClose} testId="calibration-dialog" wide>
        <CalibrationDetailView api={api} id={openId} onRead={props.onRead} onBack={() => {
          setOpenId(null);
          void load();
        }} />
      </Modal>
    );
  }
  return (
    <Modal title={t('calib.title')} onClose={onClose} testId="calibration-dialog" wide>
      <p className="muted small">{t('calib.intro')}</p>
      {error && (
        <p className="notice error small" role="alert" data-testid="calib-error">
          {error}
        </p>
      )}
      {list !== null && list.length === 0 && <p className="muted" data-testid="calib-empty">{t('calib.empty')}</p>}
      {list !== null && list.length > 0 && (
        <table className="samples-table calib-table" data-testid="calib-list">
          <thead>
            <tr>
              <th scope="col">{t('calib.colName')}</th>
              <th scope="col" className="num">{t('calib.colMembers')}</th>
              <th scope="col">{t('calib.colProgress')}</th>
              <th scope="col">{t('calib.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid="calib-row" data-calibration-id={c.id}>
                <th scope="row">{c.name}</th>
                <td className="num">{num(c.members)}</td>
                <td className="small">{c.progress.map((p) => t('calib.progressLine', { auditor: p.auditor, scored: num(p.scored) })).join(' · ')}</td>
                <td className="calib-actions">
                  <button type="button" className="primary" data-testid="calib-open" aria-label={t('calib.openLabel', { name: c.name })} onClick={() => setOpenId(c.id)}>
                    {t('calib.openOne')}
                  </button>
                  <button type="button" data-testid="calib-delete" aria-label={t('calib.deleteLabel', { name: c.name })} onClick={() => void remove(c.id)}>
                    {t('calib.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="calib-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3>{t('calib.new')}</h3>
        <label className="field">
          <span>{t('calib.name')}</span>
          <input type="text" data-testid="calib-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('calib.sample')}</span>
          <select data-testid="calib-sample" value={sampleId ?? ''} onChange={(e) => setSampleId(Number(e.target.value))}>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({num(s.members)})
              </option>
            ))}
          </select>
        </label>
        <span className="small">{t('calib.auditors')}</span>
        <AuditorPicker known={people.known} me={people.me} chosen={chosen} onChosen={setChosen} others={others} onOthers={setOthers} othersLabel={t('assign.others')} />
        <div className="modal-actions">
          <button type="submit" className="primary" data-testid="calib-create" disabled={!name.trim() || sampleId === null}>
            {t('calib.create')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
