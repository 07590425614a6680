/**
 * Samples on the SQLite cache, as the Store port names them: each a read or a write of the serving
 * connection (the store's own `read` and `write`), over samples-sql.ts. The preview, a grouped count over
 * a whole filter, stays on the store's reader thread.
 */
import { drawRule } from '../../../reviews/sampling';
import type { Store } from '../../store';
import type { Db } from '../connection/database';
import type { ServingConnection } from './assignments-part';
import { deleteSample, drawSample, listSamples, renameSample, sampleById, sampleByName, sampleCandidates, sampleMembers } from './samples-sql';

export type SamplesPart = Pick<Store, 'drawSample' | 'listSamples' | 'sampleByName' | 'sampleById' | 'sampleMembers' | 'renameSample' | 'deleteSample'>;

export function sqliteSamples(db: Db, { read, write }: ServingConnection): SamplesPart {
  return {
    drawSample: (draw, now) =>
      write(['samples'], () => {
        // The rule first: its exclusions are conditions of the candidate query.
        const rule = drawRule(draw);
        return drawSample(db, { ...draw, candidates: sampleCandidates(db, draw.filter, rule) }, now);
      }),
    listSamples: () => read(() => listSamples(db)),
    sampleByName: (name) => read(() => sampleByName(db, name) ?? null),
    sampleById: (id) => read(() => sampleById(db, id) ?? null),
    sampleMembers: (id) => read(() => sampleMembers(db, id)),
    renameSample: (id, name) => write(['samples'], () => renameSample(db, id, name)),
    deleteSample: (id) => write(['samples', 'assignments'], () => deleteSample(db, id)),
  };
}
