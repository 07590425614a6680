import { useEffect, useRef, useState } from 'react';
import type { EventOf } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { useApp } from '../state/app-context';
import { useEvent } from '../state/use-events';

const DEBOUNCE_MS = 200;

interface Props {
  value: string;
  onChange(text: string): void;
  /** ↓ or Enter: the keyboard goes on to the results; `text` is the search they are for. */
  onResults?(text: string): void;
}

/**
 * The one search box: results as you type (debounced), `/` anywhere focuses it, Esc clears it, ↓ or Enter
 * goes to the results. The query goes to the cache's full-text index, which ignores accents and case; the
 * help line under the box (shown while it has the focus) gives the syntax, and the index's rebuild after
 * an upgrade, if one is running.
 */
export function SearchBox({ value, onChange, onResults }: Props) {
  const { t } = useI18n();
  const { api } = useApp();
  const [draft, setDraft] = useState(value);
  const [reindex, setReindex] = useState<EventOf<'search/index'> | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEvent(api, 'search/index', (p) => setReindex(p.done ? null : p));
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

  const percent = reindex && reindex.total > 0 ? Math.min(99, Math.floor((100 * reindex.indexed) / reindex.total)) : 0;
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
        aria-describedby="search-help"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            setDraft('');
            onChange('');
          } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
            e.preventDefault();
            if (draft !== value) onChange(draft);
            onResults?.(draft);
          }
        }}
      />
      <kbd className="search-hint" title={t('search.hint')}>
        /
      </kbd>
      <p id="search-help" className={reindex ? 'search-help shown' : 'search-help'} data-testid="search-help">
        {t('search.syntax')}
        {reindex && (
          <span className="search-reindex" role="status" data-testid="search-reindex">
            {' '}
            {t('search.reindexing', { n: percent })}
          </span>
        )}
      </p>
    </div>
  );
}
