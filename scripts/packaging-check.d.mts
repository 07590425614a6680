// Types of scripts/packaging-check.mjs (plain JavaScript so that electron-builder can load it as a hook).
export declare const PACKAGING_NEEDS: ReadonlyArray<{ path: string; fix: string }>;
export declare function missingForPackaging(appDir: string): string[];
export default function beforePack(context: { packager: { info: { appDir: string } } }): Promise<void>;
export declare const INSTALL_TIME_ROOTS: readonly string[];
export declare function installTimeOnlyModules(appDir: string): string[];
