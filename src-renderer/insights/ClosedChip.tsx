import { useI18n } from '../i18n';

/**
 * The filter bar's chip for the closed or open part of an Insights bar, removable. It names the close
 * date, not the status: Insights counts a row as closed by its close date, whatever its status text says.
 */
export function ClosedChip({ closed, onClear }: { closed: boolean; onClear: () => void }) {
  const { t } = useI18n();
  return (
    <span className="chip slot-chip" data-testid="closed-chip" data-closed={closed} title={t(closed ? 'insights.closedChipTitle' : 'insights.openChipTitle')}>
      {t(closed ? 'insights.closedChip' : 'insights.openChip')}
      <button type="button" className="icon-button" aria-label={t('insights.closedClear')} title={t('insights.closedClear')} onClick={onClear}>
        ×
      </button>
    </span>
  );
}
