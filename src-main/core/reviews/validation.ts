/** Turns validation failures into messages a supervisor can act on ("attributes[2].weight: …"). */
import type { z } from 'zod';

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function zodMessage(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${pathText(issue.path)}: ${issue.message}` : issue.message)).join('; ');
}
