import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

const DEBOUNCE_MS = 200;

/**
 * The one search box: results as you type (debounced), `/` anywhere focuses it, Esc clears it.
 * The query goes to the cache's full-text index, which ignores accents and case.
 */
export function SearchBox({ value, onChange }: { value: string; onChange(text: string): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onChange(draft), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onChange]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    // Capture phase: the grid handles keys of its own and must not swallow the shortcut.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="search" role="search">
      <span className="search-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={input}
        data-testid="search-input"
        type="search"
        value={draft}
        maxLength={500}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            setDraft('');
            onChange('');
          } else if (e.key === 'Enter') {
            onChange(draft);
          }
        }}
      />
      <kbd className="search-hint" title={t('search.hint')}>
        /
      </kbd>
    </div>
  );
}
