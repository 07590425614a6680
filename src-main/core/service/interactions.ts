import { AppError } from '../errors';
import type { Db } from '../store/database';
import type { InteractionFilter, SortSpec } from '../store/filters';
import { page, type InteractionRow } from '../store/queries';
import type { StoreReader } from '../store/reader';
import { conversation, getInteraction, history } from '../store/records';
import type { FacetField } from '../store/columns';

/**
 * The grid asks for blocks by offset (ag-grid's infinite row model). Scrolling asks for the block after
 * the one before, so the cursor each block ends with is remembered and the next block is a keyset
 * seek (depth costs nothing); only a jump falls back to an offset. Counts and facets, which can take
 * hundreds of ms on a large cache, run on the reader thread and are cached until data changes.
 */
export class InteractionReader {
  private cursors = new Map<string, string>();
  private counts = new Map<string, Promise<number>>();
  /** The latest finished count per filter, kept across invalidations (see page). */
  private lastCounts = new Map<string, number>();

  /**
   * Counts and facets get a reader thread each: a count (which the grid waits for) never queues behind facets.
   * `syncing` tells whether a sync is writing (see pageTotal).
   */
  constructor(
    private readonly db: Db,
    private readonly counter: StoreReader,
    private readonly faceter: StoreReader,
    private readonly syncing: () => boolean = () => false,
  ) {}

  /** Called whenever a sync or a review committed: cached positions and counts are stale. */
  invalidate(): void {
    this.cursors.clear();
    this.counts.clear();
  }

  /** True when the cache holds any interaction (one indexed row read, no count). */
  hasAny(): boolean {
    return page(this.db, { filter: {}, limit: 1, offset: 0 }).rows.length > 0;
  }

  async page(filter: InteractionFilter, sort: SortSpec | undefined, offset: number, limit: number): Promise<{ rows: InteractionRow[]; total: number }> {
    const key = JSON.stringify([filter, sort ?? null]);
    const after = offset > 0 ? this.cursors.get(`${key}@${offset}`) : undefined;
    const result = page(this.db, { filter, sort, limit, ...(after ? { after } : { offset }) });
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
      total = this.counter.count(filter);
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
    return this.faceter.facets(filter, [...fields]);
  }

  detail(id: number) {
    const found = getInteraction(this.db, id);
    if (!found) throw new AppError('bad-input', 'That interaction is not in the cache.');
    const { contentHash: _hash, ...rest } = found;
    return {
      ...rest,
      truncated: false,
      history: history(this.db, id).map((h) => ({
        changedAt: h.changedAt,
        changedFields: h.changedFields,
        previous: Object.fromEntries(h.changedFields.filter((f) => f in h.oldFields).map((f) => [f, h.oldFields[f as keyof typeof h.oldFields]])),
      })),
    };
  }

  conversation(id: number) {
    const found = getInteraction(this.db, id);
    if (!found) throw new AppError('bad-input', 'That interaction is not in the cache.');
    const items = found.case_id ? conversation(this.db, found.case_id, found.server) : [found];
    return {
      caseId: found.case_id,
      items: items.map((item) => {
        const full = item.id === found.id ? found : getInteraction(this.db, item.id)!;
        const { contentHash: _hash, ...rest } = full;
        return { ...rest, truncated: false };
      }),
    };
  }
}
