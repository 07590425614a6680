import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser host. It listens on 127.0.0.1 only, but any page the user has open can send
 * requests to loopback, and a site can rebind its own name to 127.0.0.1 (DNS rebinding). So:
 * - the Host header must name this server by loopback address or `localhost` and its port (a rebound
 *   name fails here);
 * - an Origin or Sec-Fetch-Site header, when the browser sends one, must say "this very origin";
 * - every API request carries the per-launch key in a header. A custom header cannot be sent cross-origin
 *   without a CORS preflight, which this server never grants, and the key only ever travels in the
 *   printed URL's fragment, which browsers do not send to servers or put in Referer headers.
 */
export const KEY_HEADER = 'x-wolkvox-key';

export type Refusal = { status: number; reason: string };

export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;
  private readonly key: Buffer;

  constructor(port: number, key: string) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
    this.key = Buffer.from(key, 'utf8');
  }

  /** Checks every request: the Host and, when present, Origin and Sec-Fetch-Site. */
  checkSite(req: IncomingMessage): Refusal | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.hosts.has(host)) return { status: 421, reason: 'This server answers only to its loopback address.' };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) return { status: 403, reason: 'Requests from other sites are refused.' };
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return { status: 403, reason: 'Requests from other sites are refused.' };
    return null;
  }

  /** Checks an API request: the site, then the per-launch key. */
  checkApi(req: IncomingMessage): Refusal | null {
    const site = this.checkSite(req);
    if (site) return site;
    // Fetches from our own page always carry Sec-Fetch-Site: same-origin; a top-level navigation ('none')
    // to an API URL is not something the app does.
    if (req.headers['sec-fetch-site'] === 'none') return { status: 403, reason: 'Open the app, not its API.' };
    const given = req.headers[KEY_HEADER];
    if (typeof given !== 'string' || !this.keyMatches(given)) return { status: 401, reason: 'Missing or wrong access key: open the URL the app printed.' };
    return null;
  }

  private keyMatches(given: string): boolean {
    const buf = Buffer.from(given, 'utf8');
    return buf.length === this.key.length && timingSafeEqual(buf, this.key);
  }
}
