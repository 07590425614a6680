import { useEffect, useState } from 'react';
import type { AssignmentView, WolkvoxApi } from '../../../src-main/core/api/contract';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';
import { AuditorPicker, pickedNames } from './AuditorPicker';
import { ProgressTable } from './ProgressTable';
import './assignments.css';

/**
 * A sample's assignment: progress per auditor (assigned, reviewed, pass, fail) and the split, which the
 * lead makes or makes again (on a team cache the server refuses it to an auditor, with its reason).
 */
export function AssignDialog(props: {
  api: WolkvoxApi;
  sample: { id: number; name: string };
  view: AssignmentView | null;
  onChanged(view: AssignmentView): void;
  onClose(): void;
}) {
  const { api, view } = props;
  const { t } = useI18n();
  const [people, setPeople] = useState<{ me: string; known: string[] } | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [others, setOthers] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('assignments/auditors', {}).then((r) => {
      if (!r.ok) return setMessage({ error: true, text: r.error.message });
      setPeople(r.value);
      // The current split's auditors start ticked, so "Split again" keeps them unless changed.
      setChosen(new Set(view?.auditors.map((a) => a.auditor) ?? []));
    });
    // Once, when the dialog opens.
  }, []);

  const split = async () => {
    const names = pickedNames(chosen, others);
    if (names.length === 0) return setMessage({ error: true, text: t('assign.chooseSomeone') });
    setBusy(true);
    const r = await api.call('assignments/assign', { sampleId: props.sample.id, auditors: names });
    setBusy(false);
    if (!r.ok) return setMessage({ error: true, text: r.error.message });
    props.onChanged(r.value);
    // The names typed are now auditors of the split: ticked, like the others.
    setChosen(new Set(r.value.auditors.map((a) => a.auditor)));
    setOthers('');
    setMessage({ error: false, text: t('assign.done', { n: r.value.auditors.length }) });
  };

  const known = [...new Set([...(people?.known ?? []), ...(view?.auditors.map((a) => a.auditor) ?? [])])];
  return (
    <Modal title={t('assign.title', { name: props.sample.name })} onClose={props.onClose} testId="assign-dialog" wide>
      {view && view.auditors.length > 0 ? (
        <ProgressTable lines={view.auditors} me={people?.me ?? null} />
      ) : (
        <p className="muted" data-testid="assign-not-yet">
          {t('assign.notYet')}
        </p>
      )}
      <form
        className="assign-form"
        onSubmit={(e) => {
          e.preventDefault();
          void split();
        }}
      >
        <h3 className="small-heading">{t('assign.splitTitle')}</h3>
        <p className="muted small">{t('assign.splitIntro')}</p>
        <AuditorPicker known={known} me={people?.me ?? null} chosen={chosen} onChosen={setChosen} others={others} onOthers={setOthers} othersLabel={t('assign.others')} />
        {message && (
          <p className={message.error ? 'notice error small' : 'notice small'} role={message.error ? 'alert' : 'status'} data-testid="assign-message">
            {message.text}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" data-testid="assign-split" disabled={busy}>
            {view && view.auditors.length > 0 ? t('assign.resplit') : t('assign.split')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
