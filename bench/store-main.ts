/** Runs the store benchmark alone: node --import tsx bench/store-main.ts [rows] (default 200,000). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStore } from './store';

const rows = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'wolkvox-bench-store-'));
try {
  const result = await benchStore({ rows, dir, log: (line) => console.log(line) });
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
