import { useCallback, useEffect, useState } from 'react';
import type { CalibrationDetail, WolkvoxApi } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';
import { useDataVersion } from '../../state/use-events';
import { AgreementTables } from './AgreementTables';
import { CalibrationScores } from './CalibrationScores';

/** One calibration: its agreement (per attribute, pass/fail, per auditor) and, for those taking part, their own scores. */
export function CalibrationDetailView({ api, id, onBack, onRead }: { api: WolkvoxApi; id: number; onBack(): void; onRead(id: number, uid: string): void }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<CalibrationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Another auditor's score, or the lead's change, on a team cache: the agreement is read again.
  const dataVersion = useDataVersion(api, 500);

  const load = useCallback(async () => {
    const r = await api.call('calibrations/get', { id });
    if (r.ok) setDetail(r.value);
    else setError(r.error.message);
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  return (
    <div className="calib-detail" data-testid="calib-detail">
      <div className="calib-actions">
        <button type="button" data-testid="calib-back" onClick={onBack}>
          {t('calib.back')}
        </button>
        {detail && <strong>{detail.calibration.name}</strong>}
      </div>
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      {detail && (
        <>
          {detail.agreement ? (
            <AgreementTables agreement={detail.agreement} />
          ) : (
            <p className="muted small" data-testid="calib-agreement-withheld">
              {t('calib.agreementWithheld')}
            </p>
          )}
          {detail.takesPart ? (
            <CalibrationScores api={api} detail={detail} onSaved={() => void load()} onError={setError} onRead={onRead} />
          ) : (
            <p className="muted small" data-testid="calib-not-taking-part">
              {t('calib.notTakingPart')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
