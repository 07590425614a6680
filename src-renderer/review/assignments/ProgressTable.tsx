import type { AssignmentView } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';

/** Progress per auditor of a sample's split: assigned, reviewed, pass, fail. */
export function ProgressTable({ lines, me }: { lines: AssignmentView['auditors']; me: string | null }) {
  const { t, num } = useI18n();
  return (
    <table className="samples-table assign-progress" data-testid="assign-progress">
      <caption className="small-heading">{t('assign.progressCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assign.colAuditor')}</th>
          <th scope="col" className="num">{t('assign.colAssigned')}</th>
          <th scope="col" className="num">{t('assign.colReviewed')}</th>
          <th scope="col" className="num">{t('assign.colPassed')}</th>
          <th scope="col" className="num">{t('assign.colFailed')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.auditor} data-testid="assign-line" data-auditor={line.auditor} data-assigned={line.assigned} data-reviewed={line.reviewed}>
            <th scope="row">{line.auditor === me ? t('assign.you', { name: line.auditor }) : line.auditor}</th>
            <td className="num">{num(line.assigned)}</td>
            <td className="num">{num(line.reviewed)}</td>
            <td className="num">{num(line.passed)}</td>
            <td className="num">{num(line.failed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
