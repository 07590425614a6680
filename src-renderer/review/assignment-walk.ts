import type { Filter, Row, Sort, WolkvoxApi } from '../../src-main/core/api/contract';

/** Where "Next unreviewed" goes in the auditor's own part of the open sample (issue 19, point 5). */
export type AssignedStep = { kind: 'unassigned' } | { kind: 'done' } | { kind: 'found'; index: number; row: Row };

const CHUNK = 200;

/** The grid index and row of `uid` in the view's own order, or null when the view does not show it. */
async function rowInView(api: WolkvoxApi, filter: Filter, sort: Sort | undefined, uid: string): Promise<{ index: number; row: Row } | null> {
  for (let offset = 0; ; offset += CHUNK) {
    const page = await api.call('interactions/page', { filter, sort, offset, limit: CHUNK });
    if (!page.ok) throw new Error(page.error.message);
    const i = page.value.rows.findIndex((r) => r.uid === uid);
    if (i >= 0) return { index: offset + i, row: page.value.rows[i]! };
    if (page.value.rows.length < CHUNK || offset + CHUNK >= page.value.total) return null;
  }
}

/**
 * With a sample open and a part of it assigned to the auditor, the next member of their part still to
 * review, after the open one (the service decides, reviews/assignments.ts). 'unassigned' (no sample open,
 * no part of it, or the next one hidden by another filter): the grid's own walk applies.
 */
export async function findNextAssigned(api: WolkvoxApi, filter: Filter, sort: Sort | undefined, openUid: string | null): Promise<AssignedStep> {
  if (filter.sampleId === undefined) return { kind: 'unassigned' };
  const r = await api.call('assignments/next', { sampleId: filter.sampleId, afterUid: openUid });
  if (!r.ok || !r.value.assigned) return { kind: 'unassigned' };
  if (!r.value.next) return { kind: 'done' };
  const found = await rowInView(api, filter, sort, r.value.next.uid);
  return found ? { kind: 'found', ...found } : { kind: 'unassigned' };
}
