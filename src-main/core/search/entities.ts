/**
 * HTML character references decoded: numeric ones all (an invalid or NUL one becomes U+FFFD, as browsers
 * do), named ones for the characters e-mails use (Spanish and Portuguese letters, quotes, dashes,
 * symbols). An unknown name is left as written.
 */
const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  bull: '•', middot: '·', deg: '°', euro: '€', cent: '¢', pound: '£', yen: '¥', sect: '§', para: '¶', times: '×',
  divide: '÷', plusmn: '±', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', dagger: '†', larr: '←', rarr: '→', uarr: '↑', darr: '↓', check: '✓',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', yacute: 'ý', Aacute: 'Á', Eacute: 'É', Iacute: 'Í',
  Oacute: 'Ó', Uacute: 'Ú', Yacute: 'Ý', agrave: 'à', egrave: 'è', igrave: 'ì', ograve: 'ò', ugrave: 'ù', Agrave: 'À',
  Egrave: 'È', Igrave: 'Ì', Ograve: 'Ò', Ugrave: 'Ù', acirc: 'â', ecirc: 'ê', icirc: 'î', ocirc: 'ô', ucirc: 'û',
  Acirc: 'Â', Ecirc: 'Ê', Icirc: 'Î', Ocirc: 'Ô', Ucirc: 'Û', atilde: 'ã', otilde: 'õ', ntilde: 'ñ', Atilde: 'Ã',
  Otilde: 'Õ', Ntilde: 'Ñ', auml: 'ä', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü', yuml: 'ÿ', Auml: 'Ä', Euml: 'Ë',
  Iuml: 'Ï', Ouml: 'Ö', Uuml: 'Ü', ccedil: 'ç', Ccedil: 'Ç', szlig: 'ß', aring: 'å', Aring: 'Å', aelig: 'æ', AElig: 'Æ',
  oslash: 'ø', Oslash: 'Ø',
};
/** Named references a browser also reads without their semicolon. */
const LEGACY = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg']);
const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    const char = NAMED[name!];
    if (char === undefined || (!semi && !LEGACY.has(name!))) return whole;
    return char;
  });
}
