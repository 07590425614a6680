import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';

export const REVIEWER_KEY = 'reviewer';
const MAX = 80;

/** The auditor's name as the settings hold it ('' when not set). */
export function reviewerName(settings: Record<string, unknown>): string {
  const v = settings[REVIEWER_KEY];
  return typeof v === 'string' ? v.trim() : '';
}

/** The auditor's name: a field with its own error, for the first-review dialog and for Settings. */
export function ReviewerField(props: { initial: string; submitLabel: string; hint: string; onSubmit(name: string): void; onCancel?: () => void }) {
  const { initial, submitLabel, hint, onSubmit, onCancel } = props;
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) return setError(true);
    onSubmit(clean.slice(0, MAX));
  };
  return (
    <form className="reviewer-form" onSubmit={submit} data-testid="reviewer-form">
      <label htmlFor={id}>{t('reviewer.label')}</label>
      <input
        id={id}
        type="text"
        data-testid="reviewer-name"
        autoComplete="name"
        maxLength={MAX}
        value={name}
        aria-invalid={error}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          setName(e.target.value);
          setError(false);
        }}
      />
      <span id={`${id}-note`} className={error ? 'field-error' : 'muted small'} role={error ? 'alert' : undefined}>
        {error ? t('reviewer.required') : hint}
      </span>
      <div className="actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="primary" data-testid="reviewer-save">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
