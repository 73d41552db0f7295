import { useState } from 'react';
import type { AvailabilityWindow } from '../../../src-shared/catalog.js';
import { call, desktopApi, errorIssues } from '../../api.js';
import { checkWindowDates, sortedWindows, windowStatus } from '../../admin-availability.js';
import { fieldErrorsFrom, type FieldErrors } from '../../admin-product-form.js';
import { DataTable, unlabelled } from '../../components/data-table.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { useAdminRun } from '../../use-admin-run.js';
import { useBusinessToday } from '../../business-date.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';

/** Availability windows: when the product may be sold. Add one, change a window's end, withdraw one. */
export function AvailabilityPanel(props: { productId: string; windows: readonly AvailabilityWindow[]; writable: boolean; onChanged: () => void }) {
  const { productId, windows, writable, onChanged } = props;
  // The server's business date, not this computer's: the window's status and default start follow it.
  const today = useBusinessToday();
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const changes = useAdminRun(onChanged);
  const { busy, notice } = changes;

  /** Runs one write; `fieldsOfAddForm` puts the server's per-field reasons under the add form's fields. */
  const run = (work: () => Promise<string>, fieldsOfAddForm = false) => changes.run(work, fieldsOfAddForm ? (error) => setErrors(fieldErrorsFrom(errorIssues(error))) : undefined);

  const add = () => {
    const checked = checkWindowDates(startDate, endDate);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    void run(async () => {
      const saved = await call(desktopApi().adminCreateAvailability({ productId, startDate: checked.startDate, endDate: checked.endDate }));
      setEndDate('');
      return `Added the window from ${formatBusinessDate(saved.startDate)}.`;
    }, true);
  };

  return (
    <section className="panel" aria-labelledby="availability-title">
      <h2 id="availability-title">Availability windows</h2>
      <p className="muted">Reps may sell the product on the days inside an active window (both dates included).</p>
      {windows.length === 0 ? (
        <p className="notice" role="status" data-testid="availability-empty">
          No availability windows: reps see this product as not for sale.
        </p>
      ) : (
        <DataTable columns={['From', 'Until', 'Status', unlabelled('Actions')]} testId="availability-table">
          {sortedWindows(windows).map((window) => (
            <WindowRow key={window.availabilityId} window={window} today={today} writable={writable && !busy} run={run} />
          ))}
        </DataTable>
      )}

      <Form className="inline-form" aria-label="Add an availability window" noValidate onSubmit={add}>
        <div className="field">
          <label htmlFor="window-start">Available from</label>
          <input id="window-start" type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} data-testid="window-start" {...invalidProps(errors, 'window', 'startDate')} />
          <FieldMessages errors={errors} prefix="window" path="startDate" />
        </div>
        <div className="field">
          <label htmlFor="window-end">Until (optional)</label>
          <input
            id="window-end"
            type="date"
            value={endDate}
            min={startDate}
            onChange={(event) => setEndDate(event.target.value)}
            data-testid="window-end"
            {...invalidProps(errors, 'window', 'endDate', 'window-end-hint')}
          />
          <span id="window-end-hint" className="field-hint">
            Blank: open ended
          </span>
          <FieldMessages errors={errors} prefix="window" path="endDate" />
        </div>
        <button type="submit" disabled={!writable || busy} data-testid="add-window">
          Add window
        </button>
      </Form>
      <p role={notice?.tone === 'error' ? 'alert' : 'status'} className={notice?.tone === 'error' ? 'tone-text-error' : 'sr-status'} data-testid="availability-status">
        {notice?.text ?? ''}
      </p>
    </section>
  );
}

function WindowRow(props: { window: AvailabilityWindow; today: string; writable: boolean; run: (work: () => Promise<string>, fieldsOfAddForm?: boolean) => Promise<void> }) {
  const { window, today, writable, run } = props;
  const [editing, setEditing] = useState(false);
  const [endDate, setEndDate] = useState(window.endDate ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const status = windowStatus(window, today);
  const label = `the window from ${formatBusinessDate(window.startDate)}`;
  const inputId = `window-${window.availabilityId}-end`;

  const saveEnd = () => {
    const checked = checkWindowDates(window.startDate, endDate);
    if (!checked.ok) {
      setProblem(Object.values(checked.errors).flat().join('; '));
      return;
    }
    setProblem(null);
    void run(async () => {
      await call(desktopApi().adminUpdateAvailability({ availabilityId: window.availabilityId, patch: { endDate: checked.endDate } }));
      setEditing(false);
      return checked.endDate === null ? `${label} is now open ended.` : `${label} now ends on ${formatBusinessDate(checked.endDate)}.`;
    });
  };

  return (
    <tr className={window.isActive ? undefined : 'row-inactive'} data-testid="availability-row">
      <th scope="row">{formatBusinessDate(window.startDate)}</th>
      <td>
        {editing ? (
          <span className="inline-edit">
            <label htmlFor={inputId} className="visually-hidden">
              New end date for {label} (blank: open ended)
            </label>
            <input id={inputId} type="date" value={endDate} min={window.startDate} onChange={(event) => setEndDate(event.target.value)} aria-invalid={problem !== null} aria-describedby={problem === null ? undefined : `${inputId}-error`} />
            <button type="button" className="button-small" onClick={saveEnd} disabled={!writable}>
              Save end date
            </button>
            <button type="button" className="button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {problem === null ? null : (
              <span id={`${inputId}-error`} className="field-error">
                {problem}
              </span>
            )}
          </span>
        ) : window.endDate === null ? (
          'Open ended'
        ) : (
          formatBusinessDate(window.endDate)
        )}
      </td>
      <td>
        <span className={`tag tag-${status.tone}`}>{status.label}</span>
      </td>
      <td className="row-actions">
        {window.isActive && !editing ? (
          <>
            <button type="button" className="button-small" onClick={() => setEditing(true)} disabled={!writable} aria-label={`Change the end of ${label}`}>
              Change end
            </button>
            <button
              type="button"
              className="button-small"
              disabled={!writable}
              aria-label={`Withdraw ${label}`}
              onClick={() =>
                void run(async () => {
                  await call(desktopApi().adminDeactivateAvailability({ availabilityId: window.availabilityId }));
                  return `Withdrew ${label}.`;
                })
              }
            >
              Withdraw
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
