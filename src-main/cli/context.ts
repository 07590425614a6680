import { dirname, resolve } from 'node:path';
import { ensurePrivateDir, resolvePaths, type AppPaths } from '../core/paths';
import { KeytarSecretStore } from '../core/secrets/keytar-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { TokenAccess, type TokenTarget } from '../core/service/tokens';
import { badInput } from '../core/errors';
import { isValidTimeZone, ZoneConverter } from '../core/time/zone';
import { validateServerName } from '../core/wolkvox/server-name';
import { validateServiceAddress } from '../core/wolkvox/service-address';
import type { CliIo } from './io';

/** What every command is built from; tests pass their own secret store and environment. */
export interface CliDeps {
  io: CliIo;
  secrets?: SecretStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** WOLKVOX_TOKEN, taken out of the environment when the CLI starts (runCli), so no child inherits it. */
  envToken?: string;
}

/** The paths of this run; the data folder, when the cache lives in it, is made the user's alone (0700). */
export function pathsFor(deps: CliDeps, db: string | undefined): AppPaths {
  const paths = resolvePaths({ dbPath: db, env: deps.io.env });
  // A --db elsewhere leaves its folder as the user chose it; the file itself is 0600 (openDatabase).
  if (resolve(dirname(paths.dbPath)) === resolve(paths.dataDir)) ensurePrivateDir(paths.dataDir);
  return paths;
}

export function tokensFor(deps: CliDeps): TokenAccess {
  return new TokenAccess(deps.secrets ?? new KeytarSecretStore(), deps.envToken);
}

/**
 * --server and --base-url as the app's profile has them: the same checks (an address the token may not go
 * to is bad input, exit 2, before any request) and the same keychain entry (server and origin).
 */
export function tokenTargetFor(server: string | undefined, baseUrl: string | undefined): TokenTarget {
  if (typeof server !== 'string' || server === '') throw badInput('--server is required.');
  const target: TokenTarget = { server: validateServerName(server) };
  if (baseUrl !== undefined) target.baseUrl = validateServiceAddress(baseUrl);
  return target;
}

export const DEFAULT_ZONE = 'America/Bogota';

export function zoneFor(tz: string | undefined): ZoneConverter {
  const zone = tz ?? DEFAULT_ZONE;
  if (!isValidTimeZone(zone)) throw badInput(`"${zone.slice(0, 60)}" is not a time zone: use an IANA name such as America/Bogota.`);
  return new ZoneConverter(zone);
}
