import { useI18n } from '../i18n';
import type { CreatedSlot } from '../state/filter';

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * The filter bar's chip for a heatmap cell: "Tuesday 10:00–11:00" (the zone in its title), removable.
 * The slot holds its zone: the hours are those of the clock the heatmap was drawn with.
 */
export function SlotChip({ slot, onClear }: { slot: CreatedSlot; onClear: () => void }) {
  const { t } = useI18n();
  const weekday = t('insights.weekdaysLong').split(',')[slot.weekday] ?? String(slot.weekday);
  const vars = { weekday, from: hh(slot.hour), to: hh(slot.hour + 1), zone: slot.zone };
  // Spanish weekdays are written in lower case inside a sentence; the chip starts with one.
  const label = t('insights.slotChip', { ...vars, weekday: weekday.charAt(0).toLocaleUpperCase() + weekday.slice(1) });
  return (
    <span className="chip slot-chip" data-testid="slot-chip" data-weekday={slot.weekday} data-hour={slot.hour} title={t('insights.slotChipTitle', vars)}>
      {label}
      <button type="button" className="icon-button" aria-label={t('insights.slotClear')} title={t('insights.slotClear')} onClick={onClear}>
        ×
      </button>
    </span>
  );
}
