/** Where scripts/launch.mjs leaves WOLKVOX_TOKEN after taking it out of the environment before tsx starts. */
const LAUNCHED_TOKEN = Symbol.for('wolkvox-audit.launched-token');

/** The token the launcher took out of the environment, taken from it in turn (read once); none without the launcher. */
export function takeLaunchedToken(): string | undefined {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const token = holder[LAUNCHED_TOKEN];
  delete holder[LAUNCHED_TOKEN];
  return typeof token === 'string' && token ? token : undefined;
}
