// `npm run web -- [--port N] [--db FILE]`: the browser host, the same as `cli serve`.
import { runCli } from './cli/main';
import { takeLaunchedToken } from './core/service/launched-token';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)], {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  // From scripts/launch.mjs (npm run web), which took it out of the environment before tsx started.
  envToken: takeLaunchedToken(),
});
process.exit();
