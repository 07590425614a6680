import type { Scorecard } from '../../../src-main/core/api/contract';
import { useI18n } from '../../i18n';
import { AttributeChoice } from '../AttributeChoice';

/** The draft as the review rail will show it (not interactive: nothing here is a review). */
export function ScorecardPreview({ card }: { card: Scorecard }) {
  const { t, num } = useI18n();
  return (
    <aside className="sc-preview" aria-labelledby="sc-preview-title" data-testid="sc-preview">
      <h3 id="sc-preview-title">{t('scorecard.preview')}</h3>
      <p className="muted small">{t('scorecard.previewLine', { name: card.name || '—', mark: num(card.passMark) })}</p>
      <div className="sc-preview-rail">
        {card.attributes.map((a, i) => (
          <AttributeChoice key={`${i}:${a.key}`} attribute={{ ...a, name: a.name || t('scorecard.attributeN', { n: i + 1 }) }} value={null} onChoose={() => {}} disabled />
        ))}
      </div>
    </aside>
  );
}
