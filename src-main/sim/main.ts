import { parseArgs } from 'node:util';
import { ZoneConverter } from '../core/time/zone';
import { addDays, localDayOf } from './days';
import { startSimulator } from './server';

/**
 * `npm run sim -- [--port N] [--seed N] [--days N | --from YYYY-MM-DD --to YYYY-MM-DD] [--rows-per-day N] [--token T]...`
 * Prints the base URL as the first line of stdout (scripts read it), then serves until killed.
 */
const USAGE =
  'usage: npm run sim -- [--port N] [--seed N] [--days N | --from YYYY-MM-DD --to YYYY-MM-DD] [--rows-per-day N] [--token T] [--zone Z] [--quota N]';
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${value}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'rows-per-day': { type: 'string' },
      token: { type: 'string', multiple: true },
      zone: { type: 'string' },
      quota: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const zone = values.zone ?? 'America/Bogota';
  const days = wholeNumber('days', values.days, 28);
  // The N days before today, as the default dataset has it, or the days asked for.
  const today = localDayOf(new ZoneConverter(zone), Date.now());
  const from = values.from ?? addDays(today, -Math.max(1, days));
  const to = values.to ?? (values.from ? from : addDays(today, -1));
  if (!DAY_RE.test(from) || !DAY_RE.test(to) || from > to) {
    console.error(`--from and --to must be days (YYYY-MM-DD), --from first\n${USAGE}`);
    process.exit(2);
  }
  const sim = await startSimulator({
    port: wholeNumber('port', values.port, 0),
    seed: wholeNumber('seed', values.seed, 1),
    tokens: values.token?.length ? values.token : undefined,
    quotaPerDay: wholeNumber('quota', values.quota, 1000),
    zone,
    dataset: {
      from,
      to,
      rowsPerDay: wholeNumber('rows-per-day', values['rows-per-day'], 300),
    },
  });
  console.log(sim.url);
  console.error(`Wolkvox chat_4 simulator: data from ${from} to ${to} in ${zone}; control at ${sim.url}/__sim/stats. Ctrl+C to stop.`);
  const shutdown = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
