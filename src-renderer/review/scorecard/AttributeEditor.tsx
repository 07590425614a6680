import { useId } from 'react';
import { useI18n } from '../../i18n';
import { LIMITS, type DraftAttribute, type DraftErrors } from './draft';

interface Props {
  index: number;
  count: number;
  attribute: DraftAttribute;
  errors: DraftErrors['attributes'][number];
  onChange(next: DraftAttribute): void;
  onMove(step: 1 | -1): void;
  onRemove(): void;
}

/** One attribute of the scorecard being edited: its fields, each with its error beside it. */
export function AttributeEditor({ index, count, attribute: a, errors, onChange, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<DraftAttribute>) => onChange({ ...a, ...patch });
  const label = a.name.trim() || t('scorecard.attributeN', { n: index + 1 });
  return (
    <li className="sc-attribute" data-testid={`sc-attribute-${index}`} aria-label={label}>
      <div className="sc-attribute-main">
        <label className="sc-field sc-name">
          <span>{t('scorecard.attributeName')}</span>
          <input
            type="text"
            data-testid={`sc-attribute-name-${index}`}
            value={a.name}
            maxLength={LIMITS.attributeName}
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? `${id}-name` : undefined}
            onChange={(e) => set({ name: e.target.value })}
          />
          {errors.name && (
            <span id={`${id}-name`} className="field-error" data-testid={`sc-attribute-name-error-${index}`}>
              {t(errors.name)}
            </span>
          )}
        </label>
        <label className="sc-field">
          <span>{t('scorecard.kind')}</span>
          <select data-testid={`sc-attribute-scale-${index}`} value={a.scale} onChange={(e) => set({ scale: e.target.value as DraftAttribute['scale'] })}>
            <option value="yes-no">{t('scorecard.kindYesNo')}</option>
            <option value="1-5">{t('scorecard.kindScale')}</option>
          </select>
        </label>
        <label className="sc-field sc-weight">
          <span>{t('scorecard.weight')}</span>
          <input
            type="text"
            inputMode="decimal"
            data-testid={`sc-attribute-weight-${index}`}
            value={a.weight}
            aria-invalid={!!errors.weight}
            aria-describedby={errors.weight ? `${id}-weight` : undefined}
            onChange={(e) => set({ weight: e.target.value })}
          />
          {errors.weight && (
            <span id={`${id}-weight`} className="field-error" data-testid={`sc-attribute-weight-error-${index}`}>
              {t(errors.weight)}
            </span>
          )}
        </label>
      </div>
      <label className="sc-field sc-help">
        <span>{t('scorecard.help')}</span>
        <input
          type="text"
          data-testid={`sc-attribute-help-${index}`}
          value={a.help}
          maxLength={LIMITS.help}
          placeholder={t('scorecard.helpPlaceholder')}
          onChange={(e) => set({ help: e.target.value })}
        />
      </label>
      <div className="sc-attribute-flags">
        <label className="toggle">
          <input type="checkbox" data-testid={`sc-attribute-critical-${index}`} checked={a.critical} onChange={(e) => set({ critical: e.target.checked })} />
          {t('scorecard.critical')}
        </label>
        <label className="toggle">
          <input type="checkbox" data-testid={`sc-attribute-na-${index}`} checked={a.naAllowed} onChange={(e) => set({ naAllowed: e.target.checked })} />
          {t('scorecard.naAllowed')}
        </label>
        <span className="sc-attribute-tools">
          <button type="button" disabled={index === 0} aria-label={t('scorecard.moveUp', { name: label })} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" disabled={index === count - 1} aria-label={t('scorecard.moveDown', { name: label })} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="danger" data-testid={`sc-attribute-remove-${index}`} onClick={onRemove}>
            {t('scorecard.remove')}
          </button>
        </span>
      </div>
    </li>
  );
}
