/**
 * Small seeded randomness: mulberry32 is a few integer operations per draw and gives the same sequence on
 * every machine (the simulator's data, reproducible audit samples). Not for anything security related.
 */
export type Rng = () => number;

/** A uniform [0, 1) generator whose whole sequence is fixed by the 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
