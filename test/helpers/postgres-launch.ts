/**
 * A real, throwaway PostgreSQL server: Debian's `postgresql` package, initialised in a temporary folder,
 * listening on loopback only, on a free port, with password (scram-sha-256) authentication for one
 * created superuser. PostgreSQL refuses to run as root, so as root the server runs as a dedicated system
 * user (`wolkvox-pg`, created when missing; `nobody` when it cannot be). Used by the tests
 * (postgres-server.ts, which stops it after the file) and by the bench.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const POSTGRES_PACKAGE = 'postgresql';
const PG_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'wolkvox-pg';
const SUPERUSER = 'wolkvox_admin';

export interface LaunchOptions {
  /** Crash-safe settings (fsync on) for measurements; off by default, since a test server's data is thrown away. */
  durable?: boolean;
  /** Also accept TLS, with a certificate for 127.0.0.1 only (no host name) signed by a throwaway CA. */
  tls?: boolean;
  /**
   * A folder kept between launches (the bench's `--keep`): created and initialised when empty, reused as it
   * is otherwise, stopped cleanly and never removed. Its password is stored in it, readable by this user only.
   */
  keepDir?: string;
}

export interface PostgresServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly version: string;
  /** The postmaster's process id. */
  readonly pid: number;
  /** The temporary folder holding the data folder, socket and log. */
  readonly dir: string;
  /** With `tls`: the CA certificate (PEM file) that signed the server's certificate. */
  readonly caFile: string | null;
  /** `postgres://user:password@127.0.0.1:port/database` (the superuser's). */
  url(database?: string): string;
  /** Runs SQL through psql as the superuser; returns its stdout (unaligned, tuples only). */
  psql(sql: string, database?: string): string;
  /** A new empty database; returns its name. */
  createDatabase(prefix?: string): string;
  /** Restarts the server on the same port with an immediate shutdown (as a crash would): every connection is cut. */
  restart(): void;
  /** Stops the server (immediate shutdown) and removes its folder. Safe to call twice. */
  stop(): void;
}

/** The newest installed server's bin folder, or a loud error naming the package to install. */
export function postgresBinDir(root = PG_ROOT): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      `PostgreSQL is not installed: these tests start a real PostgreSQL server from Debian's \`${POSTGRES_PACKAGE}\` package ` +
        `(no ${root}/<version>/bin/pg_ctl). Install it with: apt-get install -y ${POSTGRES_PACKAGE} ` +
        '(npm test does this itself when run as root).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

/** As root: the unprivileged account the server runs as (created when missing). Otherwise null (run as ourselves). */
function serverAccount(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = (name: string) => {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status !== 0) return null;
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return { name, uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
  };
  const existing = lookup(SERVER_USER);
  if (existing) return existing;
  spawnSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVER_USER], { stdio: 'ignore' });
  return lookup(SERVER_USER) ?? lookup('nobody') ?? fail('neither the user wolkvox-pg (useradd failed) nor nobody exists to run PostgreSQL as');
}

function fail(message: string): never {
  throw new Error(message);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a server binary as the server account; throws with its output on failure. */
function runAs(account: { name: string } | null, command: string, args: string[]): string {
  const [cmd, argv] = account ? ['runuser', ['-u', account.name, '--', command, ...args]] : [command, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function launchPostgres(options: LaunchOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const account = serverAccount();
  const kept = options.keepDir;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'wolkvox-pg-'));
  const data = join(dir, 'data');
  const reused = existsSync(join(data, 'PG_VERSION'));
  const password = reused ? readFileSync(join(dir, '..', `${basename(dir)}.password`), 'utf8').trim() : randomBytes(18).toString('base64url');
  if (kept && !reused) writeFileSync(join(dir, '..', `${basename(dir)}.password`), `${password}\n`, { mode: 0o600 });
  // Only the server account may read the folder (initdb insists on 0700 for the data folder).
  chmodSync(dir, 0o700);
  if (!reused) writeFileSync(join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
  if (account) {
    chownSync(dir, account.uid, account.gid);
    if (!reused) chownSync(join(dir, 'pwfile'), account.uid, account.gid);
  }
  let pid = 0;
  const stop = () => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      spawnSync(account ? 'runuser' : join(bin, 'pg_ctl'), [...(account ? ['-u', account.name, '--', join(bin, 'pg_ctl')] : []), 'stop', '-D', data, '-m', kept ? 'fast' : 'immediate', '-w', '-t', '300'], { stdio: 'ignore', cwd: '/' });
    }
    // pg_ctl returns once the pid file is gone; the postmaster may still be exiting. Wait for it (it is no
    // child of ours, so poll), then make sure.
    const until = Date.now() + 10_000;
    while (pid && running(pid) && Date.now() < until) spawnSync('sleep', ['0.05']);
    if (pid && running(pid)) process.kill(pid, 'SIGKILL');
    if (!kept) rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!reused) runAs(account, join(bin, 'initdb'), [
      '-D', data, '-U', SUPERUSER, '--pwfile', join(dir, 'pwfile'), '--auth', 'scram-sha-256',
      // UTF-8 with a UTF-8 character type: lower() and the text-search parser fold non-ASCII letters (É → é).
      '-E', 'UTF8', '--locale', 'C.UTF-8', '--no-instructions',
    ]);
    rmSync(join(dir, 'pwfile'), { force: true });
    const version = runAs(account, join(bin, 'postgres'), ['--version']).trim();
    const caFile = options.tls ? makeCertificates(dir, data, account) : null;
    const settings = [
      'listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'max_connections=40',
      ...(caFile ? ['ssl=on', 'ssl_cert_file=server.crt', 'ssl_key_file=server.key'] : []),
      ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ];
    let port = 0;
    const optionsAt = (p: number) => [`-p ${p}`, ...settings.map((s) => `-c ${s}`)].join(' ');
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const opts = optionsAt(port);
      try {
        runAs(account, join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', opts]);
        break;
      } catch (error) {
        // Another process may have taken the port between the probe and the start: try another one.
        if (attempt >= 2) throw new Error(`${(error as Error).message}\n${readLog(dir)}`, { cause: error });
      }
    }
    const readPid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    pid = readPid();
    const restart = () => {
      runAs(account, join(bin, 'pg_ctl'), ['restart', '-D', data, '-m', 'immediate', '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', optionsAt(port)]);
      pid = readPid();
    };
    const url = (database = 'postgres') => `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
    const psql = (sql: string, database = 'postgres') => {
      const r = spawnSync(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', database, '-c', sql], {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: password },
      });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
      return r.stdout.trim();
    };
    let databases = 0;
    return {
      host: '127.0.0.1', port, user: SUPERUSER, password, version, dir, caFile, url, psql, stop, restart,
      get pid() {
        return pid;
      },
      createDatabase(prefix = 'wolkvox_test') {
        const name = `${prefix}_${++databases}`;
        psql(`CREATE DATABASE ${name}`);
        return name;
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/** A CA and a server certificate for IP 127.0.0.1 (in the data folder, the key readable by the server only); returns the CA file. */
function makeCertificates(dir: string, data: string, account: { uid: number; gid: number } | null): string {
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  // EC keys: generated in milliseconds, where RSA takes seconds on a loaded machine.
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...key, '-days', '2', '-subj', '/CN=Wolkvox test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
  openssl('req', ...key, '-subj', '/CN=127.0.0.1', '-keyout', join(data, 'server.key'), '-out', 'server.csr');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName = IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', join(data, 'server.crt'));
  chmodSync(join(data, 'server.key'), 0o600);
  if (account) for (const f of ['server.key', 'server.crt']) chownSync(join(data, f), account.uid, account.gid);
  return join(dir, 'ca.crt');
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

/** Whether a process runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The postmaster and its children still running (from /proc): empty once the server is gone. */
export function serverProcessesOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat is "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const zombie = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
      if (!zombie && (Number(entry) === pid || ppid === pid)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
