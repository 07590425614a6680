/**
 * Where a team cache lives: `{ kind: 'postgres', host, port, database, user, sslmode, caFile }`, read from a
 * `postgres://` URL (the CLI's --store) or from fields (Settings). The rules:
 * - TLS with the server's name checked (`sslmode=verify-full`) for every host that is not this machine:
 *   auditors' reviews and customers' conversations cross the network. Missing, it is assumed; anything
 *   weaker is refused. On loopback any mode is accepted, and no TLS is the default.
 * - The CA file (libpq's `sslrootcert`) is optional: without it the system's trusted authorities apply.
 * - The password may come with the URL (scheduled jobs), otherwise from the keychain. It is kept out of
 *   every printable form: toString, JSON and console output show the rest only.
 * Anything else in the URL is refused rather than ignored, so a typing mistake is seen.
 */
import { inspect } from 'node:util';
import { badInput } from '../../errors';

export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];
export const DEFAULT_PORT = 5432;

export interface PostgresFields {
  host: string;
  port?: number | string;
  database: string;
  user: string;
  sslmode?: string;
  caFile?: string | null;
  password?: string | null;
}

export class PostgresConfig {
  readonly kind = 'postgres' as const;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly sslmode: SslMode;
  readonly caFile: string | null;
  readonly #password: string | null;

  constructor(fields: PostgresFields) {
    const host = fields.host?.trim() ?? '';
    if (!host) throw badInput('The team cache needs the server address (host name or IP address).');
    const port = portOf(fields.port);
    const database = required(fields.database, 'the database name');
    const user = required(fields.user, 'the user name');
    const sslmode = sslModeOf(fields.sslmode, host);
    const caFile = fields.caFile?.trim() || null;
    if (caFile && sslmode !== 'verify-ca' && sslmode !== 'verify-full') {
      throw badInput(`A CA file only serves to check the server's certificate: use it with sslmode=verify-full (the CA file was given with sslmode=${sslmode}).`);
    }
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.sslmode = sslmode;
    this.caFile = caFile;
    this.#password = fields.password || null;
  }

  /** The password given with the configuration, if any (otherwise the keychain holds it). */
  password(): string | null {
    return this.#password;
  }

  hasPassword(): boolean {
    return this.#password !== null;
  }

  /** The same configuration with another password (read from the keychain). */
  withPassword(password: string | null): PostgresConfig {
    return new PostgresConfig({ ...this.toJSON(), password });
  }

  /** Printable and storable: everything but the password. */
  toJSON(): { kind: 'postgres'; host: string; port: number; database: string; user: string; sslmode: SslMode; caFile: string | null } {
    return { kind: this.kind, host: this.host, port: this.port, database: this.database, user: this.user, sslmode: this.sslmode, caFile: this.caFile };
  }

  /** A URL without the password, e.g. for messages and logs. */
  toString(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    const query = new URLSearchParams({ sslmode: this.sslmode, ...(this.caFile ? { sslrootcert: this.caFile } : {}) });
    return `postgres://${encodeURIComponent(this.user)}@${host}:${this.port}/${encodeURIComponent(this.database)}?${query}`;
  }

  [inspect.custom](): string {
    return `PostgresConfig ${this.toString()}`;
  }
}

const URL_PARAMS = new Set(['sslmode', 'sslrootcert']);

/** Reads `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]`. */
export function parsePostgresUrl(text: string): PostgresConfig {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw badInput('The team cache address is not a valid URL: write it as postgres://user@server:5432/database?sslmode=verify-full.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw badInput(`A team cache address starts with postgres:// (this one starts with ${url.protocol}//).`);
  }
  for (const key of url.searchParams.keys()) {
    if (!URL_PARAMS.has(key)) throw badInput(`The team cache address has an option this app does not know: "${key}" (known: sslmode, sslrootcert).`);
  }
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw badInput(`The ${what} in the team cache address is not validly encoded.`);
    }
  };
  return new PostgresConfig({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || undefined,
    database: decode(url.pathname.replace(/^\//, ''), 'database name'),
    user: decode(url.username, 'user name'),
    password: url.password ? decode(url.password, 'password') : null,
    sslmode: url.searchParams.get('sslmode') ?? undefined,
    caFile: url.searchParams.get('sslrootcert'),
  });
}

/** This machine: no network is crossed (localhost, 127.0.0.0/8, ::1, or a Unix socket folder). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h.startsWith('/');
}

function required(value: string | undefined, what: string): string {
  const v = value?.trim() ?? '';
  if (!v) throw badInput(`The team cache needs ${what}.`);
  return v;
}

function portOf(value: number | string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw badInput(`The team cache's port must be a number from 1 to 65535 (got "${value}").`);
  return port;
}

function sslModeOf(value: string | undefined, host: string): SslMode {
  const local = isLoopback(host);
  if (value === undefined || value.trim() === '') return local ? 'disable' : 'verify-full';
  const mode = value.trim().toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw badInput(`Unknown sslmode "${value}": use verify-full (or, for a server on this machine, disable).`);
  }
  if (!local && mode !== 'verify-full') {
    throw badInput(
      `The team cache on ${host} must be reached with sslmode=verify-full (encrypted, and the server's certificate checked against its name); sslmode=${mode} is only accepted for a server on this machine. Ask your administrator for the server's CA file if its certificate is not from a public authority.`,
    );
  }
  return mode as SslMode;
}
