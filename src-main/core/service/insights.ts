import { badInput } from '../errors';
import type { InteractionFilter } from '../store/filters';
import type { Insights } from '../store/insights-types';
import type { Store } from '../store/store';
import { isValidTimeZone } from '../time/zone';

/**
 * The Insights view's operation. Its aggregates scan the whole selection, so they run on a reader thread
 * of their own: a page, a count or a facet never waits behind them, nor they behind a facet. The same
 * request asked twice while the first is still running (two views, a quick re-render) is answered once.
 */
export class InsightsService {
  private running = new Map<string, Promise<Insights>>();

  constructor(
    private readonly reader: Pick<Store, 'insights'>,
    private readonly defaultZone: () => string,
  ) {}

  get(filter: InteractionFilter, zone?: string): Promise<Insights> {
    const z = zone ?? this.defaultZone();
    if (!isValidTimeZone(z)) return Promise.reject(badInput(`Unknown time zone "${z.slice(0, 64)}": use an IANA name such as America/Bogota.`));
    const key = JSON.stringify([filter, z]);
    const found = this.running.get(key);
    if (found) return found;
    const answer = this.reader.insights(filter, z).finally(() => this.running.delete(key));
    this.running.set(key, answer);
    return answer;
  }
}
