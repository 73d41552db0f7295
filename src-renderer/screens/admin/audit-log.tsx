import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import {
  AUDIT_ACTION_LABELS,
  auditActionTypes,
  auditSearchFrom,
  auditTables,
  compareValues,
  emptyAuditFilters,
  entrySummary,
  recordKindLabel,
  type AuditFilters,
  type ValueRow,
} from '../../admin-audit.js';
import type { FieldErrors } from '../../admin-product-form.js';
import { formatTimestamp } from '../../../src-shared/format/display.js';
import { DataTable } from '../../components/data-table.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { LoadMore } from '../../components/load-more.js';
import { Screen } from '../screen-title.js';

type Listing =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; entries: AuditEntry[]; nextCursor: string | null; loadingMore: boolean; moreError: string | null };

const labels = { userId: 'User id', tableName: 'Kind of record', recordId: 'Record id', actionType: 'Action', fromDate: 'From', toDate: 'To (included)' } as const;

export function AdminAuditScreen({ tableName, recordId }: { tableName: string | null; recordId: string | null }) {
  const initial: AuditFilters = { ...emptyAuditFilters, tableName: tableName ?? '', recordId: recordId ?? '' };
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [applied, setApplied] = useState<AuditFilters>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    const checked = auditSearchFrom(applied, null);
    if (!checked.ok) {
      setErrors(checked.errors);
      setListing({ status: 'error', message: 'fix the filters marked above' });
      return;
    }
    setListing({ status: 'loading' });
    call(desktopApi().auditQuery(checked.search)).then(
      (page) => current && setListing({ status: 'ready', entries: page.entries, nextCursor: page.nextCursor, loadingMore: false, moreError: null }),
      (error: unknown) => current && setListing({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [applied, attempt]);

  const apply = (filters: AuditFilters) => {
    const checked = auditSearchFrom(filters, null);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) {
      setApplied(filters);
      setAttempt((value) => value + 1);
    }
  };

  const loadMore = async () => {
    if (listing.status !== 'ready' || listing.nextCursor === null) return;
    const checked = auditSearchFrom(applied, listing.nextCursor);
    if (!checked.ok) return;
    setListing({ ...listing, loadingMore: true, moreError: null });
    try {
      const page = await call(desktopApi().auditQuery(checked.search));
      setListing({ status: 'ready', entries: [...listing.entries, ...page.entries], nextCursor: page.nextCursor, loadingMore: false, moreError: null });
    } catch (error) {
      setListing({ ...listing, loadingMore: false, moreError: errorMessage(error) });
    }
  };

  const field = (name: 'userId' | 'recordId', placeholder: string) => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{labels[name]}</label>
      <input
        id={`audit-${name}`}
        type="text"
        value={draft[name]}
        placeholder={placeholder}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        data-testid={`audit-filter-${name}`}
        {...invalidProps(errors, 'audit', name)}
      />
      <FieldMessages errors={errors} prefix="audit" path={name} />
    </div>
  );

  return (
    <Screen title="Audit log">
      <Form className="filters" aria-label="Audit log filters" noValidate onSubmit={() => apply(draft)}>
        {field('userId', 'From "Only this user"')}
        <div className="field">
          <label htmlFor="audit-tableName">{labels.tableName}</label>
          {/* Kinds of record by name; the table names stay in the request (and an entry's technical details). */}
          <select id="audit-tableName" value={draft.tableName} onChange={(event) => setDraft({ ...draft, tableName: event.target.value })} data-testid="audit-filter-table" {...invalidProps(errors, 'audit', 'tableName')}>
            <option value="">Any record</option>
            {auditTables.map(([table, label]) => (
              <option key={table} value={table}>
                {label}
              </option>
            ))}
            {draft.tableName === '' || auditTables.some(([table]) => table === draft.tableName) ? null : <option value={draft.tableName}>{recordKindLabel(draft.tableName)}</option>}
          </select>
          <FieldMessages errors={errors} prefix="audit" path="tableName" />
        </div>
        {field('recordId', 'e.g. a product id, or "Only this record"')}
        <div className="field">
          <label htmlFor="audit-actionType">{labels.actionType}</label>
          <select
            id="audit-actionType"
            value={draft.actionType}
            onChange={(event) => setDraft({ ...draft, actionType: auditActionTypes.find((action) => action === event.target.value) ?? '' })}
            data-testid="audit-filter-action"
          >
            <option value="">Any action</option>
            {auditActionTypes.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-fromDate">{labels.fromDate}</label>
          <input id="audit-fromDate" type="date" value={draft.fromDate} onChange={(event) => setDraft({ ...draft, fromDate: event.target.value })} data-testid="audit-filter-from" {...invalidProps(errors, 'audit', 'fromDate')} />
          <FieldMessages errors={errors} prefix="audit" path="fromDate" />
        </div>
        <div className="field">
          <label htmlFor="audit-toDate">{labels.toDate}</label>
          <input id="audit-toDate" type="date" value={draft.toDate} onChange={(event) => setDraft({ ...draft, toDate: event.target.value })} data-testid="audit-filter-to" {...invalidProps(errors, 'audit', 'toDate')} />
          <FieldMessages errors={errors} prefix="audit" path="toDate" />
        </div>
        <div className="actions-inline">
          <button type="submit" className="button-primary" data-testid="audit-apply">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(emptyAuditFilters);
              apply(emptyAuditFilters);
            }}
          >
            Clear
          </button>
        </div>
      </Form>

      {listing.status === 'loading' ? (
        <p className="notice" role="status">
          Loading the audit log…
        </p>
      ) : null}
      {listing.status === 'error' ? (
        <div className="notice notice-error" role="alert">
          <p>Could not load the audit log: {listing.message}</p>
          <button type="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </div>
      ) : null}
      {listing.status === 'ready' ? (
        listing.entries.length === 0 ? (
          <p className="notice" role="status" data-testid="audit-empty">
            No audit entries match these filters.
          </p>
        ) : (
          <>
            <p className="muted" role="status">
              {listing.entries.length} entr{listing.entries.length === 1 ? 'y' : 'ies'}, newest first{listing.nextCursor === null ? '' : '; more are available'}.
            </p>
            <ol className="audit-list" data-testid="audit-entries">
              {listing.entries.map((entry) => (
                <AuditEntryItem
                  key={entry.auditId}
                  entry={entry}
                  onOnlyUser={(userId) => {
                    const next = { ...draft, userId };
                    setDraft(next);
                    apply(next);
                  }}
                  onOnlyRecord={(table, record) => {
                    const next = { ...draft, tableName: table, recordId: record };
                    setDraft(next);
                    apply(next);
                  }}
                />
              ))}
            </ol>
            <LoadMore
              hasMore={listing.nextCursor !== null}
              loading={listing.loadingMore}
              error={listing.moreError}
              onMore={() => void loadMore()}
              end="That is the oldest matching entry."
              testId="audit-load-more"
            />
          </>
        )
      ) : null}
    </Screen>
  );
}

function AuditEntryItem(props: { entry: AuditEntry; onOnlyUser: (userId: string) => void; onOnlyRecord: (table: string, recordId: string) => void }) {
  const { entry, onOnlyUser, onOnlyRecord } = props;
  const [open, setOpen] = useState(false);
  const detailId = `audit-${entry.auditId}`;
  const rows = open ? compareValues(entry.oldValues, entry.newValues) : [];
  return (
    <li className="audit-entry" data-testid="audit-entry" data-action={entry.actionType} data-table={entry.tableName ?? ''}>
      <button type="button" className="audit-toggle" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen(!open)} data-testid="audit-entry-toggle">
        <span className="audit-when">{formatTimestamp(entry.occurredAt)}</span>
        <span className="audit-what">{entrySummary(entry)}</span>
        <span className="muted audit-toggle-hint" aria-hidden="true">
          {open ? 'Hide' : 'Details'}
        </span>
      </button>
      {open ? (
        <div id={detailId} className="audit-detail" data-testid="audit-entry-detail">
          <dl className="audit-meta">
            <dt>Who</dt>
            <dd>
              {entry.userEmail ?? 'unknown'}
              {entry.userId === null ? null : (
                <button type="button" className="button-small" onClick={() => onOnlyUser(entry.userId ?? '')}>
                  Only this user
                </button>
              )}
            </dd>
            <dt>When</dt>
            <dd>
              <time dateTime={entry.occurredAt}>{formatTimestamp(entry.occurredAt)}</time>
            </dd>
            <dt>Record</dt>
            <dd>
              {recordKindLabel(entry.tableName) ?? '—'}
              {entry.tableName === null || entry.recordId === null ? null : (
                <button type="button" className="button-small" onClick={() => onOnlyRecord(entry.tableName ?? '', entry.recordId ?? '')}>
                  Only this record
                </button>
              )}
            </dd>
            <dt>IP address</dt>
            <dd>{entry.ipAddress ?? '—'}</dd>
          </dl>
          {/* Ids and internal names, for support and for matching the server's logs: one click away, not in the reading. */}
          <details className="tech-details" data-testid="audit-technical-details">
            <summary>Technical details</summary>
            <dl className="audit-meta">
              <dt>Table and record id</dt>
              <dd className="audit-agent">
                <code>{entry.tableName ?? '—'}</code> <code>{entry.recordId ?? '—'}</code>
              </dd>
              <dt>User id</dt>
              <dd className="audit-agent">{entry.userId ?? '—'}</dd>
              <dt>App (user agent)</dt>
              <dd className="audit-agent">{entry.userAgent ?? '—'}</dd>
              <dt>Session / request</dt>
              <dd className="audit-agent">
                {entry.sessionId ?? '—'} / {entry.requestId ?? '—'}
              </dd>
            </dl>
          </details>
          {rows.length === 0 ? (
            <p className="muted">No values were recorded for this entry.</p>
          ) : (
            <DataTable columns={['Field', 'Before', 'After']} caption="Values before and after; changed fields are marked" className="values-table" testId="audit-values">
              {rows.map((row) => (
                <tr key={row.field} className={row.changed ? 'value-changed' : undefined} data-testid="audit-value-row" data-field={row.field} data-changed={row.changed ? 'true' : 'false'}>
                  <th scope="row">
                    {row.field}
                    {row.changed ? <span className="tag tag-scheduled">changed</span> : null}
                  </th>
                  <td className="value-cell">
                    <ValueCell text={row.before} ids={row.beforeIds} />
                  </td>
                  <td className="value-cell">
                    <ValueCell text={row.after} ids={row.afterIds} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </div>
      ) : null}
    </li>
  );
}

/** A value; a list of record ids is counted, with the ids behind a toggle. */
function ValueCell({ text, ids }: { text: string; ids: ValueRow['afterIds'] }) {
  if (ids === undefined) return <>{text}</>;
  return (
    <details className="tech-details">
      <summary>{text}</summary>
      <code>{ids.join(', ')}</code>
    </details>
  );
}
