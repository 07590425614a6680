/**
 * Loud gaps. The stand-in implements only what this app uses; anything else it is asked for throws
 * "stand-in electron: X not implemented" instead of answering undefined, so a new Electron call in the main
 * process fails the harness test rather than silently doing nothing.
 */
export class NotImplemented extends Error {
  constructor(what: string) {
    super(`stand-in electron: ${what} not implemented`);
    this.name = 'NotImplemented';
  }
}

// Keys that generic code probes on any object (await, JSON, inspection); answering them is not a use.
const PROBES = new Set(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch', 'nodeType', '$$typeof', '__esModule']);

/** Wraps `target` so that reading a property it does not have throws NotImplemented. */
export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'symbol' || key in obj || PROBES.has(key)) return Reflect.get(obj, key, receiver) as unknown;
      throw new NotImplemented(`${name}.${key}`);
    },
  });
}

/** A whole Electron module or class the app does not use: any use of it throws. */
export function missing(name: string): never {
  const fail = () => {
    throw new NotImplemented(name);
  };
  return new Proxy(function notImplemented() {}, {
    get: (_t, key) => (typeof key === 'symbol' || PROBES.has(key) ? undefined : fail()),
    apply: fail,
    construct: fail,
  }) as never;
}
