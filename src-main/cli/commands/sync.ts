import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { badInput } from '../../core/errors';
import { openDatabase } from '../../core/store/database';
import { rowsPerDay } from '../../core/store/sync-estimates';
import { openStoreWriter } from '../../core/store/writer';
import { planAutoSyncFor, autoSyncDailyCost, recordAutoSync } from '../../core/service/auto-sync';
import type { AutoSyncPlan } from '../../core/sync/auto-plan';
import { planSync } from '../../core/sync/plan';
import { DEFAULT_OVERLAP_MS, resolveRange, type SyncRange } from '../../core/sync/sync-engine';
import { TokenLock, defaultSleep } from '../../core/sync/token-lock';
import { DEFAULT_RETRY } from '../../core/sync/retry';
import { SyncRunner } from '../../core/service/sync-runner';
import { parseDateRange } from '../../core/time/date-input';
import { validateBaseUrl, validateServerName } from '../../core/wolkvox/server-name';
import { COMMON_OPTIONS, parseCommandArgs, positiveInt, requireString } from '../args';
import { pathsFor, tokensFor, zoneFor, type CliDeps } from '../context';
import { exitCodeFor } from '../exit-codes';
import { printJson, writeLine } from '../io';
import { syncProgressReporter } from '../progress';

const OPTIONS = {
  ...COMMON_OPTIONS,
  server: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  incremental: { type: 'boolean' },
  'overlap-hours': { type: 'string' },
  'base-url': { type: 'string' },
  tz: { type: 'string' },
  'dry-run': { type: 'boolean' },
  retries: { type: 'string' },
} as const;

/**
 * sync --server ID (--from DATE --to DATE | --incremental [--overlap-hours N]) [...]: everything is checked before any
 * network. `--incremental` alone asks what auto-sync would (new since last covered, open ones hourly, 48 h daily);
 * with `--overlap-hours` it re-asks that whole overlap, as before.
 */
export async function syncCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS);
  const { io } = deps;
  const server = validateServerName(requireString(values.server, '--server'));
  const baseUrl = values['base-url'] === undefined ? undefined : validateBaseUrl(values['base-url']);
  const zone = zoneFor(values.tz);
  const now = deps.now ?? Date.now;
  // Ends are shown as the last second included (the engine's are exclusive), as `--to` and the API's date_end read.
  let range: SyncRange;
  const planned = values.incremental === true && values['overlap-hours'] === undefined;
  if (values.incremental) {
    if (values.from || values.to) throw badInput('Use either --incremental or --from/--to, not both.');
    range = { kind: 'incremental', overlapMs: positiveInt(values['overlap-hours'], '--overlap-hours', DEFAULT_OVERLAP_MS / 3_600_000, 24 * 31) * 3_600_000 };
  } else {
    range = { kind: 'range', ...parseDateRange(requireString(values.from, '--from'), requireString(values.to, '--to'), zone) };
  }
  const paths = pathsFor(deps, values.db);
  mkdirSync(dirname(paths.dbPath), { recursive: true });
  const store = await openStoreWriter({ dbPath: paths.dbPath });
  const db = openDatabase(paths.dbPath, { readonly: values['dry-run'] === true });
  try {
    const plannedAt = now();
    let auto: AutoSyncPlan | null = null;
    if (planned) {
      auto = planAutoSyncFor(db, server, plannedAt);
      range = { kind: 'incremental', fromUtc: auto.startUtc };
    }
    if (values['dry-run']) {
      const { startUtc, endUtc } = await resolveRange(store, server, range, plannedAt);
      const plan = planSync(startUtc, endUtc, zone, rowsPerDay(db, server, plannedAt));
      const daily = autoSyncDailyCost(db, server, plannedAt);
      const summary = {
        server, from: zone.format(plan.startUtc), to: zone.format(plan.endUtc - 1000), zone: zone.zone, windows: plan.windows, estimatedCalls: plan.estimatedCalls,
        ...(auto ? { refreshes: auto.kinds } : {}),
        autoSyncDaily: { calls: daily.calls, rows: daily.rows },
      };
      if (values.json) printJson(io, summary);
      else {
        writeLine(io.stdout, `Would sync ${summary.from} to ${summary.to} (${zone.zone}) for server ${server}: ${plan.windows} window(s), about ${plan.estimatedCalls} API call(s).`);
        writeLine(io.stdout, `Auto-sync at this pace costs about ${daily.calls} API call(s) and ${daily.rows} row(s) a day (new every 5 min, open ones hourly, the last 48 h daily).`);
      }
      return 0;
    }
    const reporter = syncProgressReporter(io);
    const retries = values.retries === '0' ? 0 : positiveInt(values.retries, '--retries', DEFAULT_RETRY.attempts - 1, 20);
    const retry = { ...DEFAULT_RETRY, attempts: retries + 1 };
    const runner = new SyncRunner({ store, lock: new TokenLock({ dir: paths.lockDir }), tokens: tokensFor(deps), fetch: deps.fetch, now, sleep: defaultSleep, retry });
    const onSignal = () => runner.cancel();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const result = await runner.start({ server, zone: zone.zone, baseUrl }, range, (p) => reporter.update(p)).finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      reporter.end();
    });
    if (auto && result.status === 'done') recordAutoSync(db, server, auto, plannedAt);
    const summary = {
      status: result.status, server, from: zone.format(result.startUtc), to: zone.format(result.endUtc - 1000), calls: result.calls,
      rows: result.rows, inserted: result.inserted, updated: result.updated, resumed: result.resumed, error: result.error ?? null,
    };
    if (values.json) printJson(io, summary);
    else if (result.status === 'done') {
      writeLine(io.stdout, `Synced ${summary.from} to ${summary.to}: ${result.rows} rows (${result.inserted} new, ${result.updated} updated) in ${result.calls} call(s).`);
    }
    if (result.error) {
      writeLine(io.stderr, `Sync ${result.status}: ${result.error.message}`);
      if (result.rows > 0) writeLine(io.stderr, `${result.rows} rows fetched before that are saved; run the same command again to resume.`);
      return exitCodeFor(result.error.kind);
    }
    return 0;
  } finally {
    db.close();
    await store.close();
  }
}
