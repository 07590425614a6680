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
  return `https://wv${validateServerName(server).toLowerCase()}.wolkvox.com`;
}

/** The one rule for where the token may go (see service-address.ts); kept under this name for older callers. */
export { validateServiceAddress as validateBaseUrl } from './service-address';
