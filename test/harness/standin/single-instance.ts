import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/**
 * app.requestSingleInstanceLock across real processes, as Electron does it: one lock per userData folder;
 * the first process holds it and listens; a later one fails to take it, hands its argv, working directory
 * and additionalData to the first (which emits 'second-instance'), and is expected to quit. Electron uses a
 * socket in userData (a named pipe on Windows); here a lock file with the holder's pid plus a local socket.
 */
export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function socketPath(userData: string): string {
  const id = createHash('sha256').update(userData).digest('hex').slice(0, 16);
  return process.platform === 'win32' ? `\\\\.\\pipe\\wolkvox-harness-${id}` : join(tmpdir(), `wolkvox-harness-${id}.sock`);
}

export class SingleInstance {
  private server: Server | null = null;
  private lockFile: string | null = null;
  /** The hand-over a losing process still has to deliver before it exits. */
  pending: Promise<void> | null = null;

  constructor(private readonly onSecond: (info: SecondInstance) => void) {}

  request(userData: string, additionalData: unknown): boolean {
    if (this.lockFile) return true;
    mkdirSync(userData, { recursive: true });
    const file = join(userData, 'SingletonLock.harness');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.lockFile = file;
        this.listen(userData);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(readFileSync(file, 'utf8'));
        if (holder && alive(holder)) break;
        rmSync(file, { force: true }); // the holder died without releasing: its lock is stale
      }
    }
    this.pending = this.notify(userData, { argv: process.argv, workingDirectory: process.cwd(), additionalData });
    return false;
  }

  held(): boolean {
    return this.lockFile !== null;
  }

  release(): void {
    this.server?.close();
    this.server = null;
    if (this.lockFile) rmSync(this.lockFile, { force: true });
    this.lockFile = null;
  }

  private listen(userData: string): void {
    const path = socketPath(userData);
    if (process.platform !== 'win32') rmSync(path, { force: true });
    this.server = createServer((socket) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (text += d));
      socket.on('end', () => {
        socket.end();
        this.onSecond(JSON.parse(text) as SecondInstance);
      });
    });
    this.server.listen(path);
    this.server.unref();
  }

  private notify(userData: string, info: SecondInstance): Promise<void> {
    return new Promise((resolve) => {
      const socket = createConnection(socketPath(userData), () => socket.end(JSON.stringify(info)));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
  }
}
