// Types of scripts/packaging-check.mjs (plain JavaScript so that electron-builder can load it as a hook).
export declare const PACKAGING_NEEDS: ReadonlyArray<{ path: string; fix: string }>;
export declare function missingForPackaging(appDir: string): string[];
export declare const INSTALL_TIME_ROOTS: readonly string[];
export declare function installTimeOnlyModules(appDir: string): string[];
export declare const CLI_COMMAND: 'wolkvox-audit';
/** The parts of electron-builder's configuration that install the command line. */
export interface CliLauncherConfig {
  productName?: string;
  linux?: { executableName?: string; afterInstall?: string };
  deb?: { afterInstall?: string };
  win?: { executableName?: string; extraFiles?: unknown[] };
  extraFiles?: unknown[];
}
export declare function cliLauncherProblems(config: CliLauncherConfig, projectDir: string): string[];
export default function beforePack(context: { packager: { config: CliLauncherConfig; info: { appDir: string; projectDir: string } } }): Promise<void>;
