import { AppError, badInput } from '../errors';
import type { InteractionFilter } from '../store/filter';
import type { Insights } from '../insights/insights-types';
import type { Store } from '../store/store';
import { isValidTimeZone } from '../time/zone';

interface Waiting {
  key: string;
  filter: InteractionFilter;
  zone: string;
  answer: Promise<Insights>;
  resolve: (v: Insights) => void;
  reject: (e: unknown) => void;
}

/**
 * The Insights view's operation. Its aggregates scan the whole selection (seconds on a million rows,
 * see BENCHMARKS.md), so they run on a reader thread of their own: a page, a count or a facet never
 * waits behind them. One runs at a time and at most one waits: a newer request replaces the waiting one
 * (which answers 'cancelled'), so after a burst of filter changes the view waits for the running
 * answer and its own, never for the whole burst. The same request already running or waiting is shared.
 */
export class InsightsService {
  private running: { key: string; answer: Promise<Insights> } | null = null;
  private waiting: Waiting | null = null;

  constructor(private readonly reader: Pick<Store, 'insights'>) {}

  /** `zone`: the profile's (the caller resolves a missing one). */
  get(filter: InteractionFilter, zone: string): Promise<Insights> {
    if (!isValidTimeZone(zone)) return Promise.reject(badInput(`Unknown time zone "${zone.slice(0, 64)}": use an IANA name such as America/Bogota.`));
    const key = JSON.stringify([filter, zone]);
    if (this.running?.key === key) return this.running.answer;
    if (this.waiting?.key === key) return this.waiting.answer;
    if (!this.running) return this.start(key, filter, zone);
    this.waiting?.reject(new AppError('cancelled', 'A newer Insights request replaced this one.'));
    let resolve!: (v: Insights) => void;
    let reject!: (e: unknown) => void;
    const answer = new Promise<Insights>((res, rej) => ((resolve = res), (reject = rej)));
    this.waiting = { key, filter, zone, answer, resolve, reject };
    return answer;
  }

  private start(key: string, filter: InteractionFilter, zone: string): Promise<Insights> {
    const answer = this.reader.insights(filter, zone).finally(() => {
      this.running = null;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.start(next.key, next.filter, next.zone).then(next.resolve, next.reject);
    });
    this.running = { key, answer };
    return answer;
  }
}
