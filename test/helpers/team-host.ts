/**
 * The administrator's and the sync host's side of a team e2e test, through the CLI as a scheduled job runs
 * it: `team init`, `team add-user`, and a day's `sync` into the team cache. The address carries no password;
 * it comes from the environment, as a scheduled job's would.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Simulator } from '../../src-main/sim/server';
import { runCliProcess } from './cli-run';
import type { PostgresServer } from './postgres-server';

export interface TeamHost {
  /** The team cache's address without the password. */
  bare: string;
  init(): Promise<void>;
  /** The new user's one-time password. */
  addUser(name: string, role: 'auditor' | 'lead'): Promise<string>;
  /** Syncs one day (YYYY-MM-DD) from the simulator; the rows the run wrote. */
  sync(sim: Simulator, date: string): Promise<number>;
}

export function teamHost(server: PostgresServer, database: string, dir: string, token: string): TeamHost {
  const url = new URL(server.url(database));
  url.password = '';
  const bare = url.toString();
  const env = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'sync-host'), WOLKVOX_TOKEN: token, WOLKVOX_STORE_PASSWORD: server.password };
  return {
    bare,
    async init() {
      const init = await runCliProcess(['team', 'init', '--store', bare, '--json'], env);
      assert.equal(init.code, 0, init.stderr);
    },
    async addUser(name, role) {
      const added = await runCliProcess(['team', 'add-user', name, '--role', role, '--store', bare], env);
      assert.equal(added.code, 0, added.stderr);
      return added.stdout.trim();
    },
    async sync(sim, date) {
      const run = await runCliProcess(['sync', '--server', '0032', '--from', date, '--to', date, '--base-url', sim.url, '--store', bare, '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      const summary = JSON.parse(run.stdout) as { status: string; rows: number };
      assert.equal(summary.status, 'done');
      return summary.rows;
    },
  };
}

/** The day `daysAgo` days before today (UTC), as the CLI's --from/--to take it. */
export const dayAgo = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
