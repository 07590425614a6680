/** Small measuring tools for the store benchmark. */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function samplesOf(n: number, fn: (i: number) => unknown): number[] {
  return Array.from({ length: n }, (_, i) => timeMs(() => fn(i)));
}

/** Longest time the event loop could not run a timer, while `work` runs (ms). */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.reset();
  // One more timer turn after the reset, or a stall that starts at once goes unrecorded.
  await new Promise((resolve) => setTimeout(resolve, 10));
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** Busy CPU time of the whole machine (all processes), in ms; null where /proc is missing. */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return ((total - idle) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * Runs `work` and reports its wall time, this process's CPU time (all threads), and how many cores
 * other processes kept busy meanwhile: the machine is shared, and that explains slow wall times.
 */
export async function withLoad<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number; otherCores: number | null }> {
  const busy0 = machineBusyMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const busy1 = machineBusyMs();
  const otherCores = busy0 === null || busy1 === null ? null : Math.max(0, (busy1 - busy0 - cpuMs) / wallMs);
  return { value, wallMs, cpuMs, otherCores };
}
