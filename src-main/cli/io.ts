import type { Readable, Writable } from 'node:stream';
import { terminalSafe } from '../core/text/one-line';

/** The terminal the CLI talks to, passed in so tests can drive it with plain streams. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** Every line the CLI prints: whatever the data in it, no control character reaches the terminal. */
export function writeLine(stream: Writable, line: string): void {
  stream.write(`${terminalSafe(line)}\n`);
}

/**
 * JSON exactly (the data's strings unchanged), with the characters JSON leaves raw but a terminal obeys
 * (C1 controls such as CSI, DEL, separators, bidirectional overrides) written as \u escapes.
 */
export function printJson(io: CliIo, value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROLS_RE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  io.stdout.write(`${json}\n`);
}

const JSON_RAW_CONTROLS_RE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Reads the whole of stdin (for `token set`, which never takes the token as an argument). */
export async function readAllStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** On a terminal, asks for the token without echoing it; elsewhere reads stdin to its end. */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  if (!io.stdin.isTTY || !io.stdin.setRawMode) return readAllStdin(io);
  io.stderr.write(prompt);
  io.stdin.setRawMode(true);
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003') return done(null);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (result: string | null) => {
      io.stdin.off('data', onData);
      io.stdin.setRawMode?.(false);
      io.stdin.pause();
      io.stderr.write('\n');
      if (result === null) reject(new Error('cancelled'));
      else resolve(result);
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}
