// The command-line interface: the same core as the desktop app, for scheduled jobs and headless use.
import { runCli } from './cli/main';
import { takeLaunchedToken } from './core/service/launched-token';

const code = await runCli(process.argv.slice(2), {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  // From scripts/launch.mjs (npm run cli), which took it out of the environment before tsx started.
  envToken: takeLaunchedToken(),
});
process.exitCode = code;
