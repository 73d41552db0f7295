// The product editor's "State approvals" panel (issue 13): where an annuity may be sold, state by
// state, from and until which day; add an approval, withdraw one (its last day approved, with a
// reason) or retire one entered by mistake. CDs are not state-filed, so a CD shows a note instead.
import { useState } from 'react';
import { approvedStatesOn, type StateApproval } from '../../../src-shared/catalog/state-approvals.js';
import { STATE_CODES, stateLabel } from '../../../src-shared/catalog/us-states.js';
import type { ProductType } from '../../../src-shared/catalog.js';
import { formatBusinessDate } from '../../../src-shared/format/display.js';
import { call, desktopApi, errorIssues, errorMessage } from '../../api.js';
import { fieldErrorsFrom, type FieldErrors } from '../../admin-product-form.js';
import { approvalStatus, checkApprovalForm, checkWithdrawal, sortedApprovals } from '../../admin-state-approvals.js';
import { useBusinessToday } from '../../business-date.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, unlabelled } from '../../components/data-table.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { routeHref } from '../../navigation.js';
import { useAdminWrite } from '../../use-admin-write.js';
import { useAsync } from '../../use-async.js';

const PREFIX = 'approval';
type Run = (work: () => Promise<string>, onError?: (error: unknown) => void) => Promise<void>;

export function StateApprovalsPanel({ productId, productType, writable }: { productId: string; productType: ProductType; writable: boolean }) {
  const today = useBusinessToday();
  const { state, reload } = useAsync(async () => (await call(desktopApi().adminListStateApprovals({ productId }))).approvals, `approvals-${productId}`);
  const { busy, write } = useAdminWrite();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  // One change at a time; the notice says what happened, and a refusal's fields go to `onError`.
  const run: Run = (work, onError) => {
    setNotice(null);
    return write(work, {
      done: (text) => { setNotice({ tone: 'ok', text }); reload(); },
      failed: (error) => { onError?.(error); setNotice({ tone: 'error', text: `Nothing was changed: ${errorMessage(error)}` }); },
    });
  };

  if (productType === 'CD') {
    return (
      <section className="panel" aria-labelledby="approvals-title">
        <h2 id="approvals-title">State approvals</h2>
        <p className="muted">A CD is a bank deposit, not filed state by state: reps see it in every state.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="approvals-title" data-testid="approvals-panel">
      <h2 id="approvals-title">State approvals</h2>
      <p className="muted">
        Reps may sell the product only in states with an approval covering the day (both dates included). Many at once:{' '}
        <a href={routeHref({ name: 'admin-approval-sheet' })}>import a CSV</a>.
      </p>
      <AsyncView state={state} what="the state approvals" onRetry={reload}>
        {(approvals) => (
          <>
            <ApprovedToday states={approvedStatesOn(approvals, productId, today)} />
            {approvals.length === 0 ? null : (
              <DataTable columns={['State', 'From', 'Until', 'Status', unlabelled('Actions')]} testId="approvals-table">
                {sortedApprovals(approvals).map((approval) => (
                  <ApprovalRow key={approval.approvalId} approval={approval} today={today} writable={writable && !busy} run={run} />
                ))}
              </DataTable>
            )}
          </>
        )}
      </AsyncView>
      <AddApprovalForm productId={productId} today={today} writable={writable && !busy} run={run} />
      <p role={notice?.tone === 'error' ? 'alert' : 'status'} className={notice?.tone === 'error' ? 'tone-text-error' : 'sr-status'} data-testid="approvals-status">
        {notice?.text ?? ''}
      </p>
    </section>
  );
}

function ApprovedToday({ states }: { states: readonly string[] }) {
  return (
    <p data-testid="approved-states">
      {states.length === 0 ? 'Not approved in any state today: reps see it as not approved wherever the client lives.' : `Approved today in ${states.length}: ${states.join(', ')}.`}
    </p>
  );
}

function AddApprovalForm({ productId, today, writable, run }: { productId: string; today: string; writable: boolean; run: Run }) {
  const [stateCode, setStateCode] = useState('');
  const [approvedFrom, setApprovedFrom] = useState(today);
  const [approvedUntil, setApprovedUntil] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const add = () => {
    const checked = checkApprovalForm({ stateCode, approvedFrom, approvedUntil });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    void run(
      async () => {
        const saved = await call(desktopApi().adminAddStateApproval({ productId, approval: checked.value }));
        setApprovedUntil('');
        return `Approved in ${stateLabel(saved.stateCode)} from ${formatBusinessDate(saved.approvedFrom)}.`;
      },
      (error) => setErrors(fieldErrorsFrom(errorIssues(error))),
    );
  };

  return (
    <Form className="inline-form" aria-label="Add a state approval" noValidate onSubmit={add}>
      <div className="field">
        <label htmlFor="approval-stateCode">State</label>
        <select id="approval-stateCode" value={stateCode} onChange={(event) => setStateCode(event.target.value)} {...invalidProps(errors, PREFIX, 'stateCode')}>
          <option value="">Choose a state…</option>
          {STATE_CODES.map((code) => (
            <option key={code} value={code}>
              {stateLabel(code)}
            </option>
          ))}
        </select>
        <FieldMessages errors={errors} prefix={PREFIX} path="stateCode" />
      </div>
      <DateField id="approval-approvedFrom" label="Approved from" value={approvedFrom} onChange={setApprovedFrom} errors={errors} prefix={PREFIX} path="approvedFrom" />
      <DateField id="approval-approvedUntil" label="Until (optional)" hint="Blank: open ended" min={approvedFrom} value={approvedUntil} onChange={setApprovedUntil} errors={errors} prefix={PREFIX} path="approvedUntil" />
      <button type="submit" disabled={!writable} data-testid="add-approval">
        Add approval
      </button>
    </Form>
  );
}

function ApprovalRow({ approval, today, writable, run }: { approval: StateApproval; today: string; writable: boolean; run: Run }) {
  const [action, setAction] = useState<'withdraw' | 'retire' | null>(null);
  const [until, setUntil] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const status = approvalStatus(approval, today);
  const label = `the ${stateLabel(approval.stateCode)} approval from ${formatBusinessDate(approval.approvedFrom)}`;
  const prefix = `approval-${approval.approvalId}`;

  const confirm = () => {
    const api = desktopApi();
    if (action === 'withdraw') {
      const checked = checkWithdrawal(approval, { approvedUntil: until, reason });
      setErrors(checked.ok ? {} : checked.errors);
      if (!checked.ok) return;
      void run(async () => {
        await call(api.adminWithdrawStateApproval({ approvalId: approval.approvalId, ...checked.value }));
        setAction(null);
        return `Withdrew ${label}: the last day approved is ${formatBusinessDate(checked.value.approvedUntil)}.`;
      });
    } else if (action === 'retire') {
      if (reason.trim() === '') {
        setErrors({ reason: ['is required: say why the approval was a mistake'] });
        return;
      }
      void run(async () => {
        await call(api.adminRetireStateApproval({ approvalId: approval.approvalId, reason: reason.trim() }));
        setAction(null);
        return `Retired ${label}.`;
      });
    }
  };

  return (
    <tr className={approval.isActive ? undefined : 'row-inactive'} data-testid="approval-row" data-state={approval.stateCode}>
      <th scope="row">{stateLabel(approval.stateCode)}</th>
      <td>{formatBusinessDate(approval.approvedFrom)}</td>
      <td>{approval.approvedUntil === null ? 'Open ended' : formatBusinessDate(approval.approvedUntil)}</td>
      <td>
        <span className={`tag tag-${status.tone}`}>{status.label}</span>
      </td>
      <td className="row-actions">
        {approval.isActive && action === null ? (
          <>
            <button type="button" className="button-small" disabled={!writable} onClick={() => setAction('withdraw')} aria-label={`Withdraw ${label}`}>
              Withdraw
            </button>
            <button type="button" className="button-small" disabled={!writable} onClick={() => setAction('retire')} aria-label={`Retire ${label}`}>
              Retire
            </button>
          </>
        ) : null}
        {action === null ? null : (
          <Form className="inline-edit" aria-label={`${action === 'withdraw' ? 'Withdraw' : 'Retire'} ${label}`} noValidate onSubmit={confirm}>
            {action === 'withdraw' ? (
              <DateField id={`${prefix}-approvedUntil`} label="Last day approved" min={approval.approvedFrom} value={until} onChange={setUntil} errors={errors} prefix={prefix} path="approvedUntil" />
            ) : null}
            <span className="field">
              <label htmlFor={`${prefix}-reason`}>Reason (kept in the audit log)</label>
              <input id={`${prefix}-reason`} type="text" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} {...invalidProps(errors, prefix, 'reason')} />
              <FieldMessages errors={errors} prefix={prefix} path="reason" />
            </span>
            <button type="submit" className="button-small" disabled={!writable}>
              {action === 'withdraw' ? 'Withdraw' : 'Retire'}
            </button>
            <button type="button" className="button-small" onClick={() => setAction(null)}>
              Cancel
            </button>
          </Form>
        )}
      </td>
    </tr>
  );
}

/** A labelled date input with its optional hint and its messages. */
function DateField(props: { id: string; label: string; hint?: string; min?: string; value: string; onChange: (value: string) => void; errors: FieldErrors; prefix: string; path: string }) {
  const { id, label, hint, min, value, onChange, errors, prefix, path } = props;
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} min={min} onChange={(event) => onChange(event.target.value)} {...invalidProps(errors, prefix, path, hint === undefined ? undefined : `${id}-hint`)} />
      {hint === undefined ? null : <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      <FieldMessages errors={errors} prefix={prefix} path={path} />
    </span>
  );
}
