import { AppError } from '../errors';
import type { FacetField } from '../api/constants';
import type { InteractionFilter, SortSpec } from '../store/filter';
import type { InteractionRow } from '../store/types';
import type { Store } from '../store/store';

/** What the grid's reads need of the store. */
export type BrowseStore = Pick<Store, 'page' | 'count' | 'facets' | 'hasAny' | 'interaction' | 'interactionHistory' | 'conversation'>;

/**
 * The grid asks for blocks by offset (ag-grid's infinite row model). Scrolling asks for the block after
 * the one before, so the cursor each block ends with is remembered and the next block is a keyset
 * seek (depth costs nothing); only a jump falls back to an offset. Counts and facets, which can take
 * hundreds of ms on a large cache, run on the store's reader threads and are cached until data changes.
 */
export class InteractionReader {
  private cursors = new Map<string, string>();
  private counts = new Map<string, Promise<number>>();
  /** The latest finished count per filter, kept across invalidations (see page). */
  private lastCounts = new Map<string, number>();

  /** `syncing` tells whether a sync is writing (see pageTotal). */
  constructor(
    private readonly store: BrowseStore,
    private readonly syncing: () => boolean = () => false,
  ) {}

  /** Called whenever a sync or a review committed: cached positions and counts are stale. */
  invalidate(): void {
    this.cursors.clear();
    this.counts.clear();
  }

  /** True when the cache holds any interaction (one indexed row read, no count). */
  hasAny(): Promise<boolean> {
    return this.store.hasAny();
  }

  async page(filter: InteractionFilter, sort: SortSpec | undefined, offset: number, limit: number): Promise<{ rows: InteractionRow[]; total: number }> {
    const key = JSON.stringify([filter, sort ?? null]);
    const after = offset > 0 ? this.cursors.get(`${key}@${offset}`) : undefined;
    const result = await this.store.page({ filter, sort, limit, ...(after ? { after } : { offset }) });
    if (result.nextCursor) {
      if (this.cursors.size > 5000) this.cursors.clear();
      this.cursors.set(`${key}@${offset + result.rows.length}`, result.nextCursor);
    }
    return { rows: result.rows, total: await this.pageTotal(filter) };
  }

  /**
   * While a sync writes, every commit makes the count stale, and a fresh count of a million rows takes
   * the counter thread a while: a page then carries the previous count rather than wait for it (the
   * grid's rows must not wait on a number that is about to change again). The grid asks
   * `interactions/count` after each change the sync announces, and once it ends. With no sync running,
   * a page always waits for the exact count.
   */
  private pageTotal(filter: InteractionFilter): Promise<number> {
    const key = JSON.stringify(filter);
    const fresh = this.count(filter);
    const last = this.lastCounts.get(key);
    if (last === undefined || !this.syncing()) return fresh;
    let settled: number | undefined;
    void fresh.then((n) => (settled = n), () => undefined);
    // A count already computed has settled by the next turn; one still running is not waited for.
    return new Promise((resolve) => setImmediate(() => resolve(settled ?? last)));
  }

  count(filter: InteractionFilter): Promise<number> {
    const key = JSON.stringify(filter);
    let total = this.counts.get(key);
    if (total === undefined) {
      total = this.store.count(filter);
      total.then(
        (n) => {
          if (this.lastCounts.size > 500) this.lastCounts.clear();
          this.lastCounts.set(key, n);
        },
        () => this.counts.delete(key),
      );
      if (this.counts.size > 500) this.counts.clear();
      this.counts.set(key, total);
    }
    return total;
  }

  facets(filter: InteractionFilter, fields: readonly FacetField[]): Promise<Record<string, { value: string; count: number }[]>> {
    return this.store.facets(filter, fields);
  }

  async detail(id: number) {
    const found = await this.store.interaction(id);
    if (!found) throw new AppError('bad-input', 'That interaction is not in the cache.');
    const { contentHash: _hash, ...rest } = found;
    return {
      ...rest,
      truncated: false,
      history: (await this.store.interactionHistory(id)).map((h) => ({
        changedAt: h.changedAt,
        changedFields: h.changedFields,
        previous: Object.fromEntries(h.changedFields.filter((f) => f in h.oldFields).map((f) => [f, h.oldFields[f as keyof typeof h.oldFields]])),
      })),
    };
  }

  async conversation(id: number) {
    const found = await this.store.interaction(id);
    if (!found) throw new AppError('bad-input', 'That interaction is not in the cache.');
    const items = found.case_id ? await this.store.conversation(found.case_id, found.server) : [found];
    const full = await Promise.all(items.map(async (item) => (item.id === found.id ? found : (await this.store.interaction(item.id))!)));
    return {
      caseId: found.case_id,
      items: full.map(({ contentHash: _hash, ...rest }) => ({ ...rest, truncated: false })),
    };
  }
}
