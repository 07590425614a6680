import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ResultOf, WolkvoxApi } from '../../src-main/core/api/contract';
import { useI18n } from '../i18n';
import { Message } from './Message';

type Conversation = ResultOf<'conversation/get'>;

interface Props {
  api: WolkvoxApi;
  id: number;
  terms: readonly string[];
  zone: string;
  dataVersion: number;
  onClose(): void;
  onLink(url: string): void;
  /** The review rail: beside the messages (below them in a narrow pane), never over them. */
  children?: ReactNode;
}

/** Every interaction of the selected row's case, oldest first, the selected one marked and in view. */
export function ConversationPanel({ api, id, terms, zone, dataVersion, onClose, onLink, children }: Props) {
  const { t } = useI18n();
  const [data, setData] = useState<Conversation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [plain, setPlain] = useState(false);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    void api.call('conversation/get', { id }).then((r) => {
      if (!live) return;
      if (r.ok) setData(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, id, dataVersion]);

  const items = data ? [...data.items].sort((a, b) => (a.createdUtc ?? Infinity) - (b.createdUtc ?? Infinity) || a.id - b.id) : [];

  useEffect(() => {
    list.current?.querySelector('.message.current')?.scrollIntoView({ block: 'nearest' });
  }, [data, id]);

  return (
    <aside className={children ? 'conversation with-review' : 'conversation'} data-testid="conversation-panel" aria-label={t('conv.title')}>
      <header className="conv-head">
        <div>
          <h2>{t('conv.title')}</h2>
          {data && (
            <p className="muted small">
              {t('conv.caseLine', { caseId: data.caseId || '—', n: items.length })}
            </p>
          )}
        </div>
        <div className="conv-tools">
          <label className="toggle">
            <input type="checkbox" data-testid="plain-toggle" checked={plain} onChange={(e) => setPlain(e.target.checked)} />
            {t('conv.plain')}
          </label>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('conv.close')} title={t('conv.close')}>
            ×
          </button>
        </div>
      </header>
      {error && <p className="notice error conv-notice">{error}</p>}
      {!data && !error && <p className="muted pad conv-notice">{t('common.loading')}</p>}
      {/* Focusable, so the keyboard can scroll a long thread (a scrollable region must be reachable). */}
      <div className="conv-list" ref={list} tabIndex={0} role="region" aria-label={t('conv.messages')}>
        {items.map((item) => (
          <Message key={item.id} item={item} current={item.id === id} terms={terms} zone={zone} plain={plain} onLink={onLink} />
        ))}
      </div>
      {children}
    </aside>
  );
}
