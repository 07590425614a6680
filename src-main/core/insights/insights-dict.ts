/**
 * Dictionary codes for the Insights columns: each distinct text of a column gets a small number, and a
 * row keeps the number (2 bytes, 4 once a column holds more than 65,536 distinct texts).
 */

/** Distinct texts of one column, coded in order of first sight. */
export class Dict {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}

/** Typifications are a pair (cod_act, cod_description); the filter selects by the first part. */
export class PairDict {
  readonly firsts: string[] = [];
  readonly seconds: string[] = [];
  private readonly codes = new Map<string, Map<string, number>>();

  code(first: string, second: string): number {
    let inner = this.codes.get(first);
    if (!inner) this.codes.set(first, (inner = new Map()));
    let c = inner.get(second);
    if (c === undefined) {
      c = this.firsts.length;
      this.firsts.push(first);
      this.seconds.push(second);
      inner.set(second, c);
    }
    return c;
  }

  /** Codes of every pair whose first part is `first`. */
  withFirst(first: string): number[] {
    return [...(this.codes.get(first)?.values() ?? [])];
  }

  get size(): number {
    return this.firsts.length;
  }
}

export type CodeArray = Uint16Array | Uint32Array;

/** A growable array of codes, widened to 32 bits the first time a code needs it. */
export class Codes {
  arr: CodeArray;

  constructor(capacity: number) {
    this.arr = new Uint16Array(capacity);
  }

  set(i: number, code: number): void {
    if (code > 0xffff && this.arr instanceof Uint16Array) this.arr = Uint32Array.from(this.arr);
    this.arr[i] = code;
  }

  /** A copy with room for `capacity` rows holding the first `n`. */
  resized(capacity: number, n: number): CodeArray {
    const next = this.arr instanceof Uint16Array ? new Uint16Array(capacity) : new Uint32Array(capacity);
    next.set(this.arr.subarray(0, n));
    return next;
  }
}

/** The facets the columns hold one code array each for. */
export type ColumnFacet = 'channel' | 'agent' | 'skill' | 'status' | 'evaluation' | 'typ';

/**
 * What the computation reads of a backend's columns (the SQLite reader's InsightsColumns): one array per
 * field in creation order, and the dictionaries their codes index.
 */
export interface InsightsColumnsView {
  readonly n: number;
  /** Creation and close instants (ms); NaN where the row has none. */
  readonly created: Float64Array;
  readonly closed: Float64Array;
  readonly channels: Dict;
  readonly agents: Dict;
  readonly evaluations: Dict;
  /** (cod_act, cod_description) pairs. */
  readonly typifications: PairDict;
  code(facet: ColumnFacet): CodeArray;
}
