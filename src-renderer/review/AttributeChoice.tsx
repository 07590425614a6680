import { useId, useState, type KeyboardEvent } from 'react';
import type { Scorecard } from '../../src-main/core/api/contract';
import { useI18n, type T } from '../i18n';
import { focusAfter, focusSibling } from './rail-focus';
import type { Score } from './use-review-state';

export type Attribute = Scorecard['attributes'][number];

interface Option {
  value: Score;
  id: string;
  label: string;
  /** The keys that choose it at once. */
  keys: readonly string[];
}

export function attributeOptions(t: T, a: Pick<Attribute, 'scale' | 'naAllowed'>): Option[] {
  const options: Option[] =
    a.scale === 'yes-no'
      ? [
          { value: true, id: 'yes', label: t('review.yes'), keys: ['y', t('review.yesKey')] },
          { value: false, id: 'no', label: t('review.no'), keys: ['n'] },
        ]
      : [1, 2, 3, 4, 5].map((n) => ({ value: n, id: String(n), label: String(n), keys: [String(n)] }));
  if (a.naAllowed) options.push({ value: 'na', id: 'na', label: t('review.na'), keys: ['0', '-'] });
  return options;
}

interface Props {
  attribute: Attribute;
  value: Score;
  /** `advance`: the answer came from a key that moves the cursor on (digits, letters, Enter). */
  onChoose(value: Score, advance: boolean): void;
  /** A preview (the scorecard editor's): shown, never saved. */
  disabled?: boolean;
}

/**
 * One attribute as a radio group that answers in one key: the arrows only move between options (nothing
 * is saved on the way); a digit, Y/N or 0/- answers and moves on; Space answers and stays; Delete clears.
 */
export function AttributeChoice({ attribute: a, value, onChoose, disabled }: Props) {
  const { t, num } = useI18n();
  const labelId = useId();
  const helpId = useId();
  const [helpOpen, setHelpOpen] = useState(false);
  const options = attributeOptions(t, a);
  const chosen = options.findIndex((o) => o.value === value);
  const [cursor, setCursor] = useState<number | null>(null);
  const tabStop = cursor ?? (chosen >= 0 ? chosen : 0);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || disabled) return;
    const group = e.currentTarget;
    const buttons = [...group.querySelectorAll<HTMLElement>('[role="radio"]')];
    const at = Math.max(0, buttons.indexOf(document.activeElement as HTMLElement));
    const move = (i: number) => {
      const next = (i + buttons.length) % buttons.length;
      setCursor(next);
      buttons[next]?.focus();
    };
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const byKey = e.shiftKey ? undefined : options.find((o) => o.keys.includes(key));
    let handled = true;
    if (byKey) {
      onChoose(byKey.value, true);
      focusAfter(group);
    } else if (key === 'ArrowRight') move(at + 1);
    else if (key === 'ArrowLeft') move(at - 1);
    else if (key === 'ArrowDown') focusSibling(group, 1);
    else if (key === 'ArrowUp') focusSibling(group, -1);
    else if (key === 'Enter' || key === ' ') {
      onChoose(options[at]!.value, key === 'Enter');
      if (key === 'Enter') focusAfter(group);
    } else if (key === 'Delete' || key === 'Backspace') onChoose(null, false);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <div
      className="rail-attribute"
      role="radiogroup"
      aria-labelledby={labelId}
      aria-describedby={a.help && helpOpen ? helpId : undefined}
      data-review-attribute={a.key}
      data-answered={value !== null && value !== undefined}
      data-testid={`review-attribute-${a.key}`}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setCursor(null);
      }}
    >
      <div className="rail-attribute-head">
        <span id={labelId} className="rail-attribute-name">
          {a.name}
          {a.critical && <span className="review-critical-flag"> · {t('review.critical')}</span>}
        </span>
        <span className="muted small rail-weight">{t('review.weight', { weight: num(a.weight) })}</span>
        {a.help && (
          <button
            type="button"
            className="rail-help-toggle"
            aria-expanded={helpOpen}
            aria-label={t('review.helpFor', { name: a.name })}
            title={a.help}
            onClick={() => setHelpOpen((o) => !o)}
          >
            ?
          </button>
        )}
      </div>
      {a.help && helpOpen && (
        <p id={helpId} className="muted small rail-help text">
          {a.help}
        </p>
      )}
      <div className="rail-options">
        {options.map((o, i) => (
          <button
            key={o.id}
            type="button"
            role="radio"
            aria-checked={value === o.value}
            aria-label={`${a.name}: ${o.label}`}
            className={value === o.value ? 'rail-option on' : 'rail-option'}
            tabIndex={i === tabStop ? 0 : -1}
            disabled={disabled}
            data-testid={`review-score-${a.key}-${o.id}`}
            onClick={() => onChoose(o.value, false)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
