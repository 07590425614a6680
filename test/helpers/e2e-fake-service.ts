import type { Channel, EventName, Handlers } from '../../src-main/core/api/contract';
import type { AppService, EventListener } from '../../src-main/core/service/types';

/**
 * A stand-in application service for host tests (web host, contract): every handler records its call and
 * answers from `answers` (or `{}`), so a test can see exactly what reached the service, and emit events.
 */
export interface FakeService extends AppService {
  calls: { channel: Channel; args: unknown }[];
  emit(event: EventName, payload: unknown): void;
}

export function fakeService(answers: Partial<Record<Channel, unknown>> = {}): FakeService {
  const calls: FakeService['calls'] = [];
  const listeners = new Set<EventListener>();
  const handlers = new Proxy({} as Handlers, {
    get(_target, channel: string) {
      return async (args: unknown) => {
        calls.push({ channel: channel as Channel, args });
        return answers[channel as Channel] ?? {};
      };
    },
  });
  return {
    handlers,
    calls,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
    },
    async close() {},
  };
}
