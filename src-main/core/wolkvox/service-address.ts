import { badInput } from '../errors';

/**
 * Where the token may go. A service address is either Wolkvox itself (`https://` on a single-label
 * `*.wolkvox.com` host, default port) or this machine's loopback (`http://127.0.0.1`, `localhost` or
 * `[::1]`, any port) for the simulator and the demo. Everything else is refused before any request:
 * the token opens the operation's reports, so it is never sent to a host the user did not mean.
 *
 * Pure and free of Node APIs: the renderer's profile form, the bridge contract, the service, the
 * client and the CLI all call this one function.
 */

const WOLKVOX_HOST_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.wolkvox\.com$/;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** scheme://authority[/] and nothing else, in plain ASCII: no path, query, fragment, spaces or backslashes. */
const SHAPE_RE = /^(https?):\/\/([^/?#\\@\s]+)\/?$/i;
/** The authority as typed: a plain host name or dotted IPv4, or [::1]; an optional decimal port. */
const AUTHORITY_RE = /^([a-z0-9.-]+|\[::1\])(?::(\d{1,5}))?$/i;
export const MAX_SERVICE_ADDRESS_LENGTH = 200;

const EXPECTED = 'Use https://wv<server>.wolkvox.com (or leave it empty), or http://127.0.0.1:PORT for the simulator.';

/**
 * The canonical origin (e.g. `https://wv0032.wolkvox.com`, `http://127.0.0.1:8080`) of an address the
 * token may be sent to, or a bad-input AppError that says why not.
 */
export function validateServiceAddress(input: string): string {
  const typed = input.trim();
  const shown = JSON.stringify(typed.slice(0, 80));
  if (typed.length > MAX_SERVICE_ADDRESS_LENGTH) throw badInput(`The service address is too long. ${EXPECTED}`);
  // Non-ASCII (IDN look-alikes), percent-encoding, userinfo and backslashes never reach the URL parser,
  // whose forgiving rewrites (https:host, 0x7f.1, fullwidth dots, user@host) are what tricks rely on.
  if (!/^[\x21-\x7e]*$/.test(typed)) throw badInput(`${shown} is not a plain address (spaces or non-ASCII characters). ${EXPECTED}`);
  if (typed.includes('@')) throw badInput(`${shown} carries a user name: the token is never sent to such an address. ${EXPECTED}`);
  const shape = SHAPE_RE.exec(typed);
  if (!shape) throw badInput(`${shown} is not a service address (scheme and host only: no path, query or other characters). ${EXPECTED}`);
  const authority = AUTHORITY_RE.exec(shape[2]!);
  if (!authority) throw badInput(`${shown} has a host this app does not accept. ${EXPECTED}`);
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw badInput(`${shown} is not a valid address. ${EXPECTED}`);
  }
  const host = authority[1]!.toLowerCase();
  const port = authority[2];
  // The parser must have read the host exactly as typed (no numeric or IDN rewriting).
  if (url.hostname !== host || url.username || url.password) throw badInput(`${shown} is written in an unusual form. ${EXPECTED}`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw badInput(`${shown} has an invalid port. ${EXPECTED}`);
  if (url.protocol === 'https:' && WOLKVOX_HOST_RE.test(host) && !host.split('.').some((l) => l.startsWith('xn--'))) {
    if (url.port !== '') throw badInput(`${shown}: Wolkvox is reached on the standard HTTPS port only. ${EXPECTED}`);
    return url.origin;
  }
  if (LOOPBACK_HOSTS.has(host)) {
    if (url.protocol !== 'http:') throw badInput(`${shown}: the local simulator is reached with http://, not https://. ${EXPECTED}`);
    return url.origin;
  }
  if (url.protocol === 'http:' && WOLKVOX_HOST_RE.test(host)) {
    throw badInput(`${shown} uses http://: the token is only sent to Wolkvox over https://. ${EXPECTED}`);
  }
  throw badInput(`${shown} is not a Wolkvox address: the token is only sent to *.wolkvox.com over https, or to this computer's simulator. ${EXPECTED}`);
}

/** Why the address is refused, or null when it is acceptable (for forms that show the reason as one types). */
export function serviceAddressProblem(input: string): string | null {
  try {
    validateServiceAddress(input);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The origin a profile's token belongs to: its own address, or the production host of its server. */
export function serviceOrigin(server: string, baseUrl?: string | null): string {
  if (baseUrl) return validateServiceAddress(baseUrl);
  if (!/^[A-Za-z0-9]{1,16}$/.test(server)) throw badInput(`"${server.slice(0, 40)}" is not a Wolkvox server name.`);
  return `https://wv${server.toLowerCase()}.wolkvox.com`;
}
