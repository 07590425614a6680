import type { AgreementView } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';

/** How far a calibration's auditors agree: per attribute and on the result, then each auditor's own figures. */
export function AgreementTables({ agreement }: { agreement: AgreementView }) {
  const { t, num } = useI18n();
  const percent = (rate: number | null) => (rate === null ? '—' : `${num(Math.round(rate * 100))} %`);
  return (
    <>
      <table className="samples-table calib-table" data-testid="calib-agreement">
        <caption>{t('calib.agreement')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calib.colAttribute')}</th>
            <th scope="col" className="num">{t('calib.colCompared')}</th>
            <th scope="col" className="num">{t('calib.colAgreed')}</th>
            <th scope="col" className="num">{t('calib.colRate')}</th>
          </tr>
        </thead>
        <tbody>
          {[...agreement.attributes, { key: '', name: t('calib.result'), ...agreement.result }].map((line) => (
            <tr key={line.key} data-testid="calib-agreement-line" data-key={line.key} data-compared={line.compared} data-agreed={line.agreed}>
              <th scope="row">{line.name}</th>
              <td className="num">{num(line.compared)}</td>
              <td className="num">{num(line.agreed)}</td>
              <td className="num">{percent(line.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('calib.agreementIntro')}</p>
      <table className="samples-table calib-table" data-testid="calib-auditors">
        <caption>{t('calib.perAuditor')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assign.colAuditor')}</th>
            <th scope="col" className="num">{t('calib.colScored')}</th>
            <th scope="col" className="num">{t('calib.colPassRate')}</th>
            <th scope="col" className="num">{t('calib.colAverage')}</th>
          </tr>
        </thead>
        <tbody>
          {agreement.auditors.map((a) => (
            <tr key={a.auditor}>
              <th scope="row">{a.auditor}</th>
              <td className="num">{num(a.scored)}</td>
              <td className="num">{num(a.passed)}</td>
              <td className="num">{a.averageScore === null ? '—' : num(Math.round(a.averageScore * 10) / 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
