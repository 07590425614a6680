import type { CustomCellRendererProps } from 'ag-grid-react';
import { Highlighted } from '../components/Highlighted';
import { textPreview, visibleText } from '../format/text';
import type { GridContext } from './columns';
import type { Row } from './types';

/** A text cell: one line, control characters visible, search matches marked, direction from the text. */
export function HighlightCell(props: CustomCellRendererProps<Row, string>) {
  const ctx = props.context as GridContext;
  const value = typeof props.value === 'string' ? props.value : '';
  return <Highlighted text={visibleText(textPreview(value).slice(0, 1000), true)} terms={ctx.terms} />;
}

export function StatusCell(props: CustomCellRendererProps<Row, string>) {
  const ctx = props.context as GridContext;
  const value = typeof props.value === 'string' ? props.value : '';
  if (!value) return null;
  return <span className={`status status-${value.replace(/[^a-z]/gi, '')}`}>{ctx.statusLabel(value)}</span>;
}
