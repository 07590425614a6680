import { readFile, stat } from 'node:fs/promises';
import { badInput } from '../../core/errors';
import { realFs, TargetFile } from '../../core/export/target-file';
import { SCORECARD_FILE_MAX_CHARS } from '../../core/reviews/scorecard-file';
import { COMMON_OPTIONS, parseCommandArgs, positiveInt, requireString } from '../args';
import { rootFor, type CliDeps } from '../context';
import { printJson, writeLine } from '../io';

const OPTIONS = { ...COMMON_OPTIONS, out: { type: 'string' }, version: { type: 'string' } } as const;

/**
 * scorecard export --out FILE [--version N]: the active scorecard (or version N of it) as a scorecard file.
 * scorecard import FILE: the file checked whole and saved as the next version (it becomes the active one).
 * A malformed file, a missing one or a wrong flag is bad input (exit 2); nothing is written then.
 */
export async function scorecardCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  const [action, file, extra] = positionals;
  if (action !== 'export' && action !== 'import') throw badInput('Use scorecard export --out FILE, or scorecard import FILE.');
  if (extra !== undefined || (action === 'export' && file !== undefined)) throw badInput(`Unexpected argument "${(extra ?? file)!.slice(0, 40)}".`);
  const root = rootFor(deps, values.db);
  if (!root.cacheExists()) throw badInput(`No cache at ${root.paths.dbPath}: point --db at the right file.`);

  if (action === 'export') {
    const out = requireString(values.out, '--out');
    const version = values.version === undefined ? undefined : positiveInt(values.version, '--version', 1);
    const cache = await root.openCache('write');
    try {
      const { card, text } = await cache.scorecardFile(version);
      const target = await TargetFile.create(out, realFs);
      try {
        await target.write(Buffer.from(text, 'utf8'));
        await target.commit();
      } catch (error) {
        await target.discard();
        throw error;
      }
      if (values.json) printJson(deps.io, { path: out, id: card.id, version: card.version, name: card.name });
      else writeLine(deps.io.stdout, `Scorecard "${card.name}" (${card.id}, version ${card.version}) written to ${out}`);
      return 0;
    } finally {
      await cache.close();
    }
  }

  if (values.out !== undefined || values.version !== undefined) throw badInput('scorecard import takes the file only: scorecard import FILE.');
  const path = requireString(file, 'The scorecard file');
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) throw badInput(`Cannot read the scorecard file ${path}.`);
  // UTF-8 is at most 4 bytes a character: anything larger cannot be within the file's character limit.
  if (size > SCORECARD_FILE_MAX_CHARS * 4) throw badInput(`${path} is too large for a scorecard file.`);
  const text = await readFile(path, 'utf8');
  const cache = await root.openCache('write');
  try {
    const card = await cache.importScorecard(text);
    if (values.json) printJson(deps.io, { id: card.id, version: card.version, name: card.name, attributes: card.attributes.length });
    else writeLine(deps.io.stdout, `Imported "${card.name}" as version ${card.version} of scorecard "${card.id}"; new reviews use it.`);
    return 0;
  } finally {
    await cache.close();
  }
}
