/**
 * Messages between the reader client (reader.ts) and a reader thread (reader-thread.ts). Each request
 * names its operation; the answer's type follows from it (ReadAnswer<K>), on both sides.
 */
import type { SampleRule } from '../../../reviews/sample-rule';
import type { ReviewStatusCounts } from '../../../reviews/types';
import type { FacetField } from '../../sql/columns';
import type { InteractionFilter } from '../reads/filters';
import type { Insights } from '../../../insights/insights-types';
import type { FacetCount } from '../reads/queries';
import type { AuditSummary, SamplePreview } from '../../store';

/** Each operation: what it is asked with, and what it answers. */
interface ReadCalls {
  count: { ask: { filter: InteractionFilter }; answer: number };
  facets: { ask: { filter: InteractionFilter; fields: FacetField[] }; answer: Record<string, FacetCount[]> };
  reviewCounts: { ask: { filter: InteractionFilter }; answer: ReviewStatusCounts };
  auditSummary: { ask: { filter: InteractionFilter }; answer: AuditSummary };
  insights: { ask: { filter: InteractionFilter; zone: string }; answer: Insights };
  samplePreview: { ask: { filter: InteractionFilter; rule: SampleRule }; answer: SamplePreview };
}

export type ReadOp = keyof ReadCalls;
/** One request; ReadRequest<'count'> is the count request alone. */
export type ReadRequest<K extends ReadOp = ReadOp> = { [P in K]: { op: P } & ReadCalls[P]['ask'] }[K];
export type ReadAnswer<K extends ReadOp> = ReadCalls[K]['answer'];

/** To the reader thread. (Generic so that a ReadRequest<K> goes as it is: K is ReadOp on the thread's side.) */
export type ToReader<K extends ReadOp = ReadOp> = { type: 'call'; id: number; request: ReadRequest<K> } | { type: 'close' };
