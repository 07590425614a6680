import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../errors';
import type { BrokenCache, MovedAsideCaches } from '../../backend';
import { CACHE_SUFFIXES } from './cache-recovery';

/**
 * Caches moved aside because the app could not open them (cache-recovery.ts names them
 * X.broken-YYYYMMDD-HHmmss[-N], with their -wal, -shm and -journal beside). They hold customers'
 * conversations like the cache itself, so they are listed in Settings with their age, removable there,
 * and removed by retention once older than the retention period.
 *
 * The UI only ever sees an id (the part after `.broken-`); this maps it back to files of the cache's own
 * folder, so no path the renderer sends is ever opened or deleted.
 */
const MARK = '.broken-';
const ID = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d{1,4})?$/;

/** The moment in an id (local time, as brokenStamp wrote it); null when the id is not one. */
function movedAtOf(id: string): number | null {
  const m = ID.exec(id);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(at) ? at : null;
}

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

export class BrokenCaches implements MovedAsideCaches {
  private readonly dir: string;
  private readonly prefix: string;

  constructor(dbPath: string) {
    this.dir = dirname(dbPath);
    this.prefix = basename(dbPath) + MARK;
  }

  /** Oldest first. A folder that cannot be read lists none. */
  list(): BrokenCache[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: BrokenCache[] = [];
    for (const name of names) {
      if (!name.startsWith(this.prefix)) continue;
      const id = name.slice(this.prefix.length);
      const movedAt = movedAtOf(id);
      if (movedAt === null) continue; // a journal (…-wal) or a name that is not ours
      const bytes = CACHE_SUFFIXES.reduce((sum, suffix) => sum + sizeOf(join(this.dir, name + suffix)), 0);
      out.push({ id, name, movedAt, bytes });
    }
    return out.sort((a, b) => a.movedAt - b.movedAt || a.id.localeCompare(b.id));
  }

  /** The moved-aside cache and its journals; refused for an id that names none. */
  remove(id: string): void {
    if (movedAtOf(id) === null || !this.list().some((c) => c.id === id)) {
      throw new AppError('bad-input', 'That moved-aside cache is no longer there.');
    }
    const base = join(this.dir, this.prefix + id);
    for (const suffix of CACHE_SUFFIXES) rmSync(base + suffix, { force: true });
  }

  /** Those moved aside before `cutoff` (retention); returns how many went. */
  removeOlderThan(cutoff: number): number {
    const old = this.list().filter((c) => c.movedAt < cutoff);
    for (const c of old) this.remove(c.id);
    return old.length;
  }
}
