/**
 * One export variant in a process of its own, so its peak RSS (the kernel's high-water mark) is its alone.
 * Usage: node --import tsx bench/export-child.ts <variant> <rows> <outPath>
 * Prints one JSON line: { mainThreadMs, rows, ms, cpuMs, maxRssMb, bytes }.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { writeExport } from '../src-main/core/export/index';
import { WallClockDates } from '../src-main/core/export/dates';
import { BENCH_COLUMNS, benchRows } from './export-rows';

export const VARIANTS = ['lean-xlsx', 'lean-csv', 'exceljs-typical', 'exceljs-tuned'] as const;
export type Variant = (typeof VARIANTS)[number];

const ZONE = 'America/Bogota';

async function lean(format: 'xlsx' | 'csv', rows: number, outPath: string): Promise<void> {
  await writeExport({
    outPath,
    format,
    zone: ZONE,
    sheets: [{ name: 'Interactions', columns: BENCH_COLUMNS, rows: benchRows().batches(rows) }],
  });
}

/**
 * exceljs's streaming writer. `typical` is how it is usually set up (and how it was measured before this work):
 * shared strings and styles on, rows committed one by one straight from the batches. `tuned` is the best we
 * found for it: inline strings, deflate level 1, and a turn of the event loop after every batch, so archiver
 * can drain what was committed.
 */
async function exceljs(tuned: boolean, rows: number, outPath: string): Promise<void> {
  // Imported here so the other variants' memory does not include exceljs's modules.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: outPath,
    useStyles: true,
    useSharedStrings: !tuned,
    ...(tuned ? { zip: { zlib: { level: 1 } } } : {}),
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  const sheet = workbook.addWorksheet('Interactions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BENCH_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? (c.wrap ? 60 : 18),
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : c.wrap ? { alignment: { wrapText: true } } : {},
  }));
  sheet.autoFilter = { from: 'A1', to: { row: 1, column: BENCH_COLUMNS.length } };
  const dates = new WallClockDates(ZONE);
  const dateKeys = BENCH_COLUMNS.filter((c) => c.kind === 'date').map((c) => c.key);
  for await (const batch of benchRows().batches(rows)) {
    for (const row of batch) {
      const values: Record<string, unknown> = { ...row };
      for (const key of dateKeys) {
        const v = row[key];
        values[key] = typeof v === 'number' ? new Date(dates.wallMs(v)) : null;
      }
      sheet.addRow(values).commit();
    }
    if (tuned) await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
}

/** CPU time of the main thread alone, in ms (Linux; NaN elsewhere): the rest ran on the thread pool. */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

export async function runVariant(variant: Variant, rows: number, outPath: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const main0 = mainThreadCpuMs();
  if (variant === 'lean-xlsx') await lean('xlsx', rows, outPath);
  else if (variant === 'lean-csv') await lean('csv', rows, outPath);
  else await exceljs(variant === 'exceljs-tuned', rows, outPath);
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  return {
    /** Main-thread busy time (wall clock) and CPU time; the rest of cpuMs ran on other threads. */
    mainThreadMs: elu.active,
    mainThreadCpuMs: mainThreadCpuMs() - main0,
    rows,
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: peakRssMb(),
    bytes: statSync(outPath).size,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [variant, rows, outPath] = process.argv.slice(2);
  if (!VARIANTS.includes(variant as Variant) || !rows || !outPath) {
    process.stderr.write(`usage: export-child.ts <${VARIANTS.join('|')}> <rows> <outPath>\n`);
    process.exit(2);
  }
  const result = await runVariant(variant as Variant, Number(rows), outPath);
  process.stdout.write(JSON.stringify(result) + '\n');
}

/**
 * This process's peak RSS. getrusage's maxRSS survives exec, so in a child spawned by a large parent it
 * reports the parent's size; /proc's VmHWM belongs to this process image alone.
 */
function peakRssMb(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    if (line) return Number(line.replace(/\D+/g, '')) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
