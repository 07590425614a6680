/**
 * macOS's "Install 'wolkvox-audit' command" (Help menu), as VS Code installs `code`: a small script in
 * /usr/local/bin that starts the app's executable with the arguments (the CLI inside the app, cli-app.ts).
 * A script rather than a symlink to the executable: the executable finds its framework and resources beside
 * its own path inside the bundle. /usr/local/bin belongs to root, so osascript asks for an administrator's
 * password. Pure: menu.ts runs what this returns.
 */
export const CLI_COMMAND_PATH = '/usr/local/bin/wolkvox-audit';

/** A single-quoted sh word: safe for any path (spaces, quotes, $). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The command's script: the app's executable, every argument passed on, its exit code returned. */
export function commandScript(executablePath: string): string {
  return `#!/bin/sh\n# Installed by Wolkvox Audit (Help > Install 'wolkvox-audit' command).\nexec ${shellQuote(executablePath)} "$@"\n`;
}

/** The shell command writing the script at `target` (the folder made if missing), readable and runnable by all. */
export function installShellCommand(executablePath: string, target: string = CLI_COMMAND_PATH): string {
  const folder = target.slice(0, target.lastIndexOf('/')) || '/';
  return `mkdir -p ${shellQuote(folder)} && printf '%s' ${shellQuote(commandScript(executablePath))} > ${shellQuote(target)} && chmod 755 ${shellQuote(target)}`;
}

/** An AppleScript string literal. */
export function appleScriptString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/** osascript's arguments: the install, run as root after macOS's administrator prompt. */
export function installCommandArgs(executablePath: string): string[] {
  return ['-e', `do shell script ${appleScriptString(installShellCommand(executablePath))} with administrator privileges`];
}

/** osascript's answer when the user cancels the password prompt ("User canceled. (-128)"): not an error to show. */
export function wasCancelled(stderr: string): boolean {
  return /\(-128\)/.test(stderr);
}
