import type { ReactNode } from 'react';

/** A column header: its words, right-aligned over figures (`num`), or for screen readers only (`hidden`). */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** A figures column, right-aligned like its cells. */
export function num(label: string): Column {
  return { label, num: true };
}

/** A column whose header only screen readers need (row actions). */
export function unlabelled(label: string): Column {
  return { label, hidden: true };
}

function HeaderCell({ column }: { column: Column }) {
  const { label, num: figures = false, hidden = false } = typeof column === 'string' ? { label: column } : column;
  return (
    <th scope="col" className={figures ? 'num' : undefined}>
      {hidden ? <span className="visually-hidden">{label}</span> : label}
    </th>
  );
}

/**
 * The app's data table: one header row, the rows given as children, a caption for screen readers
 * when there is one, and (unless `scroll` is false) a wrapper that scrolls sideways on narrow windows.
 */
export function DataTable(props: { columns: readonly Column[]; caption?: ReactNode; className?: string; testId?: string; scroll?: boolean; children: ReactNode }) {
  const { columns, caption, className, testId, scroll = true, children } = props;
  const table = (
    <table className={className === undefined ? 'data-table' : `data-table ${className}`} data-testid={testId}>
      {caption === undefined ? null : <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <HeaderCell key={index} column={column} />
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

/** One row of a label/value table; `testId` marks the value cell. */
export interface LabelledValue {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** A table of labelled values (a product's terms), one row each, label as the row header. */
export function LabelledValues(props: { rows: readonly LabelledValue[]; className?: string; testId?: string }) {
  const { rows, className, testId } = props;
  return (
    <table className={className === undefined ? 'data-table' : `data-table ${className}`} data-testid={testId}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td data-testid={row.testId}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
