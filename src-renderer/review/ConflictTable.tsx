import type { Review } from '../../src-main/core/api/contract';
import { useI18n, type T } from '../i18n';

/** One line of a conflict: what their review and mine say of one thing (the result, an attribute, the note…). */
export interface ConflictRow {
  key: string;
  label: string;
  theirs: string;
  mine: string;
}

/** An answer as the conflict shows it: Yes/No, N/A, the number, or a dash when unanswered. */
export function scoreText(t: T, value: Review['scores'][string] | undefined): string {
  if (value === undefined || value === null) return '—';
  if (value === 'na') return t('review.na');
  if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
  return String(value);
}

/**
 * Their review beside mine, a line per thing, the lines that differ marked: the one table of the review
 * rail's conflict panel and of a conflict found when offline reviews are sent.
 */
export function ConflictTable({ rows, theirReviewer }: { rows: readonly ConflictRow[]; theirReviewer: string }) {
  const { t } = useI18n();
  return (
    <table className="review-conflict-table">
      <thead>
        <tr>
          <th scope="col">{t('review.conflict.item')}</th>
          <th scope="col">{t('review.conflict.theirs', { reviewer: theirReviewer })}</th>
          <th scope="col">{t('review.conflict.yours')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`conflict-row-${r.key}`} className={r.theirs === r.mine ? undefined : 'differs'}>
            <th scope="row">{r.label}</th>
            <td className="text" data-testid="conflict-theirs">{r.theirs}</td>
            <td className="text" data-testid="conflict-mine">{r.mine}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
