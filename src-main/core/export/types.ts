/**
 * The export writer's public shapes. Rows arrive as async batches so the writer never depends on the database
 * and never holds more than one batch.
 */

/**
 * `date`: value is a UTC instant in ms (or null), written as the wall clock of the export's zone. `decimal`:
 * a number shown with two decimals (an average), the cell keeping the full value.
 */
export type CellKind = 'text' | 'date' | 'number' | 'integer' | 'decimal';

/** What separates CSV fields: a comma (the default), a semicolon (Excel with Spanish regional settings), a tab. */
export type CsvSeparator = ',' | ';' | '\t';

export interface ExportColumn {
  key: string;
  header: string;
  kind: CellKind;
  /** Width in characters; derived from the header and the first batch when absent. */
  width?: number;
  /** Wrap long text (xlsx only). */
  wrap?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: ExportColumn[];
  /** Batches of rows keyed by column key. */
  rows: AsyncIterable<Array<Record<string, unknown>>>;
}

export interface ExportOptions {
  outPath: string;
  format: 'xlsx' | 'csv';
  /** IANA zone whose wall clock dates are written in, e.g. `America/Bogota`. */
  zone: string;
  /** csv: the first sheet only. */
  sheets: SheetSpec[];
  /** csv: the field separator (a comma by default); with a semicolon, numbers take a decimal comma. */
  csvSeparator?: CsvSeparator;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number }) => void;
  /** Data rows per worksheet before continuing on "Name (2)"; Excel's maximum (1,048,575) by default. */
  maxRowsPerSheet?: number;
  /** Deflate level for xlsx parts (0-9); 1 by default, because deflate is the export's bottleneck. */
  compressionLevel?: number;
  /** Milliseconds of a monotonic clock, by which the writer slices its work (performance.now by default). */
  clock?: () => number;
}

export interface ExportResult {
  /** Data rows written (headers not counted). */
  rows: number;
  /** Names of the worksheets written, in order (csv: the one sheet exported). */
  sheets: string[];
  path: string;
}
