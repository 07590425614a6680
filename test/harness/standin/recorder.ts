/**
 * What the main process asked of Electron, in order, for the tests to read: dialogs, shell calls, the
 * menu, windows. Values are copied to plain JSON (functions become "[function]") so they cross to the
 * test process unchanged.
 */
export interface Record {
  api: string;
  args: unknown[];
  at: number;
}

export function plain(value: unknown, depth = 0): unknown {
  if (depth > 12) return '[deep]';
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const marker = (value as { harnessLabel?: string }).harnessLabel;
  if (typeof marker === 'string') return marker;
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v, depth + 1);
  return out;
}

export class Recorder {
  readonly records: Record[] = [];

  add(api: string, args: unknown[]): void {
    this.records.push({ api, args: args.map((a) => plain(a)), at: Date.now() });
  }

  of(api: string): Record[] {
    return this.records.filter((r) => r.api === api);
  }
}

/**
 * Answers the tests script for native dialogs, taken in order. A dialog the test did not script is a loud
 * failure: a real one would wait for a person, the harness has nobody to ask.
 */
export class ScriptedAnswers {
  private readonly queues = new Map<string, unknown[]>();

  push(api: string, answer: unknown): void {
    const q = this.queues.get(api) ?? [];
    q.push(answer);
    this.queues.set(api, q);
  }

  take(api: string): unknown {
    const q = this.queues.get(api);
    if (!q || q.length === 0) throw new Error(`stand-in electron: ${api} was called but the test scripted no answer for it`);
    return q.shift();
  }
}
