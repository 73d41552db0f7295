// The compliance console's search: every rep's saved comparisons (and rejected uploads) by rep,
// dates, client reference, product, CUSIP and flags; pages of 50 with Next and Previous (keyset
// cursors kept here, so Previous shows the very page seen before); Export CSV saves the whole
// search as a file. Online only: offline it says so and shows nothing.
import { useState, type ReactNode } from 'react';
import type { AdminAccessView, CompliancePage } from '../../../src-shared/desktop-api/index.js';
import { formatBusinessDate, formatMoneyText, formatTimestamp } from '../../../src-shared/format/display.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, num } from '../../components/data-table.js';
import { Form } from '../../components/form.js';
import { routeHref } from '../../navigation.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';
import { COMPLIANCE_FLAGS, FLAG_LABELS, OFFLINE_TEXT, flagWords, showsComplianceEntry, formFromQuery, productsText, queryFromForm, requestFromForm, type ComplianceForm } from './compliance-view.js';

const PAGE_ROWS = 50;

const FIELDS: ReadonlyArray<{ name: Exclude<keyof ComplianceForm, 'flags'>; label: string; type?: string; hint?: string }> = [
  { name: 'clientReference', label: 'Client reference', hint: 'any part' },
  { name: 'rep', label: 'Rep', hint: 'name, email or user id' },
  { name: 'product', label: 'Product', hint: 'any part of the name, or its id' },
  { name: 'cusip', label: 'CUSIP', hint: 'exact' },
  { name: 'from', label: 'Shown from', type: 'date' },
  { name: 'to', label: 'Shown to (included)', type: 'date' },
];

/** Saves text as a file through the host's download (a save dialog in the desktop app). */
function saveTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * What stands in for the console when it cannot be used: no permission, or offline (said instead
 * of showing anything: a record is never shown from an older copy). null: go ahead.
 */
export function complianceGate(access: AdminAccessView | null): ReactNode {
  if (access === null) return null;
  if (!showsComplianceEntry(access) && access.online) {
    return (
      <p className="notice notice-error" role="alert" data-testid="compliance-forbidden">
        Your account cannot review comparisons (compliance or admin role needed).
      </p>
    );
  }
  if (!access.online) {
    return (
      <p className="notice notice-warning" role="status" data-testid="compliance-offline">
        {OFFLINE_TEXT}
      </p>
    );
  }
  return null;
}

export function ComplianceSearchScreen({ query, access }: { query: string; access: AdminAccessView | null }) {
  const gate = complianceGate(access);
  return (
    <Screen title="Compliance review" testId="compliance-search">
      {gate ?? <SearchBody key={query} query={query} />}
    </Screen>
  );
}

function SearchBody({ query }: { query: string }) {
  const applied = formFromQuery(query);
  const [draft, setDraft] = useState<ComplianceForm>(applied);
  // The cursor of each page seen so far: [undefined (page 1), page 2's, ...].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const cursor = cursors.at(-1);
  const { state, reload } = useAsync(() => call(desktopApi().complianceSearch(requestFromForm(applied, { cursor, limit: PAGE_ROWS }))), `${query}|${cursor ?? ''}`);

  const search = (form: ComplianceForm) => {
    const next = routeHref({ name: 'compliance', query: queryFromForm(form) });
    if (next === window.location.hash) reload();
    else window.location.hash = next;
  };

  const exportCsv = async () => {
    setExporting(true);
    setExported(null);
    try {
      const file = await call(desktopApi().complianceExportCsv(requestFromForm(applied)));
      saveTextFile(file.fileName, file.csv);
      setExported({ kind: 'ok', text: `Exported ${file.rows} ${file.rows === 1 ? 'row' : 'rows'} to ${file.fileName}.` });
    } catch (error) {
      setExported({ kind: 'error', text: `No CSV: ${errorMessage(error)}` });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Form className="filters" aria-label="Search comparisons" noValidate onSubmit={() => search(draft)}>
        {FIELDS.map((field) => (
          <div className="field" key={field.name}>
            <label htmlFor={`compliance-${field.name}`}>{field.label}</label>
            <input
              id={`compliance-${field.name}`}
              type={field.type ?? 'search'}
              value={draft[field.name]}
              placeholder={field.hint}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
              data-testid={`compliance-filter-${field.name}`}
            />
          </div>
        ))}
        <fieldset className="field">
          <legend>Flags (any of)</legend>
          {COMPLIANCE_FLAGS.map((flag) => (
            <label key={flag} className="checkbox">
              <input
                type="checkbox"
                checked={draft.flags.includes(flag)}
                onChange={(event) => setDraft({ ...draft, flags: event.target.checked ? [...draft.flags, flag] : draft.flags.filter((f) => f !== flag) })}
                data-testid={`compliance-flag-${flag}`}
              />{' '}
              {FLAG_LABELS[flag]}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" data-testid="compliance-search-button">
            Search
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={exporting} data-testid="compliance-export-csv">
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </Form>
      <p className={exported?.kind === 'error' ? 'notice notice-error' : 'sr-status'} role={exported?.kind === 'error' ? 'alert' : 'status'} data-testid="compliance-export-status">
        {exported?.text ?? ''}
      </p>
      <AsyncView state={state} what="the comparisons" onRetry={reload}>
        {(page) => (
          <Results
            page={page}
            query={query}
            pageNumber={cursors.length}
            onNext={page.nextCursor === null ? null : () => setCursors([...cursors, page.nextCursor ?? undefined])}
            onPrevious={cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : null}
          />
        )}
      </AsyncView>
    </>
  );
}

function Results(props: { page: CompliancePage; query: string; pageNumber: number; onNext: (() => void) | null; onPrevious: (() => void) | null }) {
  const { page, query, pageNumber, onNext, onPrevious } = props;
  if (page.rows.length === 0 && pageNumber === 1) return <p data-testid="compliance-no-results">No comparison matches this search.</p>;
  return (
    <>
      <DataTable
        columns={['Shown', 'Rep', 'Client reference', 'Products', num('Amount'), num('Years'), 'Rates as of', 'Flags', 'Record']}
        caption="Matching comparisons, newest first"
        testId="compliance-results"
      >
        {page.rows.map((row) => (
          <tr key={row.rowId} data-testid="compliance-row" data-kind={row.kind}>
            <td>{formatTimestamp(row.comparisonDate)}</td>
            <td>
              {row.rep.name}
              <br />
              <span className="muted">{row.rep.email}</span>
            </td>
            <td>{row.clientReference ?? '—'}</td>
            <td>{productsText(row)}</td>
            <td className="num">{row.investmentAmount === null ? '—' : formatMoneyText(row.investmentAmount)}</td>
            <td className="num">{row.horizonYears ?? '—'}</td>
            <td>{row.asOfDate === null ? '—' : formatBusinessDate(row.asOfDate)}</td>
            <td data-testid="compliance-row-flags">{flagWords(row.flags).join(', ')}</td>
            <td>
              {row.kind === 'comparison' ? (
                <a href={routeHref({ name: 'compliance-record', comparisonId: row.comparisonId, query })} data-testid="compliance-open-record">
                  Open
                </a>
              ) : (
                <span data-testid="compliance-rejected-reason">Not stored: {row.rejectedReason}</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="actions" role="navigation" aria-label="Pages">
        <button type="button" onClick={() => onPrevious?.()} disabled={onPrevious === null} data-testid="compliance-previous">
          Previous
        </button>
        <span className="muted" data-testid="compliance-page-number">
          Page {pageNumber}
        </span>
        <button type="button" onClick={() => onNext?.()} disabled={onNext === null} data-testid="compliance-next">
          Next
        </button>
      </div>
    </>
  );
}
