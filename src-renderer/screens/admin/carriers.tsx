// The admin console's carriers (issue 13): every carrier with its NAIC code and AM Best rating as
// entered (with its as-of date), a form to add one or replace one, and retire/restore per row.
// A retired carrier stays on the products that name it; new products cannot pick it.
import { useState, type ReactNode } from 'react';
import { AM_BEST_OUTLOOKS, AM_BEST_RATINGS, type Carrier, ratingLabel } from '../../../src-shared/catalog/carriers.js';
import { call, desktopApi, errorIssues, errorMessage } from '../../api.js';
import { carrierFormFrom, checkCarrierForm, emptyCarrierForm, sortedCarriers, type CarrierForm } from '../../admin-carriers.js';
import { fieldErrorsFrom, type FieldErrors } from '../../admin-product-form.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, unlabelled } from '../../components/data-table.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { useAdminWrite } from '../../use-admin-write.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';

const PREFIX = 'carrier';
type Notice = { tone: 'ok' | 'error'; text: string } | null;

export function AdminCarriersScreen({ writable }: { writable: boolean }) {
  const { state, reload } = useAsync(async () => (await call(desktopApi().adminListCarriers())).carriers, 'carriers');
  // null: adding a new carrier; a carrier: replacing that one.
  const [editing, setEditing] = useState<Carrier | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const { busy, write } = useAdminWrite();

  const setActive = (carrier: Carrier, active: boolean) =>
    void write(() => call(desktopApi().adminSetCarrierActive({ carrierId: carrier.carrierId, active })), {
      done: (saved) => {
        setNotice({ tone: 'ok', text: saved.isActive ? `${saved.carrierName} is active again.` : `Retired ${saved.carrierName}: new products cannot name it.` });
        reload();
      },
      failed: (error) => setNotice({ tone: 'error', text: `Nothing was changed: ${errorMessage(error)}` }),
    });

  return (
    <Screen title="Carriers">
      <p className="lede">The issuers products name, with the AM Best financial strength rating as you enter it and the date it is as of. Reps see the rating with its date.</p>
      <AsyncView state={state} what="the carriers" onRetry={reload}>
        {(carriers) =>
          carriers.length === 0 ? (
            <p className="notice" role="status" data-testid="carriers-empty">
              No carriers yet.
            </p>
          ) : (
            <DataTable columns={['Carrier', 'NAIC code', 'AM Best rating', 'Status', unlabelled('Actions')]} testId="carriers-table">
              {sortedCarriers(carriers).map((carrier) => (
                <tr key={carrier.carrierId} className={carrier.isActive ? undefined : 'row-inactive'} data-testid="carrier-row">
                  <th scope="row">{carrier.carrierName}</th>
                  <td>{carrier.naicCode}</td>
                  <td>{ratingLabel(carrier)}</td>
                  <td>{carrier.isActive ? <span className="tag tag-in-force">Active</span> : <span className="tag tag-retracted">Retired</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="button-small" onClick={() => setEditing(carrier)} disabled={!writable || busy} aria-label={`Edit ${carrier.carrierName}`}>
                      Edit
                    </button>
                    <button type="button" className="button-small" onClick={() => setActive(carrier, !carrier.isActive)} disabled={!writable || busy} aria-label={`${carrier.isActive ? 'Retire' : 'Restore'} ${carrier.carrierName}`}>
                      {carrier.isActive ? 'Retire' : 'Restore'}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </AsyncView>
      <p role={notice?.tone === 'error' ? 'alert' : 'status'} className={notice?.tone === 'error' ? 'tone-text-error' : 'sr-status'} data-testid="carriers-status">
        {notice?.text ?? ''}
      </p>
      <CarrierEditor
        key={editing?.carrierId ?? 'new'}
        carrier={editing}
        writable={writable}
        onCancel={() => setEditing(null)}
        onSaved={(saved) => {
          setNotice({ tone: 'ok', text: `Saved ${saved.carrierName}. Reps get the change with their next sync.` });
          setEditing(null);
          reload();
        }}
      />
    </Screen>
  );
}

function CarrierEditor(props: { carrier: Carrier | null; writable: boolean; onCancel: () => void; onSaved: (carrier: Carrier) => void }) {
  const { carrier, writable, onCancel, onSaved } = props;
  const [form, setForm] = useState<CarrierForm>(() => (carrier === null ? emptyCarrierForm : carrierFormFrom(carrier)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, write } = useAdminWrite();
  const rated = form.amBestRating !== '';
  const update = (field: keyof CarrierForm, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = () => {
    const checked = checkCarrierForm(form);
    setErrors(checked.ok ? {} : checked.errors);
    setProblem(null);
    if (!checked.ok) return;
    const api = desktopApi();
    void write(() => call(carrier === null ? api.adminCreateCarrier(checked.input) : api.adminReplaceCarrier({ carrierId: carrier.carrierId, carrier: checked.input })), {
      done: onSaved,
      failed: (error) => {
        setErrors(fieldErrorsFrom(errorIssues(error)));
        setProblem(`Nothing was saved: ${errorMessage(error)}`);
      },
    });
  };

  const field = (name: keyof CarrierForm, label: string, input: (ids: ReturnType<typeof invalidProps>) => ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${PREFIX}-${name}`}>{label}</label>
      {input(invalidProps(errors, PREFIX, name, hint === undefined ? undefined : `${PREFIX}-${name}-hint`))}
      {hint === undefined ? null : (
        <span id={`${PREFIX}-${name}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      <FieldMessages errors={errors} prefix={PREFIX} path={name} />
    </div>
  );

  return (
    <Form className="panel form-grid" aria-label={carrier === null ? 'Add a carrier' : `Edit ${carrier.carrierName}`} noValidate onSubmit={submit}>
      <h2 className="span-3">{carrier === null ? 'Add a carrier' : `Edit ${carrier.carrierName}`}</h2>
      {field('carrierName', 'Carrier name', (ids) => (
        <input id={`${PREFIX}-carrierName`} type="text" maxLength={255} value={form.carrierName} onChange={(event) => update('carrierName', event.target.value)} {...ids} />
      ))}
      {field(
        'naicCode',
        'NAIC company code',
        (ids) => <input id={`${PREFIX}-naicCode`} type="text" inputMode="numeric" maxLength={5} value={form.naicCode} onChange={(event) => update('naicCode', event.target.value)} {...ids} />,
        'Five digits, e.g. 60054',
      )}
      {field('amBestRating', 'AM Best rating', (ids) => (
        <select id={`${PREFIX}-amBestRating`} value={form.amBestRating} onChange={(event) => update('amBestRating', event.target.value)} {...ids}>
          <option value="">Not rated</option>
          {AM_BEST_RATINGS.map((rating) => (
            <option key={rating} value={rating}>
              {rating}
            </option>
          ))}
        </select>
      ))}
      {rated
        ? field('amBestOutlook', 'Outlook', (ids) => (
            <select id={`${PREFIX}-amBestOutlook`} value={form.amBestOutlook} onChange={(event) => update('amBestOutlook', event.target.value)} {...ids}>
              <option value="">Choose…</option>
              {AM_BEST_OUTLOOKS.map((outlook) => (
                <option key={outlook} value={outlook}>
                  {outlook}
                </option>
              ))}
            </select>
          ))
        : null}
      {rated
        ? field(
            'ratingAsOf',
            'Rating as of',
            (ids) => <input id={`${PREFIX}-ratingAsOf`} type="date" value={form.ratingAsOf} onChange={(event) => update('ratingAsOf', event.target.value)} {...ids} />,
            'The date of the AM Best rating action',
          )
        : null}
      <div className="actions span-3">
        <button type="submit" className="button-primary" disabled={!writable || busy} data-testid="save-carrier">
          {busy ? 'Saving…' : carrier === null ? 'Add carrier' : 'Save carrier'}
        </button>
        {carrier === null ? null : <button type="button" onClick={onCancel}>Cancel</button>}
        {problem === null ? null : <span role="alert" className="tone-text-error">{problem}</span>}
      </div>
    </Form>
  );
}
