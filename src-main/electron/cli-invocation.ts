/**
 * Whether the app was started as the command line (`wolkvox-audit sync …`) and with which arguments.
 *
 * Electron hands the main process `process.argv` as the OS started it:
 * - an installed app (and `electron-builder`'s unpacked folder): [exe, ...args];
 * - a development run (`electron .`, electron-vite dev/preview; process.defaultApp is true):
 *   [electron, ...switches, appPath, ...args].
 * Switches placed before the command (Chromium's `--no-sandbox`, `--ozone-platform=x11`, macOS's
 * `-psn_0_123` from old Finder launches) belong to Electron, not to the CLI, and are dropped. The first
 * other argument decides: a CLI command name makes this a CLI run with everything from that name on;
 * anything else (nothing, a file or URL the OS passes to open) is the desktop app.
 */
export interface LaunchShape {
  isPackaged: boolean;
  /** Electron's process.defaultApp: true when the app folder was given to the electron binary. */
  defaultApp: boolean;
}

const isSwitch = (arg: string) => arg.startsWith('-');

/** The CLI's own argv (command first), or null when this launch is the desktop app. */
export function cliInvocation(argv: readonly string[], shape: LaunchShape, commands: readonly string[]): string[] | null {
  let i = 1; // argv[0] is the executable
  if (shape.defaultApp || !shape.isPackaged) {
    while (i < argv.length && isSwitch(argv[i]!)) i++;
    i++; // the app folder or main script given to the electron binary
  }
  while (i < argv.length && isSwitch(argv[i]!)) i++;
  const first = argv[i];
  return first !== undefined && commands.includes(first) ? argv.slice(i) : null;
}
