// Child process for the lock tests: takes the token lock, says so, and holds it until killed.
import { TokenLock } from '../../src-main/core/store/token-lock';

const [dir, token] = process.argv.slice(2);
await new TokenLock({ dir: dir! }).acquire(token!);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
