// Child process for the lock tests: takes the token lock, says so, and holds it until killed.
import { FileTokenLock } from '../../src-main/core/store/sqlite/locks/file-token-lock';

const [dir, token] = process.argv.slice(2);
await new FileTokenLock({ dir: dir! }).acquire(token!);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
