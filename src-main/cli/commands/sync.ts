import { badInput } from '../../core/errors';
import type { AutoSyncPlan } from '../../core/sync/auto-plan';
import { DEFAULT_OVERLAP_MS, type SyncSpan } from '../../core/sync/sync-engine';
import { DEFAULT_RETRY } from '../../core/sync/retry';
import { parseDateRange } from '../../core/time/date-input';
import { validateBaseUrl, validateServerName } from '../../core/wolkvox/server-name';
import { CACHE_OPTIONS, cacheChoiceOf, COMMON_OPTIONS, parseCommandArgs, positiveInt, requireString } from '../args';
import { rootFor, zoneFor, type CliDeps } from '../context';
import { exitCodeFor } from '../exit-codes';
import { printJson, writeLine } from '../io';
import { syncProgressReporter } from '../progress';

/** The CLI names its flags in this message (scripts and their logs read it). */
const BACKWARDS_FLAGS = (from: string, to: string) => `The range is backwards or empty: --from ${from} is not before --to ${to}.`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...CACHE_OPTIONS,
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
  const cache = cacheChoiceOf(values);
  const server = validateServerName(requireString(values.server, '--server'));
  const baseUrl = values['base-url'] === undefined ? undefined : validateBaseUrl(values['base-url']);
  const zone = zoneFor(values.tz);
  const now = deps.now ?? Date.now;
  // Ends are shown as the last second included (the engine's are exclusive), as `--to` and the API's date_end read.
  let range: SyncSpan;
  const planned = values.incremental === true && values['overlap-hours'] === undefined;
  if (values.incremental) {
    if (values.from || values.to) throw badInput('Use either --incremental or --from/--to, not both.');
    range = { kind: 'incremental', overlapMs: positiveInt(values['overlap-hours'], '--overlap-hours', DEFAULT_OVERLAP_MS / 3_600_000, 24 * 31) * 3_600_000 };
  } else {
    range = { kind: 'range', ...parseDateRange(requireString(values.from, '--from'), requireString(values.to, '--to'), zone, BACKWARDS_FLAGS) };
  }
  // The app's plan, runner and retention, from the one composition root: a dry run fetches and writes nothing.
  // The --base-url of this very command is an address the owner of WOLKVOX_TOKEN named: it may go there.
  const session = await rootFor({ ...deps, envTokenOrigin: baseUrl ?? deps.envTokenOrigin }, cache).openSync({ dryRun: values['dry-run'] === true });
  try {
    const plannedAt = now();
    let auto: AutoSyncPlan | null = null;
    if (planned) {
      auto = await session.autoPlan(server, plannedAt);
      range = { kind: 'incremental', fromUtc: auto.startUtc };
    }
    if (values['dry-run']) {
      const plan = await session.plan(server, zone, range, plannedAt);
      const daily = plan.autoSyncDaily;
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
    let reported = false;
    const endReport = () => {
      if (!reported) reporter.end();
      reported = true;
    };
    const retries = values.retries === '0' ? 0 : positiveInt(values.retries, '--retries', DEFAULT_RETRY.attempts - 1, 20);
    const retry = { ...DEFAULT_RETRY, attempts: retries + 1 };
    const onSignal = () => session.cancel();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // Ends as a sync in the app does: the auto plan recorded when done, then the cache's retention applied.
    const result = await session.run({ server, zone: zone.zone, baseUrl }, range, {
      retry, onProgress: (p) => reporter.update(p), onDownloaded: endReport, ...(auto ? { auto: { plan: auto, plannedAt } } : {}),
    }).finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      endReport();
    });
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
    await session.close();
  }
}
