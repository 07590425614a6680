import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { controlJson, type Reply } from './responses';
import { FAULT_NAMES, type SimFaults, type SimStats } from './sim-state';

/**
 * `/__sim/*`: drives a simulator running in another process (demo mode, e2e tests). Loopback peers and
 * loopback Host names only, and POSTs must carry a JSON content type, which a web page cannot send cross-origin without a
 * preflight this server never grants.
 */
export const CONTROL_PREFIX = '/__sim/';

export interface ControlTarget {
  stats(): SimStats;
  resetStats(): void;
  setFaults(f: SimFaults): void;
  setNow(fn: () => number): void;
  /** The clock function in use now. */
  clock(): () => number;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_DELAY_MS = 10 * 60_000;

const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  hangMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  hold: z.boolean().optional(),
  failNext: z.array(z.enum(FAULT_NAMES)).max(10_000).optional(),
  failRate: z.number().min(0).max(1).optional(),
  message: z.string().max(MAX_BODY_BYTES).optional(),
});

/** Either freeze the clock at an instant or shift the running clock by an amount. */
const nowSchema = z.union([z.strictObject({ nowMs: z.number().int().min(0) }), z.strictObject({ advanceMs: z.number().int() })]);

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

/** A loopback Host name too, so a page on another domain rebound to 127.0.0.1 cannot use these endpoints. */
function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; reply: Reply }> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return { ok: false, reply: controlJson(415, { error: 'content-type must be application/json' }) };
  }
  const text = await readBody(req);
  if (text === null) return { ok: false, reply: controlJson(413, { error: 'body too large' }) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: controlJson(400, { error: 'body is not JSON' }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reply: controlJson(400, { error: z.prettifyError(parsed.error) }) };
  return { ok: true, value: parsed.data };
}

export async function handleControl(target: ControlTarget, req: IncomingMessage, url: URL): Promise<Reply> {
  if (!isLoopback(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host)) {
    return controlJson(403, { error: 'control endpoints answer loopback peers only' });
  }
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'GET stats':
      return controlJson(200, target.stats());
    case 'POST reset-stats':
      target.resetStats();
      return controlJson(200, { ok: true });
    case 'POST faults': {
      const body = await jsonBody(req, faultsSchema);
      if (!body.ok) return body.reply;
      target.setFaults(body.value);
      return controlJson(200, { ok: true, faults: body.value });
    }
    case 'POST now': {
      const body = await jsonBody(req, nowSchema);
      if (!body.ok) return body.reply;
      const value = body.value;
      if ('nowMs' in value) target.setNow(() => value.nowMs);
      else {
        // Shift whatever clock runs now (itself maybe shifted), so successive shifts add up.
        const previous = target.clock();
        target.setNow(() => previous() + value.advanceMs);
      }
      return controlJson(200, { ok: true, nowMs: target.clock()() });
    }
    default:
      return controlJson(404, { error: `no control endpoint ${route}` });
  }
}
