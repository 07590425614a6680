// `npm run web -- [--port N] [--db FILE]`: the browser host, the same as `cli serve`.
import { runCli } from './cli/main';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)], {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
});
process.exit();
