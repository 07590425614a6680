/**
 * Export benchmark: our streaming writer against exceljs's streaming WorkbookWriter, in the same run, on the
 * same generated rows (20 columns, three 200-2000-character texts per row). Each variant runs in a child
 * process so that its peak RSS is the kernel's high-water mark for that variant alone.
 *
 * exceljs runs on fewer rows (`baselineRows`, 100,000 by default) because at its pace a million would take
 * minutes; its rows/s is a rate and compares directly, but its peak RSS grows with the row count (that is
 * the finding), so it is reported at the row count it ran and not scaled.
 *
 * The machine is shared: the CPU time other processes used during each run is printed beside it, and CPU
 * time per row is given because, unlike rows/s, it does not depend on what else was running.
 *
 * Direct use: node --import tsx bench/export.ts [rows] [baselineRows]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Variant } from './export-child';
import { machineBusyMs } from './store-measure';

const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));

interface ChildResult {
  mainThreadMs: number;
  mainThreadCpuMs: number;
  rows: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
}

/** Busy and total CPU time of the whole machine so far, in ms (Linux; undefined elsewhere). */

function runChild(variant: Variant, rows: number, outPath: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, variant, String(rows), outPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${variant} failed (exit ${code}): ${err.trim().slice(-2000)}`));
      else resolvePromise(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchExport(opts: {
  rows: number;
  dir: string;
  log: (line: string) => void;
  /** Rows for the exceljs variants; 100,000 by default (capped at `rows`). */
  baselineRows?: number;
}): Promise<Record<string, number>> {
  const baselineRows = Math.min(opts.baselineRows ?? 100_000, opts.rows);
  const plan: Array<{ variant: Variant; label: string; rows: number; ext: string }> = [
    { variant: 'lean-xlsx', label: 'xlsx, our writer', rows: opts.rows, ext: 'xlsx' },
    { variant: 'exceljs-typical', label: 'xlsx, exceljs stream (shared strings, level 6)', rows: baselineRows, ext: 'xlsx' },
    { variant: 'exceljs-tuned', label: 'xlsx, exceljs stream tuned (inline, level 1, yields)', rows: baselineRows, ext: 'xlsx' },
    { variant: 'lean-csv', label: 'csv, our writer', rows: opts.rows, ext: 'csv' },
  ];
  const metrics: Record<string, number> = {};
  opts.log(`export bench on ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
  const work = mkdtempSync(join(opts.dir, 'export-bench-'));
  try {
    for (const { variant, label, rows, ext } of plan) {
      const out = join(work, `${variant}.${ext}`);
      const before = (machineBusyMs() ?? undefined);
      const r = await runChild(variant, rows, out);
      const after = (machineBusyMs() ?? undefined);
      rmSync(out, { force: true });
      const rate = r.rows / (r.ms / 1000);
      const others = before !== undefined && after !== undefined ? Math.max(0, (after - before - r.cpuMs) / r.ms) : NaN;
      metrics[`${variant}.rows`] = r.rows;
      metrics[`${variant}.rowsPerSec`] = Math.round(rate);
      metrics[`${variant}.cpuUsPerRow`] = Math.round(((r.cpuMs * 1000) / r.rows) * 10) / 10;
      metrics[`${variant}.mainThreadUsPerRow`] = Math.round(((r.mainThreadMs * 1000) / r.rows) * 10) / 10;
      metrics[`${variant}.mainThreadCpuUsPerRow`] = Math.round(((r.mainThreadCpuMs * 1000) / r.rows) * 10) / 10;
      metrics[`${variant}.peakRssMb`] = Math.round(r.maxRssMb);
      metrics[`${variant}.fileMb`] = Math.round(r.bytes / 1e6);
      metrics[`${variant}.otherLoadCores`] = Math.round(others * 100) / 100;
      opts.log(
        `export ${label}: ${fmt(r.rows)} rows in ${fmt(r.ms / 1000, 1)} s = ${fmt(rate)} rows/s, ` +
          `CPU ${fmt((r.cpuMs * 1000) / r.rows, 1)} µs/row (main thread: ${fmt((r.mainThreadCpuMs * 1000) / r.rows, 1)} on CPU, ` +
          `${fmt((r.mainThreadMs * 1000) / r.rows, 1)} busy), peak RSS ${fmt(r.maxRssMb)} MB, file ${fmt(r.bytes / 1e6)} MB` +
          (Number.isNaN(others) ? '' : ` (other processes used ${fmt(others, 2)} cores meanwhile)`),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return metrics;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const baselineRows = process.argv[3] ? Number(process.argv[3]) : undefined;
  const metrics = await benchExport({ rows, baselineRows, dir: tmpdir(), log: (line) => console.log(line) });
  console.log(JSON.stringify(metrics));
}
