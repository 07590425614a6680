/**
 * .github/workflows/release.yml: its triggers and matrix, and the shell logic of its signing and installer
 * steps, run here with bash against the environments GitHub would give them (secrets present, absent, half
 * set). What this cannot prove: the runners, the actions, electron-builder's signing and notarization with real
 * certificates; those only run on GitHub.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Runs the Installers step's script with bash -eo pipefail (GitHub's `shell: bash`), `npx` replaced by a
 * function that reports its arguments, the signing variables it was given and the notarization key's text.
 */
function runInstallers(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-release-'));
  try {
    const githubEnv = join(dir, 'github-env');
    writeFileSync(githubEnv, '');
    const stub = `npx() {
  printf 'ARG %s\\n' "$@"
  for v in ${SIGNING.join(' ')} APPLE_API_KEY CSC_IDENTITY_AUTO_DISCOVERY; do
    if [ -n "\${!v+x}" ]; then printf 'ENV %s=%s\\n' "$v" "\${!v}" | tr '\\n' ' '; echo; fi
  done
  if [ -n "$APPLE_API_KEY" ]; then printf 'KEY %s\\n' "$(base64 -w0 < "$APPLE_API_KEY")"; fi
}
`;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', `${stub}${step('Installers').run!}`], {
      env: { PATH: process.env.PATH ?? '', GITHUB_ENV: githubEnv, RUNNER_TEMP: dir, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/wolkvox-audit', ...env },
      encoding: 'utf8',
    });
    const lines = r.stdout.split('\n');
    const args = lines.filter((l) => l.startsWith('ARG ')).map((l) => l.slice(4));
    const given = Object.fromEntries(
      lines.filter((l) => l.startsWith('ENV ')).map((l) => l.slice(4).trimEnd()).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    ) as Record<string, string>;
    const keyLine = lines.find((l) => l.startsWith('KEY '));
    const key = keyLine ? Buffer.from(keyLine.slice(4), 'base64').toString('utf8') : null;
    return { code: r.status, output: r.stdout + r.stderr, args, given, key, githubEnv: readFileSync(githubEnv, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SIGNING = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'APPLE_API_KEY_P8', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
const ALL_SECRETS = Object.fromEntries(SIGNING.map((v) => [v, `secret-${v}`]));

test('the signing secrets reach the packaging step only, which runs no install script; actions are pinned by commit', () => {
  for (const [job, { steps: jobSteps }] of Object.entries(workflow.jobs)) {
    for (const s of jobSteps) {
      const text = JSON.stringify(s);
      const secrets = text.match(/secrets\.[A-Z0-9_]+/g) ?? [];
      if (s.name === 'Installers') assert.deepEqual(secrets.sort(), SIGNING.map((v) => `secrets.${v}`).sort());
      else assert.deepEqual(secrets, [], `${job}: ${s.name ?? s.uses}`);
      assert.ok(!/GITHUB_ENV/.test(s.run ?? ''), `${job}: ${s.name ?? s.uses} writes nothing to $GITHUB_ENV`);
      if (s.uses) assert.match(s.uses, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${job}: ${s.uses} is pinned by commit SHA`);
    }
  }
  assert.match(step('Installers').run!, /npx electron-builder --publish never -c\.npmRebuild=false /);
  const native = steps.findIndex((s) => s.run?.includes('electron-builder install-app-deps'));
  assert.ok(native > 0 && native < steps.findIndex((s) => s.name === 'Installers'), 'native modules are rebuilt in a step before, without secrets');
});

test('signing: without secrets every system builds unsigned, saying so', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  for (const os of ['macOS', 'Windows']) {
    const r = runInstallers({ RUNNER_OS: os, CSC_LINK: '', WIN_CSC_LINK: '', APPLE_ID: '' });
    assert.equal(r.code, 0, r.output);
    assert.deepEqual(r.given, { CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, os);
    assert.match(r.output, /::warning::.*unsigned/);
  }
  assert.deepEqual(runInstallers({ RUNNER_OS: 'Linux', ...ALL_SECRETS }).given, {}, 'Linux signs nothing: no secret reaches electron-builder');
});

test('signing: present secrets reach electron-builder, only those of the system; the notarization key is written to a private file', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const mac = runInstallers({
    RUNNER_OS: 'macOS',
    CSC_LINK: 'cGZ4',
    CSC_KEY_PASSWORD: 'pw',
    APPLE_API_KEY_P8: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    APPLE_API_KEY_ID: 'KEY123',
    APPLE_API_ISSUER: 'issuer-uuid',
    WIN_CSC_LINK: 'windows-only',
  });
  assert.equal(mac.code, 0, mac.output);
  assert.equal(mac.given.CSC_LINK, 'cGZ4');
  assert.equal(mac.given.CSC_KEY_PASSWORD, 'pw');
  assert.equal(mac.given.APPLE_API_KEY_ID, 'KEY123');
  assert.match(mac.given.APPLE_API_KEY!, /AuthKey_KEY123\.p8$/);
  assert.equal(mac.key, '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
  assert.equal(mac.given.CSC_IDENTITY_AUTO_DISCOVERY, undefined);
  assert.equal(mac.given.WIN_CSC_LINK, undefined, "the other system's identity is removed");
  assert.equal(mac.given.APPLE_API_KEY_P8, undefined, 'the key goes as a file, not as text');
  assert.equal(mac.githubEnv, '', 'nothing is left for later steps');

  const win = runInstallers({ RUNNER_OS: 'Windows', WIN_CSC_LINK: 'cGZ4', WIN_CSC_KEY_PASSWORD: 'pw', CSC_LINK: 'mac-only' });
  assert.deepEqual(win.given, { WIN_CSC_LINK: 'cGZ4', WIN_CSC_KEY_PASSWORD: 'pw' });
});

test('signing: a half-set Apple ID passes nothing for notarization (electron-builder would fail on it)', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const r = runInstallers({ RUNNER_OS: 'macOS', CSC_LINK: 'cGZ4', APPLE_ID: 'a@b.c', APPLE_TEAM_ID: '' });
  assert.equal(r.code, 0, r.output);
  assert.equal(r.given.APPLE_ID, undefined);
  assert.match(r.output, /not notarized/);
});

test('installers: the feed flags are added only for an https WOLKVOX_UPDATE_FEED; anything else stops the build', (t) => {
  if (!hasBash) return t.skip('bash is not installed');
  const none = runInstallers({ RUNNER_OS: 'Linux', UPDATE_FEED: '' });
  assert.equal(none.code, 0, none.output);
  assert.deepEqual(none.args, ['electron-builder', '--publish', 'never', '-c.npmRebuild=false', '-c.extraMetadata.homepage=https://github.com/acme/wolkvox-audit']);
  const feed = runInstallers({ RUNNER_OS: 'Linux', UPDATE_FEED: 'https://updates.example.com/wolkvox audit' });
  assert.equal(feed.code, 0, feed.output);
  assert.deepEqual(feed.args.slice(5), ['-c.publish.provider=generic', '-c.publish.url=https://updates.example.com/wolkvox audit']);
  const http = runInstallers({ RUNNER_OS: 'Linux', UPDATE_FEED: 'http://updates.example.com/' });
  assert.notEqual(http.code, 0);
  assert.match(http.output, /must be an https URL/);
});
