import { badInput } from '../../core/errors';
import { cutoffOf, MAX_KEEP_DAYS } from '../../core/service/retention';
import { validateServerName } from '../../core/wolkvox/server-name';
import { CACHE_OPTIONS, cacheChoiceOf, COMMON_OPTIONS, parseCommandArgs, positiveInt, requireString } from '../args';
import { rootFor, type CliDeps } from '../context';
import { printJson, writeLine } from '../io';

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...CACHE_OPTIONS,
  server: { type: 'string' },
  'older-than': { type: 'string' },
  'keep-reviewed': { type: 'boolean' },
} as const;

/**
 * purge --server ID --older-than DAYS [--keep-reviewed]: removes the server's interactions created more
 * than DAYS whole days (24 h each) before now, with their history, search entries, sample memberships and
 * (unless --keep-reviewed keeps reviewed interactions) their reviews; one transaction. Other servers, newer
 * rows and the sync log stay as they were (an incremental sync does not fetch the removed rows again).
 */
export async function purgeCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (positionals.length > 0) throw badInput(`Unexpected argument "${positionals[0]!.slice(0, 40)}": use purge --server ID --older-than DAYS.`);
  const server = validateServerName(requireString(values.server, '--server'));
  const days = positiveInt(requireString(values['older-than'], '--older-than'), '--older-than', 0, MAX_KEEP_DAYS);
  const keepReviewed = values['keep-reviewed'] ?? false;
  const root = rootFor(deps, cacheChoiceOf(values));
  if (!root.cacheExists()) throw badInput(`No cache at ${root.paths.dbPath}: nothing to purge (point --db at the right file).`);
  const beforeUtc = cutoffOf(root.now(), days);
  const cache = await root.openCache('write');
  try {
    const removed = await cache.purge({ server, beforeUtc, keepReviewed });
    if (values.json) {
      printJson(deps.io, { server, olderThanDays: days, before: new Date(beforeUtc).toISOString(), keepReviewed, removed });
    } else {
      const out = (line: string) => writeLine(deps.io.stdout, line);
      out(`Removed from server ${server}, created before ${new Date(beforeUtc).toISOString()}${keepReviewed ? ' (reviewed interactions kept)' : ''}:`);
      out(`  interactions          ${removed.interactions}`);
      out(`  reviews               ${removed.reviews}`);
      out(`  history rows          ${removed.history}`);
      out(`  review history rows   ${removed.reviewHistory}`);
      out(`  sample memberships    ${removed.sampleMembers}`);
    }
    return 0;
  } finally {
    await cache.close();
  }
}
