import DOMPurify from 'dompurify';
import { highlightPieces, visibleText } from '../format/text';

/**
 * HTML e-mails made inert. Nothing from a message may run, load or navigate: no scripts, no event
 * handlers, no frames, forms or plugins, no style (an absolutely positioned block could cover the app, and
 * CSS can fetch URLs), and no remote images (tracking pixels): an image is kept only when it is embedded
 * data, otherwise it becomes a visible "image blocked" mark.
 *
 * No element of the result has an address the browser would follow. Image maps, forms and their
 * formaction, <base>, meta refresh, SVG and MathML links, frames, plugins, <link>, srcset and ping are
 * removed outright. An <a> keeps its words but loses its href: an http(s) address moves to data-href (the
 * panel opens it only through the confirmation, whatever the click, middle click, modified click or key),
 * a mailto address to data-mailto (shown, never opened). An anchor without href is not a link to the
 * browser, so a middle click, a ctrl/cmd/shift-click or the context menu's "open link" has nothing to
 * open. The page's Content-Security-Policy blocks any remote load as a second line, should something slip
 * past this.
 */
const FORBID_TAGS = [
  'style', 'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'option', 'link', 'meta', 'base', 'svg', 'math', 'audio', 'video', 'source', 'track', 'picture', 'canvas',
  'template', 'noscript', 'title', 'head', 'dialog', 'area', 'map', 'portal', 'fencedframe', 'isindex', 'keygen', 'image',
];
const FORBID_ATTR = [
  'style', 'class', 'id', 'name', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping', 'target', 'xlink:href',
  'lowsrc', 'dynsrc', 'usemap', 'ismap', 'download', 'srcdoc', 'longdesc', 'http-equiv', 'popovertarget', 'form', 'data',
  'codebase', 'archive', 'rel',
];
const SAFE_IMAGE = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const WEB_LINK = /^https?:\/\//i;
const MAIL_LINK = /^mailto:/i;
/** Attributes that hold an address on some element; only an <a>'s href is read, and only here. */
const ADDRESS_ATTRS = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'cite', 'ping', 'srcset', 'poster', 'background'];

export interface SanitisedHtml {
  html: string;
  blockedImages: number;
}

/** A detached document: nothing parsed or built in it loads or runs. */
function inertDocument(): Document {
  return document.implementation.createHTMLDocument('');
}

export function sanitiseEmail(raw: string, terms: readonly string[], blockedLabel = 'image'): SanitisedHtml {
  let blockedImages = 0;
  const purify = DOMPurify();
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'A') {
      // The address leaves href: the browser never sees a link it could follow without the panel.
      const href = (el.getAttribute('href') ?? '').trim();
      el.removeAttribute('href');
      if (WEB_LINK.test(href)) {
        el.setAttribute('data-href', href);
        el.setAttribute('role', 'link');
        el.setAttribute('tabindex', '0');
        el.setAttribute('title', href);
      } else if (MAIL_LINK.test(href)) {
        el.setAttribute('data-mailto', href.slice('mailto:'.length));
        el.setAttribute('title', href);
      }
    }
    for (const attr of ADDRESS_ATTRS) {
      if (attr === 'src' && el.tagName === 'IMG') continue;
      if (el.hasAttribute(attr)) el.removeAttribute(attr);
    }
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src.trim())) {
        el.removeAttribute('src');
        el.setAttribute('data-blocked', '1');
        blockedImages++;
      }
    }
  });
  const fragment = purify.sanitize(raw, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
    RETURN_DOM_FRAGMENT: true,
  }) as DocumentFragment;

  const doc = inertDocument();
  const holder = doc.createElement('div');
  holder.appendChild(doc.importNode(fragment, true));
  for (const img of [...holder.querySelectorAll('img[data-blocked]')]) {
    const mark = doc.createElement('span');
    mark.setAttribute('data-blocked-image', '1');
    const alt = img.getAttribute('alt');
    mark.textContent = alt ? `[${blockedLabel}: ${alt}]` : `[${blockedLabel}]`;
    img.replaceWith(mark);
  }
  markTextNodes(holder, terms);
  return { html: holder.innerHTML, blockedImages };
}

/** Control characters made visible and search words marked, in every text node. */
function markTextNodes(root: Element, terms: readonly string[]): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = visibleText(node.data);
    const pieces = highlightPieces(text, terms);
    if (pieces.length === 1 && !pieces[0]!.match) {
      if (text !== node.data) node.data = text;
      continue;
    }
    node.replaceWith(
      ...pieces.map((p) => {
        if (!p.match) return doc.createTextNode(p.text);
        const mark = doc.createElement('mark');
        mark.textContent = p.text;
        return mark;
      }),
    );
  }
}
