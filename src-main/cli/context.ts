import { resolvePaths, type AppPaths } from '../core/paths';
import { KeytarSecretStore } from '../core/secrets/keytar-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { TokenAccess } from '../core/service/tokens';
import { badInput } from '../core/errors';
import { isValidTimeZone, ZoneConverter } from '../core/time/zone';
import type { CliIo } from './io';

/** What every command is built from; tests pass their own secret store and environment. */
export interface CliDeps {
  io: CliIo;
  secrets?: SecretStore;
  fetch?: typeof fetch;
  now?: () => number;
}

export function pathsFor(deps: CliDeps, db: string | undefined): AppPaths {
  return resolvePaths({ dbPath: db, env: deps.io.env });
}

export function tokensFor(deps: CliDeps): TokenAccess {
  return new TokenAccess(deps.secrets ?? new KeytarSecretStore(), deps.io.env);
}

export const DEFAULT_ZONE = 'America/Bogota';

export function zoneFor(tz: string | undefined): ZoneConverter {
  const zone = tz ?? DEFAULT_ZONE;
  if (!isValidTimeZone(zone)) throw badInput(`"${zone.slice(0, 60)}" is not a time zone: use an IANA name such as America/Bogota.`);
  return new ZoneConverter(zone);
}
