/**
 * The words a reader sees in an HTML e-mail body, as plain text: what the conversation panel's plain view
 * shows, what a friendly export writes in its Message and Answer cells, what search can index. Pure string
 * work (no DOM), so the renderer, the core and a worker thread share one conversion. The text is never
 * parsed again as HTML by anyone, so a rough tokenizer is safe; it must only be linear on hostile input
 * (100 KB bodies, unclosed tags and comments), which a single forward scan with indexOf is.
 *
 * What is kept: text, with a line break for <br> and around blocks (paragraphs, divs, rows, list items,
 * headings), a tab between table cells, "• " before a list item, the alt text of an image (marked
 * "[label: alt]" when a label is given). What is dropped: the head, styles, scripts, comments, every other
 * tag, and runs of white space (except inside <pre>). Character references are decoded.
 */

/** An HTML body as opposed to plain text that merely contains a `<` (chat messages such as "3 < 5" or "<3"). */
export function looksLikeHtml(text: string): boolean {
  return /<(html|body|p|div|br|table|span|a|img|b|i|strong|em|ul|ol|li|h[1-6]|font|center|blockquote)\b[^>]*>/i.test(text);
}

/** Elements whose whole content is invisible: skipped up to their closing tag. */
const HIDDEN = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'svg', 'math', 'xmp', 'iframe', 'object', 'select', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'tr', 'table', 'tbody', 'thead', 'tfoot', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
  'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'address', 'center', 'pre', 'hr', 'form', 'fieldset',
  'figure', 'figcaption', 'caption', 'html', 'body',
]);
const CELL = new Set(['td', 'th']);

const NAMED: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", shy: '', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
  ensp: ' ', emsp: ' ', thinsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”',
  bdquo: '„', laquo: '«', raquo: '»', hellip: '…', bull: '•', middot: '·', deg: '°', ordm: 'º', ordf: 'ª', copy: '©', reg: '®',
  trade: '™', euro: '€', cent: '¢', pound: '£', yen: '¥', sect: '§', para: '¶', iexcl: '¡', iquest: '¿', times: '×', divide: '÷',
  plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', dagger: '†', larr: '←', rarr: '→',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', yacute: 'ý', Aacute: 'Á', Eacute: 'É', Iacute: 'Í',
  Oacute: 'Ó', Uacute: 'Ú', ntilde: 'ñ', Ntilde: 'Ñ', uuml: 'ü', Uuml: 'Ü', auml: 'ä', euml: 'ë', iuml: 'ï', ouml: 'ö',
  Auml: 'Ä', Ouml: 'Ö', szlig: 'ß', agrave: 'à', egrave: 'è', igrave: 'ì', ograve: 'ò', ugrave: 'ù', Agrave: 'À', Egrave: 'È',
  acirc: 'â', ecirc: 'ê', icirc: 'î', ocirc: 'ô', ucirc: 'û', ccedil: 'ç', Ccedil: 'Ç', atilde: 'ã', otilde: 'õ', aring: 'å',
  oslash: 'ø', aelig: 'æ',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

/** Character references decoded; an unknown name stays as written, a code point no text can hold becomes U+FFFD. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

const ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** Index just past the `>` closing the tag that starts at `from`, quotes respected; the text's end when none. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      // A quote opens a value only after `=` (possibly spaced); elsewhere it is a stray character.
      let j = i - 1;
      while (j > from && html.charCodeAt(j) <= 0x20) j--;
      if (html.charCodeAt(j) === 0x3d) quote = c;
    } else if (c === 0x3e) {
      return i + 1;
    }
  }
  return html.length;
}

export interface HtmlTextOptions {
  /** Images as "[label: alt]" / "[label]" (the panel's "image blocked" mark); absent: an image's alt text alone. */
  imageLabel?: string;
}

/** The visible text of an HTML body (see the file's comment). */
export function htmlToText(html: string, options: HtmlTextOptions = {}): string {
  // null: a block's edge, one line break however many edges meet (</p><p> is one break, not a blank line).
  const out: Array<string | null> = [];
  let pre = 0;
  let i = 0;
  // Sticky: a tag's name read where the tag starts, without copying the text.
  const tagName = /\/?([a-zA-Z][a-zA-Z0-9:-]*)/y;
  const text = (raw: string) => {
    if (raw === '') return;
    const decoded = decodeEntities(raw);
    const spaced = decoded.includes('\u00a0') ? decoded.replace(/\u00a0/g, ' ') : decoded;
    out.push(pre > 0 ? spaced : spaced.replace(/[ \t\n\r\f]+/g, ' '));
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 || next === 0x3f) {
      // <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>: nothing to read.
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    tagName.lastIndex = lt + 1;
    const name = tagName.exec(html);
    if (!name) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    const tag = name[1]!.toLowerCase();
    const end = tagEnd(html, lt + 1 + name[0].length);
    i = end;
    if (closing) {
      if (tag === 'pre' && pre > 0) pre -= 1;
      if (BLOCK.has(tag) || tag === 'li') out.push(null);
      else if (CELL.has(tag)) out.push('\t');
      continue;
    }
    if (HIDDEN.has(tag)) {
      // Case-insensitive search from here (a lower-cased copy could shift indices: 'İ' lowers to two units).
      const closer = new RegExp(`</${tag}`, 'gi');
      closer.lastIndex = end;
      const close = closer.exec(html)?.index ?? -1;
      i = close < 0 ? html.length : tagEnd(html, close + 2 + tag.length);
      continue;
    }
    if (tag === 'br') out.push('\n');
    else if (tag === 'li') out.push(null, '• ');
    else if (BLOCK.has(tag)) {
      out.push(null);
      if (tag === 'pre') pre += 1;
    } else if (tag === 'img') {
      const alt = ALT.exec(html.slice(lt, end));
      const words = alt ? decodeEntities(alt[1] ?? alt[2] ?? alt[3] ?? '').trim() : '';
      if (options.imageLabel !== undefined) out.push(words ? ` [${options.imageLabel}: ${words}] ` : ` [${options.imageLabel}] `);
      else if (words) out.push(` ${words} `);
    }
  }
  return tidy(joinBreaks(out));
}

/** The pieces joined, each run of block edges a single line break (none at the start or after one). */
function joinBreaks(pieces: ReadonlyArray<string | null>): string {
  let text = '';
  let atLineStart = true;
  for (const piece of pieces) {
    if (piece === null) {
      if (!atLineStart) text += '\n';
      atLineStart = true;
    } else if (piece !== '') {
      text += piece;
      if (/[^ \t]/.test(piece)) atLineStart = /\n[ \t]*$/.test(piece);
    }
  }
  return text;
}

/** Spaces trimmed at each line's ends and doubled inside lines, at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, '').replace(/ {2,}/g, ' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text as a reader sees it: an HTML body's visible text, plain text as it is. */
export function readableText(text: string, options: HtmlTextOptions = {}): string {
  return looksLikeHtml(text) ? htmlToText(text, options) : text;
}
