import type { CalibrationDetail, WolkvoxApi } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';

type Value = boolean | number | 'na' | null;

/** A select's value for an answer, and back. */
const valueText = (v: Value | undefined) => (v === undefined || v === null ? '' : String(v));
const valueOf = (text: string): Value => (text === '' ? null : text === 'true' ? true : text === 'false' ? false : text === 'na' ? 'na' : Number(text));

/**
 * The asker's own calibration scores: a row per interaction, a list box per attribute (keyboard: Tab moves,
 * arrows or a letter choose). Each change is saved at once as a patch; the result follows the review rule.
 */
export function CalibrationScores(props: { api: WolkvoxApi; detail: CalibrationDetail; onSaved(): void; onError(message: string | null): void; onRead(id: number, uid: string): void }) {
  const { t } = useI18n();
  const { detail } = props;
  const mine = new Map(detail.scores.filter((s) => s.auditor === detail.me).map((s) => [s.uid, s]));
  const save = async (uid: string, key: string, text: string) => {
    const r = await props.api.call('calibrations/score', { calibrationId: detail.calibration.id, uid, scores: { [key]: valueOf(text) } });
    props.onError(r.ok ? null : r.error.message);
    if (r.ok) props.onSaved();
  };
  return (
    <div className="calib-scroll">
      <table className="samples-table calib-table calib-scores" data-testid="calib-scores">
        <caption>{t('calib.yourScores')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calib.colMembers')}</th>
            {detail.scorecard.attributes.map((a) => (
              <th key={a.key} scope="col">
                {a.name}
              </th>
            ))}
            <th scope="col">{t('review.title')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.members.map((m, i) => {
            const score = mine.get(m.uid);
            return (
              <tr key={m.uid} data-testid="calib-score-row" data-uid={m.uid} data-status={score?.status ?? 'unreviewed'}>
                <th scope="row">
                  {m.id === null ? (
                    <>
                      {t('calib.interaction', { n: i + 1 })}
                      <span className="muted small"> ({t('calib.gone')})</span>
                    </>
                  ) : (
                    <button type="button" className="link-button" data-testid="calib-read" title={t('calib.readTitle')} onClick={() => props.onRead(m.id!, m.uid)}>
                      {t('calib.interaction', { n: i + 1 })}
                    </button>
                  )}
                </th>
                {detail.scorecard.attributes.map((a) => (
                  <td key={a.key}>
                    <select
                      aria-label={t('calib.scoreLabel', { attribute: a.name, n: i + 1 })}
                      data-testid="calib-score"
                      data-key={a.key}
                      value={valueText(score?.scores[a.key])}
                      onChange={(e) => void save(m.uid, a.key, e.target.value)}
                    >
                      <option value="">{t('calib.unanswered')}</option>
                      {a.scale === 'yes-no' ? (
                        <>
                          <option value="true">{t('review.yes')}</option>
                          <option value="false">{t('review.no')}</option>
                        </>
                      ) : (
                        [1, 2, 3, 4, 5].map((n) => (
                          <option key={n} value={String(n)}>
                            {n}
                          </option>
                        ))
                      )}
                      {a.naAllowed && <option value="na">{t('calib.na')}</option>}
                    </select>
                  </td>
                ))}
                <td className="small">{score ? t(`review.status.${score.status === 'in review' ? 'inReview' : score.status}`) : t('review.status.unreviewed')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
