/**
 * The preparer thread: identity, hashes and instants for each slice of a window (prepare.ts), then
 * on to the writer thread. It keeps this allocation-heavy work off the UI thread, and runs beside the
 * writer, so ingest uses two cores. It also reads the API's answers (JSON parse and validation, about a
 * second of CPU for 60,000 rows) and holds their records until the window is committed.
 */
import type { MessagePort } from 'node:worker_threads';
import { isAppError, toErrorInfo } from '../../../errors';
import { answerOf, interpretAnswer, type RawAnswer } from '../../../wolkvox/answer';
import { ApiError } from '../../../wolkvox/api-error';
import type { IncomingRecord } from '../../../wolkvox/fields';
import { storageError } from '../connection/database';
import { createPreparer, type Preparer } from '../../sql/prepare';
import { threadCpuMs } from './thread-cpu';
import { SLICE, type FromWriter, type ParseOutcome, type ToPreparer, type ToWriter } from './writer-protocol';
import type { UpsertContext } from '../writes/upsert';


export function runPreparer(parent: MessagePort, writer: MessagePort): void {
  let current: { batch: number; prepare: Preparer } | null = null;
  // The engine commits each answer before it asks for the next, so one held answer is all there is.
  let held: { id: number; records: IncomingRecord[] } | null = null;
  const send = (message: ToWriter) => writer.postMessage(message);
  const reply = (id: number, value: unknown) => parent.postMessage({ type: 'result', id, value } satisfies FromWriter);

  const stage = (batch: number, ctx: UpsertContext, records: readonly IncomingRecord[]) => {
    // One preparer per window: it counts same-identity twins across the window's slices.
    if (current?.batch !== batch) current = { batch, prepare: createPreparer(ctx.zone) };
    try {
      send({ type: 'stage', batch, ctx, rows: current.prepare(records) });
    } catch (error) {
      const app = isAppError(error) ? error : storageError('A record could not be prepared', error);
      send({ type: 'stage-error', batch, error: { kind: app.kind, message: app.message } });
    }
  };

  parent.on('message', (message: ToPreparer) => {
    switch (message.type) {
      case 'cpu':
        reply(message.id, threadCpuMs());
        return;
      case 'parse':
        held = null;
        reply(message.id, parse(message.raw, (records) => (held = { id: message.id, records })));
        return;
      case 'held': {
        const records = held?.id === message.held ? held.records : null;
        held = null;
        if (!records) {
          send({ type: 'stage-error', batch: message.batch, error: { kind: 'storage', message: 'The answer to write is no longer held.' } });
          return;
        }
        for (let i = 0; i < records.length; i += SLICE) stage(message.batch, message.ctx, records.slice(i, i + SLICE));
        return;
      }
      case 'forward':
        // A window's commit or abort: the next records start a new window.
        current = null;
        send(message.message);
        return;
      case 'records':
        stage(message.batch, message.ctx, message.records);
    }
  });
}

function parse(raw: RawAnswer, keep: (records: IncomingRecord[]) => void): ParseOutcome {
  try {
    const records = interpretAnswer(raw);
    if (records) keep(records);
    const { noData, count, createdUtc } = answerOf(records, raw.zone);
    return { ok: true, noData, count, createdUtc };
  } catch (error) {
    const expected = error instanceof ApiError;
    return { ok: false, error: toErrorInfo(error), status: expected ? error.status : null, expected };
  }
}
