import type { CustomCellRendererProps } from 'ag-grid-react';
import { Highlighted } from '../components/Highlighted';
import type { GridContext } from './columns';
import type { Row } from './types';

/**
 * A text cell with search matches marked, direction from the text. Its text is the column's plain-text
 * formatting (columns.ts: one line, control characters visible), which ag-grid has already worked out.
 */
export function HighlightCell(props: CustomCellRendererProps<Row, string>) {
  const ctx = props.context as GridContext;
  return <Highlighted text={props.valueFormatted ?? ''} terms={ctx.terms} />;
}

export function StatusCell(props: CustomCellRendererProps<Row, string>) {
  const ctx = props.context as GridContext;
  const value = typeof props.value === 'string' ? props.value : '';
  if (!value) return null;
  return <span className={`status status-${value.replace(/[^a-z]/gi, '')}`}>{ctx.statusLabel(value)}</span>;
}
