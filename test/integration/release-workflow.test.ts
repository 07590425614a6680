/**
 * .github/workflows/release.yml: its triggers and matrix, and the shell logic of its signing and installer
 * steps, run here with bash against the environments GitHub would give them (secrets present, absent, half
 * set). What this cannot prove: the runners, the actions, electron-builder's signing and notarization with real
 * certificates; those only run on GitHub.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';

// electron-builder's own YAML parser (a dependency of it, without typings of its own).
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const ROOT = join(import.meta.dirname, '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { strategy?: { matrix: { os: string[] } }; steps: Step[]; permissions?: Record<string, string> }>;
}

const workflow = load(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as Workflow;
const steps = workflow.jobs.installers!.steps;
const step = (name: string): Step => {
  const found = steps.find((s) => s.name?.startsWith(name));
  assert.ok(found, `step ${name}`);
  return found;
};
const hasBash = spawnSync('bash', ['-c', 'exit 0']).status === 0;

test('a v* tag builds on the three systems with Node 22, never publishing from electron-builder', () => {
  assert.deepEqual(workflow.on.push.tags, ['v*']);
  assert.deepEqual(workflow.permissions, { contents: 'read' });
  assert.deepEqual(workflow.jobs.installers!.strategy!.matrix.os.sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version'], 22);
  assert.match(step('Installers').run!, /npx electron-builder --publish never /);
  assert.match(step('Install').run!, /^npm ci/);
  assert.ok(steps.some((s) => s.uses?.startsWith('actions/upload-artifact')));
  // Only the job that drafts the release may write to the repository.
  assert.deepEqual(workflow.jobs['draft-release']!.permissions, { contents: 'write' });
});

/** Runs a step's script with bash -eo pipefail (GitHub's `shell: bash`); returns exit code, output, GITHUB_ENV. */
function runStep(script: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-release-'));
  try {
    const githubEnv = join(dir, 'github-env');
    writeFileSync(githubEnv, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env: { PATH: process.env.PATH ?? '', GITHUB_ENV: githubEnv, RUNNER_TEMP: dir, ...env },
      encoding: 'utf8',
    });
    const exported = Object.fromEntries(
      readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ) as Record<string, string>;
    const key = exported.APPLE_API_KEY && existsSync(exported.APPLE_API_KEY) ? readFileSync(exported.APPLE_API_KEY, 'utf8') : null;
    return { code: r.status, output: r.stdout + r.stderr, exported, key };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('signing: without secrets every system builds unsigned, saying so', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const script = step('Signing environment').run!;
  for (const os of ['macOS', 'Windows']) {
    const r = runStep(script, { RUNNER_OS: os, CSC_LINK: '', WIN_CSC_LINK: '', APPLE_ID: '' });
    assert.equal(r.code, 0, r.output);
    assert.deepEqual(r.exported, { CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, os);
    assert.match(r.output, /::warning::.*unsigned/);
  }
  assert.deepEqual(runStep(script, { RUNNER_OS: 'Linux' }).exported, {});
});

test('signing: present secrets are exported; the notarization key is written to a file', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const script = step('Signing environment').run!;
  const mac = runStep(script, {
    RUNNER_OS: 'macOS',
    CSC_LINK: 'cGZ4',
    CSC_KEY_PASSWORD: 'pw',
    APPLE_API_KEY_P8: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    APPLE_API_KEY_ID: 'KEY123',
    APPLE_API_ISSUER: 'issuer-uuid',
  });
  assert.equal(mac.code, 0, mac.output);
  assert.equal(mac.exported.CSC_LINK, 'cGZ4');
  assert.equal(mac.exported.CSC_KEY_PASSWORD, 'pw');
  assert.equal(mac.exported.APPLE_API_KEY_ID, 'KEY123');
  assert.match(mac.exported.APPLE_API_KEY!, /AuthKey_KEY123\.p8$/);
  assert.equal(mac.key, '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
  assert.equal(mac.exported.CSC_IDENTITY_AUTO_DISCOVERY, undefined);

  const win = runStep(script, { RUNNER_OS: 'Windows', WIN_CSC_LINK: 'cGZ4', WIN_CSC_KEY_PASSWORD: 'pw', CSC_LINK: 'mac-only' });
  assert.deepEqual(win.exported, { WIN_CSC_LINK: 'cGZ4', WIN_CSC_KEY_PASSWORD: 'pw' });
});

test('signing: a half-set Apple ID exports nothing for notarization (electron-builder would fail on it)', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const r = runStep(step('Signing environment').run!, { RUNNER_OS: 'macOS', CSC_LINK: 'cGZ4', APPLE_ID: 'a@b.c', APPLE_TEAM_ID: '' });
  assert.equal(r.code, 0, r.output);
  assert.equal(r.exported.APPLE_ID, undefined);
  assert.match(r.output, /not notarized/);
});

test('installers: the feed flags are added only for an https WOLKVOX_UPDATE_FEED; anything else stops the build', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  // `npx` is replaced by a function that prints its arguments, one per line.
  const script = `npx() { printf '%s\\n' "$@"; }\n${step('Installers').run!}`;
  const base = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/wolkvox-audit' };
  const none = runStep(script, { ...base, UPDATE_FEED: '' });
  assert.equal(none.code, 0, none.output);
  assert.deepEqual(none.output.trim().split('\n'), ['electron-builder', '--publish', 'never', '-c.extraMetadata.homepage=https://github.com/acme/wolkvox-audit']);
  const feed = runStep(script, { ...base, UPDATE_FEED: 'https://updates.example.com/wolkvox audit' });
  assert.equal(feed.code, 0, feed.output);
  assert.deepEqual(feed.output.trim().split('\n').slice(4), ['-c.publish.provider=generic', '-c.publish.url=https://updates.example.com/wolkvox audit']);
  const http = runStep(script, { ...base, UPDATE_FEED: 'http://updates.example.com/' });
  assert.notEqual(http.code, 0);
  assert.match(http.output, /must be an https URL/);
});
