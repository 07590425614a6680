#!/usr/bin/env node
// `node scripts/launch.mjs ENTRY.ts [ARGS...]`: runs a TypeScript entry point (the CLI, the browser host, the
// demo) through tsx with WOLKVOX_TOKEN already out of the environment. tsx starts esbuild processes and a
// loader thread as soon as it is loaded, each with a copy of the environment of that moment; the entry's own
// code runs too late to keep the token from them. So this plain-JS launcher takes it first and hands it to
// the entry beside the environment (src-main/core/service/launched-token.ts reads it, once).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const token = process.env.WOLKVOX_TOKEN;
delete process.env.WOLKVOX_TOKEN;
if (token) Object.defineProperty(globalThis, Symbol.for('wolkvox-audit.launched-token'), { value: token, configurable: true });

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('Usage: node scripts/launch.mjs ENTRY.ts [ARGS...]');
  process.exit(2);
}
const path = resolve(entry);
// The entry reads its arguments from process.argv.slice(2), as when node runs it directly.
process.argv = [process.argv[0], path, ...args];
await import('tsx');
await import(pathToFileURL(path).href);
