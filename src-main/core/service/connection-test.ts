import { AppError } from '../errors';
import { withLock, type TokenLock } from '../sync/token-lock';
import { ZoneConverter } from '../time/zone';
import { Chat4Client, type FetchFn } from '../wolkvox/client';
import type { Profile } from '../api/contract';
import type { TokenAccess } from './tokens';

export interface ConnectionTestDeps {
  tokens: TokenAccess;
  lock: TokenLock;
  fetch?: FetchFn;
  now: () => number;
  /** True while a sync runs: its calls hold the token. */
  syncing: () => boolean;
}

const MINUTE = 60_000;
const SECOND = 1000;

/**
 * "Test the connection": the smallest call that proves the token and the address, the report for the last
 * whole minute (it costs one unit of the day's quota whatever it returns; an empty minute is answered as
 * "no records", which is a success). Made under the token lock, as every call is: one request per token.
 */
export async function testConnection(deps: ConnectionTestDeps, profile: Profile): Promise<{ interactions: number; fromUtc: number; toUtc: number }> {
  if (deps.syncing()) throw new AppError('concurrency', 'A sync is running: test the connection once it has finished.');
  // The address is checked first: a token is never looked up for an address it may not go to.
  const client = new Chat4Client({ server: profile.server, baseUrl: profile.baseUrl, fetch: deps.fetch });
  const token = await deps.tokens.resolve(profile);
  const zone = new ZoneConverter(profile.zone);
  const toUtc = Math.floor(deps.now() / MINUTE) * MINUTE;
  const fromUtc = toUtc - MINUTE;
  const answer = await withLock(deps.lock, token, () =>
    client.fetchWindow({ token, zone: profile.zone, dateIni: zone.formatApi(fromUtc), dateEnd: zone.formatApi(toUtc - SECOND) }),
  );
  return { interactions: answer.count, fromUtc, toUtc };
}
