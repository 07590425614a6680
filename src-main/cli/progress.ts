import type { SyncProgress } from '../core/sync/sync-engine';
import type { CliIo } from './io';
import { MESSAGE_MAX, oneLine } from '../core/text/one-line';

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Sync progress on stderr: a redrawn bar on a terminal, one line per change elsewhere (logs, cron mail). */
export function syncProgressReporter(io: CliIo): { update(p: SyncProgress): void; end(): void } {
  const tty = Boolean(io.stderr.isTTY);
  let lastLine = '';
  return {
    update(p) {
      const span = p.endUtc - p.startUtc;
      const fraction = span > 0 ? Math.min(1, (p.coveredUtc - p.startUtc) / span) : 1;
      const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
      const eta = p.etaMs !== null && fraction < 1 ? `, ~${duration(p.etaMs)} left` : '';
      const retry = p.retrying ? ` | ${oneLine(p.retrying.message, MESSAGE_MAX)} Retry ${p.retrying.attempt} in ${duration(p.retrying.delayMs)}` : '';
      const text = `${pct} ${p.calls} calls, ${p.rows} rows (${p.inserted} new, ${p.updated} updated)${eta}${retry}`;
      if (tty) {
        const width = Math.max(10, Math.min(30, (io.stderr.columns ?? 80) - text.length - 4));
        const filled = Math.round(fraction * width);
        io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\u001b[K`);
      } else if (text !== lastLine) {
        io.stderr.write(`${text}\n`);
      }
      lastLine = text;
    },
    end() {
      if (tty && lastLine) io.stderr.write('\n');
    },
  };
}
