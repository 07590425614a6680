import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { COMMANDS, runCli } from './cli/main';

/**
 * The command line inside the installed app (`wolkvox-audit sync …`): the packaged app has the RunAsNode
 * fuse off, so the CLI runs in the app's own main process, headless. Same commands, flags, stdout, stderr
 * and exit codes as `npm run cli`: only the parts a checkout finds beside its sources (the store's worker
 * thread, the built renderer for `serve`, the version) come from the app's build instead.
 *
 * No window, no GPU, and no single-instance lock: a scheduled job must run while the app is open, and the
 * lock would hand its arguments to that window and quit. The cache is shared safely as it is with a
 * checkout's CLI (the writer's lock and the token locks).
 */
export const CLI_COMMAND_NAMES: readonly string[] = [...Object.keys(COMMANDS), 'help'];

/** Must run before the app is ready (disableHardwareAcceleration). Ends the process with the CLI's exit code. */
export function runCliInApp(argv: string[], envToken: string | undefined): void {
  app.disableHardwareAcceleration();
  // macOS: a command-line run shows no Dock icon.
  app.dock?.hide();
  void runCli(argv, {
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
    envToken,
    builtApp: {
      writerWorkerUrl: new URL('./store-writer.js', import.meta.url),
      rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      version: app.getVersion(),
    },
  })
    // runCli turns a command's failure into a message and a code; this catches what fails around it.
    .catch((error: unknown) => (process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`), 1))
    .then(async (code) => {
      // app.exit ends the process at once: let stdout and stderr drain first (a pipe to a scheduler's log),
      // and exit only once Electron is ready, since an exit code set earlier may not be kept.
      await Promise.all([drained(process.stdout), drained(process.stderr), app.whenReady()]);
      app.exit(code);
    });
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
