import { composeApp, type AppRoot, type HostKind } from '../core/compose/index';
import type { SecretStore } from '../core/secrets/secret-store';
import type { TokenTarget } from '../core/service/tokens';
import { badInput } from '../core/errors';
import { isValidTimeZone, ZoneConverter } from '../core/time/zone';
import { validateServerName } from '../core/wolkvox/server-name';
import { validateServiceAddress } from '../core/wolkvox/service-address';
import type { CacheChoice } from './args';
import { writeLine, type CliIo } from './io';

/** What every command is built from; tests pass their own secret store and environment. */
export interface CliDeps {
  io: CliIo;
  secrets?: SecretStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** WOLKVOX_TOKEN, taken out of the environment when the CLI starts (runCli), so no child inherits it. */
  envToken?: string;
  /** The address a command's --base-url names: WOLKVOX_TOKEN may go there too (else WOLKVOX_TOKEN_ORIGIN's). */
  envTokenOrigin?: string;
  /** The installed app's own build, when the CLI runs inside it (src-main/cli-app.ts); absent under tsx. */
  builtApp?: BuiltApp;
}

/** What a source checkout finds beside the CLI's sources and the installed app finds in its build output. */
export interface BuiltApp {
  /** The store's worker thread (out/main/store-writer.js): writer, reader and prepare threads. */
  writerWorkerUrl: URL;
  /** The built renderer (out/renderer), for `serve`. */
  rendererDir: string;
  version: string;
}

/**
 * The app's composition root for this command: its cache (--db or --store, or the environment's file), clock,
 * network, keychain and the token taken at startup. Commands ask it for what they need; none opens the cache itself.
 */
export function rootFor(deps: CliDeps, cache: string | CacheChoice | undefined, host: HostKind = 'cli'): AppRoot {
  const choice: CacheChoice = typeof cache === 'string' ? { db: cache } : (cache ?? {});
  return composeApp({
    host, dbPath: choice.db, storeUrl: choice.store, env: deps.io.env, envToken: deps.envToken, envTokenOrigin: deps.envTokenOrigin, secrets: deps.secrets, fetch: deps.fetch, now: deps.now,
    writerWorkerUrl: deps.builtApp?.writerWorkerUrl,
    log: (line) => writeLine(deps.io.stderr, line),
  });
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
