import { toErrorInfo } from '../core/errors';
import { parseCall, type Channel, type Handlers, type Result } from '../core/api/contract';

export type Dispatch = (channel: string, args: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for every call from the UI, whichever host carries it: validates the arguments against
 * the contract, runs the handler, and turns any failure into { kind, message } (never a thrown error, whose
 * details Electron would drop; never the token, which no message contains).
 */
export function createDispatch(handlers: Handlers, log?: (line: string) => void): Dispatch {
  return async (channel, args) => {
    const parsed = parseCall(channel, args);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[parsed.channel as Channel] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.args) };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.kind === 'server' || info.kind === 'storage') log?.(`${channel} failed: ${info.message}`);
      return { ok: false, error: info };
    }
  };
}
