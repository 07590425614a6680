/**
 * Chromium outside Electron knows no app:// scheme, so a page of a privileged scheme is shown at a stand-in
 * http origin and every URL the main process sees is translated back:
 *   app://wolkvox/index.html  <->  http://wolkvox.app.localhost/index.html
 * (*.localhost is a secure context in Chromium, as a `secure: true` scheme is in Electron). No request for
 * that origin reaches the network: the harness answers it from the handler given to protocol.handle.
 */
const SUFFIX = '.localhost';

export class UrlMap {
  constructor(private readonly schemes: () => string[]) {}

  /** The URL Chromium loads for a URL the main process names. */
  toPage(electronUrl: string): string {
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(electronUrl);
    if (!m || !this.schemes().includes(m[1]!.toLowerCase())) return electronUrl;
    return `http://${m[2]!.toLowerCase()}.${m[1]!.toLowerCase()}${SUFFIX}${m[3] || '/'}`;
  }

  /** The URL Electron would report for a URL Chromium shows. */
  toElectron(pageUrl: string): string {
    const m = /^http:\/\/([^/?#]+)\.([a-z][a-z0-9+.-]*)\.localhost(?::\d+)?(.*)$/i.exec(pageUrl);
    if (!m || !this.schemes().includes(m[2]!.toLowerCase())) return pageUrl;
    return `${m[2]!.toLowerCase()}://${m[1]}${m[3] || '/'}`;
  }
}

/**
 * Chromium's URL match patterns as Electron's webRequest filters use them: `<all_urls>`, or
 * scheme://host/path where scheme may be `*` (http or https), host `*` or `*.example.com`, path any glob.
 */
export function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return true;
  const p = /^(\*|[a-z][a-z0-9+.-]*):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/i.exec(pattern);
  if (!p) throw new Error(`stand-in electron: URL pattern '${pattern}' is not a valid match pattern`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  if (p[1] === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p[1]!.toLowerCase()) return false;
  const host = p[2]!.toLowerCase();
  if (host !== '*' && !(host.startsWith('*.') ? u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1)) : u.hostname === host)) return false;
  const glob = new RegExp(`^${p[3]!.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(u.pathname + u.search);
}
