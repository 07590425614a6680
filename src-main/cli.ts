// The command-line interface: the same core as the desktop app, for scheduled jobs and headless use.
import { runCli } from './cli/main';

const code = await runCli(process.argv.slice(2), {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
});
process.exitCode = code;
