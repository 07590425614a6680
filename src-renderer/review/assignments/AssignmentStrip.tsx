import { useCallback, useEffect, useState } from 'react';
import type { AssignmentView, WolkvoxApi } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';
import { AssignDialog } from './AssignDialog';

/**
 * Beside the open sample's chip: the asker's part of it ("Your part: 3 of 10 reviewed") and the button
 * that opens the split and the progress per auditor. Read again whenever reviews or samples change.
 */
export function AssignmentStrip({ api, sample, dataVersion }: { api: WolkvoxApi; sample: { id: number; name: string }; dataVersion: number }) {
  const { t, num } = useI18n();
  const [view, setView] = useState<AssignmentView | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    const r = await api.call('assignments/get', { sampleId: sample.id });
    setView(r.ok ? r.value : null);
  }, [api, sample.id]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const mine = view?.mine ?? null;
  return (
    <>
      {mine && (
        <span className="chip assignment-chip" data-testid="assignment-mine" data-assigned={mine.assigned} data-reviewed={mine.reviewed}>
          {t('assign.mine', { reviewed: num(mine.reviewed), assigned: num(mine.assigned) })}
        </span>
      )}
      <button type="button" className="link-button small" data-testid="assignment-open" title={t('assign.openTitle')} onClick={() => setOpen(true)}>
        {t('assign.open')}
      </button>
      {open && (
        <AssignDialog
          api={api}
          sample={sample}
          view={view}
          onChanged={setView}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
