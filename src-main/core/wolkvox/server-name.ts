import { badInput } from '../errors';

/** The server nomenclature becomes part of a host name, so only a short run of letters and digits is accepted. */
const SERVER_RE = /^[A-Za-z0-9]{1,16}$/;

export function validateServerName(server: string): string {
  if (!SERVER_RE.test(server)) {
    throw badInput(
      `"${server.slice(0, 40)}" is not a Wolkvox server name: use only the letters and digits of your operation's server (for example 0032).`,
    );
  }
  return server;
}

export function productionBaseUrl(server: string): string {
  return `https://wv${validateServerName(server)}.wolkvox.com`;
}

/** Only http(s) base URLs, and never one that carries credentials or a query. */
export function validateBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw badInput(`"${baseUrl.slice(0, 80)}" is not a valid base URL (expected something like http://127.0.0.1:8080).`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search) {
    throw badInput('The base URL must be a plain http:// or https:// address with no user, password or query.');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
