import type { ServerResponse } from 'node:http';
import type { EventName } from '../core/api/contract';
import { COMMON_HEADERS } from './headers';

const HEARTBEAT_MS = 15_000;

/**
 * The service's events as Server-Sent Events (`event: <name>` / `data: <json>`), to every open stream.
 * The renderer reads the stream with fetch (not EventSource) so that it can send the access key header.
 */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: EventName, payload: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    }
  }
}
