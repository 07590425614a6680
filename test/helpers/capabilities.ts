/**
 * Why the keychain tests cannot run here, or false when they can. scripts/run-tests.mjs (npm test) starts a
 * private D-Bus session with an unlocked throwaway gnome-keyring, proves it with a real keytar round trip,
 * and passes the true cause of any failure (missing tool, the daemon's stderr, keytar's error).
 */
export function keyringUnavailable(): string | false {
  if (process.env.WOLKVOX_TEST_KEYRING === '1') return false;
  return (
    process.env.WOLKVOX_TEST_KEYRING_REASON ||
    'no Secret Service: these tests were not started by scripts/run-tests.mjs (npm test), which provides a private D-Bus session with an unlocked gnome-keyring'
  );
}
