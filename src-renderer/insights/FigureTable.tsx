import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';

export interface Column<R> {
  key: string;
  label: string;
  /** A number (shown in the UI's format, as the chart's tooltip shows it) or a text. */
  value: (row: R) => number | string | null;
}

const compare = (a: number | string | null, b: number | string | null) => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
};

/**
 * A chart's numbers as a table (for screen readers and for copying). Every column sorts when `sortable`;
 * text cells are React text, never markup.
 */
export function FigureTable<R>({ testId, caption, columns, rows, sortable = false }: { testId: string; caption: string; columns: Column<R>[]; rows: R[]; sortable?: boolean }) {
  const { num } = useI18n();
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!col || !sort) return rows;
    return [...rows].sort((a, b) => sort.dir * compare(col.value(a), col.value(b)));
  }, [rows, columns, sort]);
  return (
    <table className="insights-table" data-testid={testId}>
      <caption className="insights-caption">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined} data-key={c.key}>
              {sortable ? (
                <button type="button" className="link-button" onClick={() => setSort((s) => ({ key: c.key, dir: s?.key === c.key && s.dir === -1 ? 1 : -1 }))}>
                  {c.label}
                  {sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                </button>
              ) : (
                c.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => {
              const v = c.value(r);
              return (
                <td key={c.key} data-key={c.key} className={typeof v === 'number' ? 'num' : undefined}>
                  {v === null ? '' : typeof v === 'number' ? num(v) : v}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
