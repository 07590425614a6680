import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Highlighted } from '../components/Highlighted';
import { htmlToText, looksLikeHtml } from '../../src-main/core/api/html-text';
import { visibleText } from '../format/text';
import { useI18n } from '../i18n';
import { sanitiseEmail } from './sanitize';

/** Past this many characters a body is shown cut, with a button for the rest (100 KB threads stay quick). */
const SHOWN_CHARS = 20_000;

interface Props {
  text: string;
  terms: readonly string[];
  plain: boolean;
  onLink(url: string): void;
}

/** A message body: sanitised HTML (inert, links asked for) or plain text, matches marked either way. */
export function MessageBody({ text, terms, plain, onLink }: Props) {
  const { t, num } = useI18n();
  const [whole, setWhole] = useState(false);
  const isHtml = useMemo(() => looksLikeHtml(text), [text]);
  const html = useMemo(() => (isHtml && !plain ? sanitiseEmail(text, terms, t('conv.imageBlocked')) : null), [isHtml, plain, text, terms, t]);
  // The plain view reads the body's visible words, as a friendly export writes them (one shared conversion).
  const plainText = useMemo(() => (html ? '' : isHtml ? htmlToText(text, { imageLabel: t('conv.imageBlocked') }) : text), [html, isHtml, text, t]);

  /**
   * Every activation of a message's link asks first: a click with or without ctrl/cmd/shift, a middle click
   * (auxclick) and Enter. The sanitiser left no href, so the browser itself has nothing to follow; the
   * default is still prevented, in case of an address this code never saw.
   */
  const activate = (target: EventTarget, e: { preventDefault(): void; stopPropagation(): void }) => {
    const link = (target as Element).closest?.('a');
    if (!link) return;
    e.preventDefault();
    e.stopPropagation();
    const href = link.getAttribute('data-href');
    if (href && /^https?:\/\//i.test(href)) onLink(href);
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => activate(e.target, e);
  const onAuxClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.button === 1) activate(e.target, e);
    else if ((e.target as Element).closest?.('a')) e.preventDefault();
  };
  // A middle press would otherwise start the browser's autoscroll, or on Linux paste the selection.
  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if (e.button === 1 && (e.target as Element).closest?.('a')) e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter') activate(e.target, e);
  };

  if (html) {
    return (
      <div className="body-wrap">
        {html.blockedImages > 0 && <p className="muted small">{t('conv.imagesBlocked', { n: html.blockedImages })}</p>}
        <div
          className="mail-html"
          dir="auto"
          onClick={onClick}
          onAuxClick={onAuxClick}
          onMouseDown={onMouseDown}
          onKeyDown={onKeyDown}
          dangerouslySetInnerHTML={{ __html: html.html }}
        />
      </div>
    );
  }
  const cut = !whole && plainText.length > SHOWN_CHARS;
  const shown = cut ? plainText.slice(0, SHOWN_CHARS) : plainText;
  return (
    <div className="body-wrap">
      <div className="mail-plain">
        <Highlighted text={visibleText(shown)} terms={terms} />
      </div>
      {cut && (
        <button type="button" className="link-button" onClick={() => setWhole(true)}>
          {t('conv.showWhole', { kb: num(Math.round(plainText.length / 1024)) })}
        </button>
      )}
    </div>
  );
}
