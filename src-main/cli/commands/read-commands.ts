import { AppError, badInput } from '../../core/errors';
import type { CliCache } from '../../core/compose/index';
import { CSV_SEPARATORS, type CsvSeparatorName } from '../../core/api/constants';
import { CSV_SEPARATOR } from '../../core/service/export-jobs';
import type { InteractionFilter } from '../../core/store/filter';
import { API_FIELDS, type ApiField } from '../../core/wolkvox/fields';
import { parseDateInput } from '../../core/time/date-input';
import { CACHE_OPTIONS, cacheChoiceOf, COMMON_OPTIONS, parseCommandArgs, positiveInt, requireString, type CacheChoice } from '../args';
import { rootFor, zoneFor, type CliDeps } from '../context';
import { printJson, writeLine } from '../io';
import { MESSAGE_MAX, oneLine } from '../../core/text/one-line';

/** The cache, read-only, from the composition root: no writer thread, no lock. */
async function openCache(deps: CliDeps, cache: CacheChoice): Promise<CliCache> {
  const root = rootFor(deps, cache);
  if (!root.cacheExists()) throw badInput(`No cache at ${root.paths.dbPath}: run "sync" first, or point --db at the right file.`);
  return root.openCache('read');
}

/** search TEXT [--limit N]: newest matches first. */
export async function searchCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...COMMON_OPTIONS, ...CACHE_OPTIONS, limit: { type: 'string' } }, true);
  const text = positionals.join(' ').trim();
  if (!text) throw badInput('Give the words to search for: search TEXT.');
  const limit = positiveInt(values.limit, '--limit', 20, 1000);
  const cache = await openCache(deps, cacheChoiceOf(values));
  try {
    const rows = await cache.search(text, limit);
    if (values.json) printJson(deps.io, rows);
    else {
      for (const r of rows) {
        writeLine(deps.io.stdout, `${r.date_creation}  ${oneLine(r.channel, 14).padEnd(14)} ${oneLine(r.agent_name, 22).padEnd(22)} ${oneLine(r.subject || r.body, 70)}`);
      }
      writeLine(deps.io.stderr, `${rows.length} result(s)${rows.length === limit ? ` (first ${limit}; use --limit for more)` : ''}.`);
    }
    return 0;
  } finally {
    await cache.close();
  }
}

/** stats: counts by status, channel and agent; the last sync; API calls used today. */
export async function statsCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...COMMON_OPTIONS, ...CACHE_OPTIONS, tz: { type: 'string' } });
  const zone = zoneFor(values.tz);
  const cache = await openCache(deps, cacheChoiceOf(values));
  try {
    const s = await cache.stats(zone.zone);
    if (values.json) return printJson(deps.io, s), 0;
    const out = (line: string) => writeLine(deps.io.stdout, line);
    out(`Interactions: ${s.total}`);
    for (const [title, list] of [['By status', s.byStatus], ['By channel', s.byChannel], ['By agent', s.byAgent]] as const) {
      out(`${title}:`);
      for (const v of list) out(`  ${oneLine(v.value || '(empty)', 40).padEnd(40)} ${v.count}`);
    }
    const last = s.lastSync;
    out(last ? `Last sync: ${last.status}, ${zone.format(last.startedAt)} (${last.rowsReceived} rows, ${last.calls} calls)${last.errorMessage ? ` — ${oneLine(last.errorMessage, MESSAGE_MAX)}` : ''}` : 'Last sync: never');
    out(`API calls used today: ${s.callsToday}`);
    return 0;
  } finally {
    await cache.close();
  }
}

const EXPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  ...CACHE_OPTIONS,
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  search: { type: 'string' },
  agent: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  channel: { type: 'string', multiple: true },
  skill: { type: 'string', multiple: true },
  headers: { type: 'string' },
  lang: { type: 'string' },
  tz: { type: 'string' },
  reviews: { type: 'boolean' },
  sample: { type: 'string' },
  separator: { type: 'string' },
  columns: { type: 'string' },
} as const;

/** --columns channel,agent_name,…: API field names, each once, in the order wanted. */
function parseColumns(text: string | undefined): ApiField[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(API_FIELDS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw badInput(`--columns takes API field names separated by commas (${API_FIELDS.join(',')}); not: ${unknown.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')}.`);
  }
  if (new Set(names).size !== names.length) throw badInput('--columns names each field at most once.');
  return names as ApiField[];
}

/** export --out FILE.xlsx|FILE.csv with the grid's filters; written to a temporary file and renamed when complete. */
export async function exportCommand(argv: string[], deps: CliDeps): Promise<number> {
  const { values } = parseCommandArgs(argv, EXPORT_OPTIONS);
  const out = requireString(values.out, '--out');
  const format = /\.xlsx$/i.test(out) ? 'xlsx' : /\.csv$/i.test(out) ? 'csv' : null;
  if (!format) throw badInput('--out must name a .xlsx or .csv file.');
  const headers = values.headers ?? 'friendly';
  if (headers !== 'api' && headers !== 'friendly') throw badInput('--headers is api or friendly.');
  const language = values.lang ?? 'en';
  if (language !== 'en' && language !== 'es') throw badInput('--lang is en or es.');
  const separatorName = values.separator ?? 'comma';
  if (!(CSV_SEPARATORS as readonly string[]).includes(separatorName)) throw badInput('--separator is comma, semicolon or tab.');
  if (values.separator !== undefined && format !== 'csv') throw badInput('--separator applies to a .csv file only.');
  const columns = parseColumns(values.columns);
  const zone = zoneFor(values.tz);
  const filter: InteractionFilter = {
    ...(values.from ? { fromUtc: parseDateInput(values.from, zone, 'start') } : {}),
    ...(values.to ? { toUtc: parseDateInput(values.to, zone, 'end') } : {}),
    ...(values.search ? { text: values.search } : {}),
    ...(values.agent ? { agents: values.agent } : {}),
    ...(values.status ? { statuses: values.status } : {}),
    ...(values.channel ? { channels: values.channel } : {}),
    ...(values.skill ? { skills: values.skill } : {}),
  };
  if (filter.fromUtc !== undefined && filter.toUtc !== undefined && filter.fromUtc >= filter.toUtc) {
    throw badInput(`The range is backwards or empty: --from ${values.from} is not before --to ${values.to}.`);
  }
  const cache = await openCache(deps, cacheChoiceOf(values));
  if (values.sample !== undefined) {
    const sampleId = await cache.sampleId(values.sample);
    if (sampleId === null) {
      await cache.close();
      throw badInput(`No audit sample named "${values.sample.slice(0, 80)}" in this cache.`);
    }
    filter.sampleId = sampleId;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    let last = 0;
    const result = await cache.export({
      filter, format, headers, language, columns, separator: CSV_SEPARATOR[separatorName as CsvSeparatorName], outPath: out, zone: zone.zone, signal: controller.signal,
      onProgress: ({ rows }) => {
        if (rows - last >= 50_000) {
          last = rows;
          writeLine(deps.io.stderr, `${rows} rows written…`);
        }
      },
    }, values.reviews === true);
    if (values.json) printJson(deps.io, result);
    else writeLine(deps.io.stdout, `Exported ${result.rows} rows to ${result.path}${result.sheets.length > 1 ? ` (${result.sheets.length} sheets)` : ''}.`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('storage', `The export could not be written: ${(error as Error).message}`);
  } finally {
    process.off('SIGINT', onSignal);
    await cache.close();
  }
}
